"""Mentor profiles and students' mentoring preferences."""

from django.db import IntegrityError, transaction

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


def _save_own(model, owner, fields, many):
    """The owner's one row: created on their first save, updated after. Two first saves at once (a
    double click, two tabs) both find no row; the insert that loses the unique constraint is tried
    again once, and then updates the row the other one made."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                instance = model.objects.select_for_update().filter(**owner).first() or model(**owner)
                return _save(instance, fields, many)
        except IntegrityError:
            if attempt:
                raise


def save_mentor_profile(*, user, fields, pathways, excluded_partners):
    return _save_own(
        MentorProfile, {"user": user}, fields, {"pathways": pathways, "excluded_partners": excluded_partners}
    )


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
    return _save_own(MentoringPreference, {"student": student}, fields, {"pathways": pathways})
