"""Mentor profiles and students' mentoring preferences."""

from django.db import transaction

from ftl_portal.errors import PortalError

from ..models import MentoringPreference, MentorProfile


class ProfileRefused(PortalError):
    pass


def _save(instance, fields, many):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=list(many) + ["user", "student"])
    instance.save()
    for name, values in many.items():
        getattr(instance, name).set(values)
    return instance


def save_mentor_profile(*, user, fields, pathways, excluded_partners):
    with transaction.atomic():
        profile = MentorProfile.objects.filter(user=user).first() or MentorProfile(user=user)
        return _save(profile, fields, {"pathways": pathways, "excluded_partners": excluded_partners})


def _profile_of(user):
    profile = MentorProfile.objects.filter(user=user).first()
    if profile is None:
        raise ProfileRefused("Save your mentor profile first; then you can name people not to be matched with.")
    return profile


def exclude_people(*, user, people):
    """Add people (already checked to be in the mentor's pool) to those they are never matched with."""
    _profile_of(user).excluded_people.add(*people)


def include_person(*, user, person_id):
    """Take one person off the mentor's exclusions; someone not on them changes nothing."""
    _profile_of(user).excluded_people.remove(person_id)


def save_preferences(*, student, fields, pathways):
    with transaction.atomic():
        preference = MentoringPreference.objects.filter(student=student).first() or MentoringPreference(student=student)
        return _save(preference, fields, {"pathways": pathways})
