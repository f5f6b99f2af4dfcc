from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from accounts.models import Role, User
from mentoring import demo as mentoring_demo
from programmes.admissions import demo as admissions_demo
from programmes.cohorts import demo as cohorts_demo
from programmes.completion import demo as completion_demo
from programmes.equality import demo as equality_demo
from programmes.events import demo as events_demo
from programmes.impact import demo as impact_demo
from programmes.messaging import demo as messaging_demo
from programmes.privacy import demo as privacy_demo
from programmes.recruitment import demo as recruitment_demo


class Command(BaseCommand):
    """Each app seeds its own part, lowest layer first: what a later part needs already exists."""

    help = "Load the demo data (partners, pathways, cohorts, applications, sessions, mentors, campaigns). Re-runnable."

    @transaction.atomic
    def handle(self, *args, **options):
        programme = cohorts_demo.seed()
        events_demo.seed(programme["cohort"])
        admissions_demo.seed(cohort=programme["cohort"], partners=programme["partners"])
        events_demo.seed_interviews(programme["cohort"])  # after admissions: the invited shortlist
        accounts_demo.seed(programme["partners"])
        recruitment_demo.seed(
            cohort=programme["cohort"],
            partners=programme["partners"],
            coordinator=User.objects.filter(is_demo=True, role=Role.COORDINATOR).first(),
        )
        mentoring_demo.seed()
        completion_demo.seed(programme["cohort"])
        messaging_demo.seed(
            cohort=programme["cohort"], coordinator=User.objects.filter(is_demo=True, role=Role.COORDINATOR).first()
        )
        equality_demo.seed(programme["cohort"])
        impact_demo.seed()  # last: the finished cohort uses the partners, pathways and mentors above
        privacy_demo.seed(coordinator=User.objects.filter(is_demo=True, role=Role.COORDINATOR).first())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {User.objects.filter(is_demo=True).count()} demo accounts, "
                f"cohort '{programme['cohort']}'."
            )
        )
