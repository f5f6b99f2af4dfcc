from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import Role, User
from programmes.admissions.models import Application, ApplicationState
from programmes.cohorts.models import Cohort, CohortPartner, CohortStatus, LevelOfStudy, Partner, Pathway

PASSWORD = "a-long-test-password-1"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"University {n}")
    short_name = factory.Sequence(lambda n: f"U{n}")
    slug = factory.Sequence(lambda n: f"uni-{n}")
    email_domains = factory.LazyAttribute(lambda p: [f"{p.slug}.ac.uk"])


class PathwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pathway
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Pathway {n}")
    slug = factory.Sequence(lambda n: f"pathway-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.STUDENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class StudentFactory(UserFactory):
    role = Role.STUDENT


class StaffFactory(UserFactory):
    role = Role.STAFF
    partner = factory.SubFactory(PartnerFactory)
    is_demo = True  # skips MFA unless a test turns FTL_DEMO_MFA_OPTIONAL off


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
    is_demo = True


class MentorFactory(UserFactory):
    role = Role.MENTOR


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Cohort {n}")
    slug = factory.Sequence(lambda n: f"cohort-{n}")
    status = CohortStatus.OPEN
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=5))
    applications_close_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    programme_starts_on = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=30)).date())
    programme_ends_on = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=120)).date())
    levels_allowed = factory.LazyFunction(lambda: [c for c, _ in LevelOfStudy.choices])
    # Decision tests stage without writing reviews first; the tests of the minimum set it themselves.
    min_reviews_for_decision = 0


class CohortPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortPartner

    cohort = factory.SubFactory(CohortFactory)
    partner = factory.SubFactory(PartnerFactory)
    quota = 10


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    partner = factory.SubFactory(PartnerFactory)
    student = factory.SubFactory(StudentFactory)
    state = ApplicationState.DRAFT
    course = "Biomedical Engineering"
    level_of_study = LevelOfStudy.UNDERGRADUATE
    year_of_study = 2
    motivation = "I want to work on medical devices."
    career_goals = "Regulatory affairs."
    availability = "Tuesdays and Thursdays."


# Everyone a permission table asks about: a person of each role, and someone not signed in.
PEOPLE_BY_ROLE = {
    "student": StudentFactory,
    "staff": StaffFactory,
    "coordinator": CoordinatorFactory,
    "mentor": MentorFactory,
    "anonymous": AnonymousUser,
}
