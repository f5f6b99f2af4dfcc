"""A coordinator's message as each recipient gets it: their name, the text, who sent it and why."""

from django.template.loader import render_to_string

from ftl_portal.confirmation import Confirmation, RenderedEmail, fingerprint
from ftl_portal.outbox import services as outbox
from ftl_portal.outbox.models import MessageKind


def render_body(message, person):
    return render_to_string("email/messaging/message_body.txt", {"message": message, "person": person})


def queue_cohort_message(message, person):
    return outbox.queue_email(
        key=f"message:{message.pk}:{person.pk}",
        to=person.email,
        subject=message.subject,
        body=render_body(message, person),
        kind=MessageKind.SERVICE,
        source=f"message:{message.pk}",
    )


def audience_items(people):
    return [person.pk for person in people]


def send_confirmation(message, people):
    """The preview a coordinator confirms (ftl_portal/confirmation.py): each recipient and what
    each reads; the first email open."""
    return Confirmation(
        columns=["Name", "Email"],
        rows=[[person.get_full_name(), person.email] for person in people],
        emails=[RenderedEmail(to=p.email, subject=message.subject, body=render_body(message, p)) for p in people],
        audience=fingerprint(audience_items(people)),
    )
