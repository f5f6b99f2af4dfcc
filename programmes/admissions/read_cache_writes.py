"""Every write the queue's cached reads depend on bumps their version (read_cache): connected in
AdmissionsConfig.ready(), so no service can forget it."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from programmes.admissions.models import Application, InterviewStage, Question, Review, StagedDecision
from programmes.admissions.read_cache import ALL, CHOICES, bump
from programmes.cohorts.models import Cohort, CohortPartner, Partner, Pathway


def _application_written(sender, instance, **kwargs):
    bump(instance.partner_id, ALL)


def _application_part_written(sender, instance, **kwargs):
    """A review or a staged decision: its application's university (a read only when the
    application is not already loaded, as it is in the services)."""
    if type(instance).application.is_cached(instance):
        partner_id = instance.application.partner_id
    else:
        partner_id = Application.objects.filter(pk=instance.application_id).values_list("partner_id", flat=True).first()
    bump(*([partner_id] if partner_id else []), ALL)


def _set_up_written(sender, **kwargs):
    bump(CHOICES)


def connect():
    post_save.connect(_application_written, sender=Application, dispatch_uid="read-cache-Application")
    post_delete.connect(_application_written, sender=Application, dispatch_uid="read-cache-del-Application")
    for model in (Review, StagedDecision):
        post_save.connect(_application_part_written, sender=model, dispatch_uid=f"read-cache-{model.__name__}")
        post_delete.connect(_application_part_written, sender=model, dispatch_uid=f"read-cache-del-{model.__name__}")
    for model in (Partner, Cohort, CohortPartner, Pathway, Question, InterviewStage):
        post_save.connect(_set_up_written, sender=model, dispatch_uid=f"read-cache-{model.__name__}")
        post_delete.connect(_set_up_written, sender=model, dispatch_uid=f"read-cache-del-{model.__name__}")
    m2m_changed.connect(_set_up_written, sender=CohortPartner, dispatch_uid="read-cache-cohort-partners")
