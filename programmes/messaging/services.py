"""Writes for cohort messages: draft one, then send it once. Sending is idempotent twice over: a
message already sent sends nothing more, and each recipient's email has the outbox key
message:{message}:{user}, so a retried or concurrent confirmation never emails anyone twice."""

from django.db import transaction
from django.utils import timezone

from ftl_portal.confirmation import check_fingerprint
from ftl_portal.errors import PortalError
from programmes.messaging import emails
from programmes.messaging.models import SESSION_AUDIENCES, Audience, CohortMessage
from programmes.messaging.selectors import recipients_for


class MessageRefused(PortalError):
    """A message that cannot be drafted or sent as asked; the sentence is for the coordinator."""


def create_message(*, created_by, cohort, audience, subject, body, session=None, partner=None):
    if audience not in Audience.values:
        raise MessageRefused("Choose who the message is for.")
    if audience in SESSION_AUDIENCES:
        if session is None or session.cohort_id != cohort.pk:
            raise MessageRefused("Choose a session of this cohort.")
        partner = None
    elif audience == Audience.UNIVERSITY:
        if partner is None:
            raise MessageRefused("Choose the university.")
        session = None
    else:
        session = partner = None
    if not subject.strip() or not body.strip():
        raise MessageRefused("Write a subject and a message.")
    return CohortMessage.objects.create(
        cohort=cohort,
        audience=audience,
        session=session,
        partner=partner,
        subject=subject.strip(),
        body=body.strip(),
        created_by=created_by,
    )


def send_message(*, message, audience=None, now=None):
    """Queue the message to everyone in its audience now. Returns how many were queued: 0 when it
    had been sent already. `audience` is the fingerprint of the people the coordinator confirmed
    on the preview (emails.send_confirmation): if they have changed since, nothing is sent
    (AudienceChanged) and the preview shows them again. None (a script) sends without one."""
    now = now or timezone.now()
    with transaction.atomic():
        # Only the message row is locked: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
        locked = (
            CohortMessage.objects.select_for_update(of=("self",))
            .select_related("cohort", "created_by")
            .get(pk=message.pk)
        )
        if locked.sent_at is not None:
            return locked, 0
        people = list(recipients_for(locked))
        if not people:
            raise MessageRefused("Nobody is in this audience, so there is no one to send it to.")
        if audience is not None:
            check_fingerprint(audience, emails.audience_items(people))
        for person in people:
            emails.queue_cohort_message(locked, person)
        locked.sent_at, locked.recipient_count = now, len(people)
        locked.save(update_fields=["sent_at", "recipient_count"])
    return locked, len(people)
