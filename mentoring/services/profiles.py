"""Mentor profiles and students' mentoring preferences."""

from django.db import transaction

from ..models import MentoringPreference, MentorProfile


def _save(instance, fields, many):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=list(many) + ["user", "student"])
    instance.save()
    for name, values in many.items():
        getattr(instance, name).set(values)
    return instance


def save_mentor_profile(*, user, fields, pathways, excluded_partners, excluded_people):
    with transaction.atomic():
        profile = MentorProfile.objects.filter(user=user).first() or MentorProfile(user=user)
        many = {"pathways": pathways, "excluded_partners": excluded_partners, "excluded_people": excluded_people}
        return _save(profile, fields, many)


def save_preferences(*, student, fields, pathways):
    with transaction.atomic():
        preference = MentoringPreference.objects.filter(student=student).first() or MentoringPreference(student=student)
        return _save(preference, fields, {"pathways": pathways})
