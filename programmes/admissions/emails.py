"""Which programme email goes to whom, with what context."""

from django.conf import settings
from django.urls import reverse

from ftl_portal.confirmation import RenderedEmail
from ftl_portal.outbox import services as outbox
from programmes.admissions.models import ApplicationState as S

# Each state a student hears about, and the template that tells them.
STATE_TEMPLATES = {
    S.SUBMITTED: "applications/received",
    S.OFFERED: "applications/offered",
    S.WAITLISTED: "applications/waitlisted",
    S.REJECTED: "applications/rejected",
    S.CONFIRMED: "applications/confirmed",
    S.DECLINED: "applications/declined",
    S.WITHDRAWN: "applications/withdrawn",
}


def _state_context(application):
    return {
        "application": application,
        "student": application.student,
        "cohort": application.cohort,
        "dashboard_path": reverse("dashboard"),
    }


def queue_state_email(*, application, state):
    template = STATE_TEMPLATES.get(state)
    if template is None:
        return None
    return outbox.queue_templated_email(
        key=f"decision:{application.pk}:{state}",
        to=application.student.email,
        template=template,
        context=_state_context(application),
        source=f"application:{application.pk}",
    )


def render_state_email(*, application, state):
    """The email queue_state_email would queue, rendered for a confirmation page and not queued."""
    subject, body, _ = outbox.render_email(
        STATE_TEMPLATES[state], {"site_url": settings.SITE_URL, **_state_context(application)}
    )
    return RenderedEmail(to=application.student.email, subject=subject, body=body)
