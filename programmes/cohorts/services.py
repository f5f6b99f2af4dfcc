"""Coordinators set up the programme: partners, cohorts with quotas and a rubric, pathways, and
extensions to the application deadline for one student."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ftl_portal.errors import PortalError
from programmes.cohorts.models import Cohort, CohortPartner, Partner, Pathway


class SetupError(PortalError):
    """A change that would leave the programme inconsistent; the message is for the coordinator."""


def _save_fields(instance, data):
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        # Another request saved the same name between the check above and this save: the unique
        # check, asked again, now names the clash.
        try:
            instance.validate_unique()
        except ValidationError as clash:
            raise SetupError(" ".join(clash.messages)) from exc
        raise
    return instance


def save_partner(*, partner=None, data):
    if data.get("mark") is False:  # "Clear" ticked on the upload: back to the built-in wordmark
        data = {**data, "mark": ""}
    return _save_fields(partner or Partner(), data)


def save_pathway(*, pathway=None, data):
    return _save_fields(pathway or Pathway(), data)


@transaction.atomic
def save_cohort(*, cohort=None, data, quotas, rubric):
    """Save a cohort, its partners' quotas ({partner: places}) and rubric in one go. A partner whose
    students have applied cannot be taken out of the cohort."""
    cohort = cohort or Cohort()
    cohort = _save_fields(cohort, {**data, "rubric": rubric})
    leaving = cohort.cohort_partners.exclude(partner__in=list(quotas))
    with_applicants = [
        cp.partner.name
        for cp in leaving.select_related("partner")
        if cohort.applications.filter(partner=cp.partner).exists()
    ]
    if with_applicants:
        raise SetupError(
            f"{', '.join(with_applicants)} already has applicants in this cohort, so it must keep a quota."
        )
    leaving.delete()
    for partner, quota in quotas.items():
        CohortPartner.objects.update_or_create(cohort=cohort, partner=partner, defaults={"quota": quota})
    return cohort


@transaction.atomic
def save_public_page(*, cohort, contact_email, decisions_by, offer, questions):
    """Save what a cohort's public page says; questions is the validated FAQ formset."""
    _save_fields(cohort, {"contact_email": contact_email, "decisions_by": decisions_by, "offer": offer})
    for question in questions.save(commit=False):
        question.cohort = cohort
        question.save()
    for question in questions.deleted_objects:
        question.delete()
    return cohort
