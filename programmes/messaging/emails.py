"""A coordinator's message as each recipient gets it: their name, the text, who sent it and why."""

from django.template.loader import render_to_string

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
