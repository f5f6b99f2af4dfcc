"""A first save of a mentor's profile or a student's preferences that races another first save of
the same person's (a double click, two tabs): both read no row, the second insert meets the unique
constraint, and it becomes an update of the first's row instead of a 500."""

import pytest
from django.db.models import QuerySet

from mentoring.models import MentoringPreference, MentorProfile
from mentoring.services.profiles import save_mentor_profile, save_preferences
from tests.factories import MentorFactory, PathwayFactory, StudentFactory

pytestmark = pytest.mark.django_db


def first_read_misses(monkeypatch, model):
    """The race: this request's first read of `model` ran before the other request's row committed."""
    original, missed = QuerySet.first, []

    def first(queryset):
        if queryset.model is model and not missed:
            missed.append(True)
            return None
        return original(queryset)

    monkeypatch.setattr(QuerySet, "first", first)


def test_a_racing_first_save_of_a_mentor_profile_updates_the_other_ones_row(monkeypatch):
    mentor, pathway = MentorFactory(), PathwayFactory()
    fields = {"organisation": "Acme Devices", "job_title": "Engineer", "sector": "devices"}
    save_mentor_profile(user=mentor, fields=fields, pathways=[pathway], excluded_partners=[])
    first_read_misses(monkeypatch, MentorProfile)
    saved = save_mentor_profile(
        user=mentor, fields={**fields, "organisation": "Acme Imaging"}, pathways=[pathway], excluded_partners=[]
    )
    assert MentorProfile.objects.get(user=mentor).pk == saved.pk
    assert MentorProfile.objects.get(user=mentor).organisation == "Acme Imaging"


def test_a_racing_first_save_of_mentoring_preferences_updates_the_other_ones_row(monkeypatch):
    student = StudentFactory()
    save_preferences(student=student, fields={"goals": "Regulatory affairs"}, pathways=[])
    first_read_misses(monkeypatch, MentoringPreference)
    save_preferences(student=student, fields={"goals": "Clinical trials"}, pathways=[])
    assert MentoringPreference.objects.get(student=student).goals == "Clinical trials"
