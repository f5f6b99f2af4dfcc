import factory
from django.db import connection
from django.utils import timezone

from programmes.admissions.models import ApplicationState, Review, ReviewAssignment, ReviewerProfile, StagedDecision
from programmes.cohorts.models import CohortPartner

from .factories import ApplicationFactory, CohortFactory, PartnerFactory, StaffFactory


class SubmittedApplicationFactory(ApplicationFactory):
    state = ApplicationState.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(SubmittedApplicationFactory)
    reviewer = factory.SubFactory(StaffFactory, partner=factory.SelfAttribute("..application.partner"))
    scores = factory.LazyFunction(lambda: {"motivation": 4, "potential": 4, "commitment": 4})
    weighted_score = 4.0
    recommendation = "offer"


class StagedDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StagedDecision

    application = factory.SubFactory(SubmittedApplicationFactory)
    decision = ApplicationState.OFFERED


def university_in_cohort(*, quota=10, cohort=None, partner=None, blind_first_review=False):
    """A cohort (a new one unless given, blind-first-review if asked) with one partner university and
    its quota."""
    cohort = cohort or CohortFactory(blind_first_review=blind_first_review)
    partner = partner or PartnerFactory()
    return CohortPartner.objects.create(cohort=cohort, partner=partner, quota=quota)


def submitted_at_two_universities(rows):
    """`rows` submitted applications at each of two universities in their own cohorts."""
    for _ in range(2):
        seat = university_in_cohort()
        SubmittedApplicationFactory.create_batch(rows, cohort=seat.cohort, partner=seat.partner)


def release_fingerprint(cohort_partner):
    """The audience fingerprint the release confirmation page shows for what is staged now."""
    from programmes.admissions.selectors.releases import release_audience, staged_for

    return release_audience(staged_for(cohort_partner=cohort_partner))


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    application = factory.SubFactory(SubmittedApplicationFactory)
    reviewer = factory.SubFactory(StaffFactory, partner=factory.SelfAttribute("..application.partner"))


def lead_reviewer(partner, **fields):
    """A member of the university's staff who leads its reviewing."""
    lead = StaffFactory(partner=partner, **fields)
    ReviewerProfile.objects.create(user=lead, is_lead=True)
    return lead


def queue_queries(*, filtered=False):
    """Session and user, then the page: on PostgreSQL one pre-written query (count, ids, rows,
    pathways, figures); on SQLite the ORM's page ids, rows, pathways and figures, and a count when
    a filter narrows the queue. The header counts and filter choices come from the cache."""
    if connection.vendor == "postgresql":
        return 3
    return 7 if filtered else 6
