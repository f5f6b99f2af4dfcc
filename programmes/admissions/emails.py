"""Which programme email goes to whom, with what context."""

from django.conf import settings
from django.urls import reverse

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


def queue_state_email(*, application, state):
    template = STATE_TEMPLATES.get(state)
    if template is None:
        return None
    return outbox.queue_templated_email(
        key=f"decision:{application.pk}:{state}",
        to=application.student.email,
        template=template,
        context={
            "application": application,
            "student": application.student,
            "cohort": application.cohort,
            "dashboard_path": reverse("dashboard"),
            "contact_email": settings.FTL_CONTACT_EMAIL,
        },
        source=f"application:{application.pk}",
    )
