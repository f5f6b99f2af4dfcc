"""Every model of ours that points at a person, or holds an email address, is in the register of
personal data: a new one cannot be forgotten by export and erasure."""

from django.apps import apps
from django.conf import settings
from django.db import models

from ftl_portal import privacy

OURS = ("accounts", "ftl_portal", "programmes", "mentoring")
THEIRS_BUT_PERSONAL = {"account.EmailAddress", "mfa.Authenticator"}


def holds_personal_data(model):
    user = apps.get_model(settings.AUTH_USER_MODEL)
    for field in model._meta.get_fields():
        if isinstance(field, models.EmailField):
            return True
        if isinstance(field, (models.ForeignKey, models.OneToOneField)) and field.related_model is user:
            return True
    return model is user


def test_every_model_with_personal_data_is_registered():
    registered = {entry.key for entry in privacy.entries()}
    candidates = [m for m in apps.get_models() if m.__module__.startswith(OURS) or m._meta.label in THEIRS_BUT_PERSONAL]
    missing = sorted(m._meta.label for m in candidates if holds_personal_data(m) and m._meta.label not in registered)
    assert missing == []


def test_every_entry_says_why():
    assert all(entry.why.strip() for entry in privacy.entries())
