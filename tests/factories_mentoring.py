import factory

from mentoring.models import Match, Meeting, MentorProfile
from programmes.admissions.models import ApplicationState
from tests.factories import ApplicationFactory, CohortFactory, MentorFactory, PathwayFactory, StudentFactory


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(MentorFactory)
    organisation = factory.Sequence(lambda n: f"Medtech {n} Ltd")
    job_title = "Regulatory affairs manager"
    sector = "devices"
    seniority = 3
    capacity = 2
    mode = "online"

    @factory.post_generation
    def pathways(self, create, extracted, **kwargs):
        if create:
            self.pathways.set(extracted if extracted is not None else [PathwayFactory(slug="regulatory-affairs")])


class ConfirmedApplicationFactory(ApplicationFactory):
    state = ApplicationState.CONFIRMED


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    cohort = factory.SubFactory(CohortFactory)
    student = factory.SubFactory(StudentFactory)
    mentor = factory.SubFactory(MentorFactory)
    score = 70.0
    explanation = "shared pathways: regulatory affairs"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    match = factory.SubFactory(MatchFactory)
    met_on = factory.Faker("past_date")
    topic = "CV review"
    notes = "Private notes about the CV."
