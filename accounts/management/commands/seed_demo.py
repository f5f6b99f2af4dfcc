from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from accounts.models import Role, User
from mentoring import demo as mentoring_demo
from programmes import demo as programmes_demo
from programmes import demo_applications, demo_campaigns, demo_sessions


class Command(BaseCommand):
    help = "Load the demo data (partners, pathways, cohorts, applications, sessions, mentors, campaigns). Re-runnable."

    @transaction.atomic
    def handle(self, *args, **options):
        programme = programmes_demo.seed()
        demo_sessions.seed(programme["cohort"])
        demo_applications.seed(cohort=programme["cohort"], partners=programme["partners"])
        accounts_demo.seed(programme["partners"])
        demo_campaigns.seed(
            cohort=programme["cohort"],
            partners=programme["partners"],
            coordinator=User.objects.filter(is_demo=True, role=Role.COORDINATOR).first(),
        )
        mentoring_demo.seed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {User.objects.filter(is_demo=True).count()} demo accounts, "
                f"cohort '{programme['cohort']}'."
            )
        )
