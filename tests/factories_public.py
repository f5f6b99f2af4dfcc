"""Factories for what the public pages say: a cohort with its public content, questions, share links."""

import factory

from programmes.cohorts.models import FrequentQuestion
from programmes.recruitment.models import ShareLink
from tests.factories import CohortFactory, CohortPartnerFactory

OFFER = {
    "expert_talk": "Talks by people who regulate devices.",
    "careers_insight": "What the jobs are really like.",
    "mentoring": "An industry mentor for six months.",
    "networking": "Evenings with medtech companies.",
}


class PublicCohortFactory(CohortFactory):
    """An open cohort whose public page is filled in, with one partner university."""

    class Meta:
        skip_postgeneration_save = True

    summary = "Sessions, insight, mentoring and networking in medtech."
    contact_email = "pilot@ftl.test"
    offer = factory.LazyFunction(lambda: dict(OFFER))
    decisions_by = factory.LazyAttribute(lambda c: c.applications_close_at.date())
    partner = factory.RelatedFactory(CohortPartnerFactory, factory_related_name="cohort")


class FrequentQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrequentQuestion

    cohort = factory.SubFactory(PublicCohortFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."


class ShareLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShareLink

    cohort = factory.SubFactory(PublicCohortFactory)
    slug = factory.Sequence(lambda n: f"channel-{n}")
    label = factory.Sequence(lambda n: f"Channel {n}")
    partner = None
