import factory
from django.utils import timezone

from programmes.recruitment.models import Campaign, ConsentRecord, Prospect, ProspectSource
from tests.factories import CohortFactory, CoordinatorFactory


class ProspectFactory(factory.django.DjangoModelFactory):
    """A confirmed prospect with a consent record."""

    class Meta:
        model = Prospect
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"prospect{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Pat{n}")
    source = ProspectSource.FORM
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def consent(self, create, extracted, **kwargs):
        if create:
            ConsentRecord.objects.create(
                prospect=self, wording="Email me about FTL", source="test", confirmed_at=self.confirmed_at
            )

    @factory.post_generation
    def pathways(self, create, extracted, **kwargs):
        if create and extracted:
            self.pathways.set(extracted)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Campaign {n}")
    cohort = factory.SubFactory(CohortFactory)
    subject = "Applications open for {{ cohort }}"
    body_text = "Hello {{ first_name }},\n\nApply by {{ deadline }}: {{ apply_link }}\n"
    rate_per_minute = 10000
    created_by = factory.SubFactory(CoordinatorFactory)
