"""Telling the invited applicants who hold no interview slot that slots are free: the slots page
offers it once there are both, through a confirmation naming each applicant and the email they get.
The email's outbox key carries the confirmed audience, so a second post of the same page sends
nothing, while slots added later can be announced again."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ftl_portal.confirmation import Confirmation, RenderedEmail, check_fingerprint, fingerprint
from ftl_portal.outbox import services as outbox
from ftl_portal.outbox.models import OutboxMessage
from programmes.events import selectors

TEMPLATE = "applications/interview_slots_open"
EMAILS_SHOWN = 50  # the confirmation renders this many in full; the count covers everyone


def _items(invitations, slots):
    slot_ids = ",".join(str(s.pk) for s in slots)
    return [(i.application_id, slot_ids) for i in invitations]


def news_email(invitation, slots):
    application = invitation.application
    context = {
        "student": application.student,
        "cohort": application.cohort,
        "free_count": len(slots),
        "first": slots[0].starts_at,
        "last": slots[-1].starts_at,
        "book_url": settings.SITE_URL + reverse("sessions:interview", args=[application.cohort_id]),
    }
    return TEMPLATE, context


def news_confirmation(*, user, cohort, now=None):
    """Whom the news reaches (each applicant, their university) and the email each reads."""
    invitations = list(selectors.waiting_for_a_slot(user=user, cohort=cohort))
    slots = list(selectors.free_interview_slots(cohort_id=cohort.pk, now=now))
    emails = []
    for invitation in invitations[:EMAILS_SHOWN] if slots else []:
        subject, body, _ = outbox.render_email(*news_email(invitation, slots))
        emails.append(RenderedEmail(to=invitation.application.student.email, subject=subject, body=body))
    rows = [
        [
            i.application.student.get_full_name(),
            i.application.student.email,
            i.application.partner.name,
            date_format(timezone.localtime(i.invited_at), "j M Y"),
        ]
        for i in invitations
    ]
    return Confirmation(
        columns=["Applicant", "Email", "University", "Invited"],
        rows=rows if slots else [],
        emails=emails,
        audience=fingerprint(_items(invitations, slots)),
        email_count=len(invitations) if slots else 0,
    ), slots


def tell_about_free_slots(*, user, cohort, audience, now=None):
    """Email each applicant the confirmation named; nothing if the applicants or the free slots changed
    since (AudienceChanged). Returns how many emails were queued: none for those already told of
    these same slots."""
    with transaction.atomic():
        invitations = list(selectors.waiting_for_a_slot(user=user, cohort=cohort).select_for_update(of=("self",)))
        slots = list(selectors.free_interview_slots(cohort_id=cohort.pk, now=now))
        check_fingerprint(audience, _items(invitations, slots))
        if not slots:
            return 0
        keys = {i.pk: f"interview-slots:{i.application_id}:{audience}" for i in invitations}
        told_already = set(OutboxMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
        invitations = [i for i in invitations if keys[i.pk] not in told_already]
        for invitation in invitations:
            template, context = news_email(invitation, slots)
            outbox.queue_templated_email(
                key=keys[invitation.pk],
                to=invitation.application.student.email,
                template=template,
                context=context,
                source=f"application:{invitation.application_id}",
            )
    return len(invitations)
