"""Factories and files for the apply journey."""

import io

import factory
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from programmes.admissions.models import Application, ApplicationExtension

from .factories import (
    ApplicationFactory,
    CohortFactory,
    CohortPartnerFactory,
    PartnerFactory,
    PathwayFactory,
    StudentFactory,
)


def pdf_bytes():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="cv.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def words(n):
    return " ".join(["medtech"] * n)


def open_cohort_with_partner(**cohort_kwargs):
    """An open cohort and one partner university taking part in it."""
    cohort = CohortFactory(**cohort_kwargs)
    partner = PartnerFactory()
    CohortPartnerFactory(cohort=cohort, partner=partner)
    return cohort, partner


class CompleteApplicationFactory(ApplicationFactory):
    """A draft with every section answered, ready to submit."""

    class Meta:
        skip_postgeneration_save = True

    motivation = factory.LazyFunction(lambda: words(40))
    career_goals = factory.LazyFunction(lambda: words(20))
    availability = "Tuesdays and Thursdays after 2pm."
    consent_given_at = factory.LazyFunction(timezone.now)
    cv = factory.LazyFunction(lambda: pdf_upload())

    @factory.post_generation
    def pathways(self, create, extracted, **kwargs):
        if create:
            self.pathways.set(extracted or [PathwayFactory()])


class ExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationExtension

    cohort = factory.SubFactory(CohortFactory)
    student = factory.SubFactory(StudentFactory)
    until = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=3))


@pytest.fixture(name="private_media")
def private_media_fixture(tmp_path):
    """CVs written during a test go to a temporary folder, not var/private."""
    storage = Application._meta.get_field("cv").storage
    saved = storage._location
    storage._location = str(tmp_path)
    storage.__dict__.pop("base_location", None)
    storage.__dict__.pop("location", None)
    yield tmp_path
    storage._location = saved
    storage.__dict__.pop("base_location", None)
    storage.__dict__.pop("location", None)
