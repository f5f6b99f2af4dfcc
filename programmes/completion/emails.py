"""Which completion email goes to whom: the coordinator's message to a list of participants."""

from django.urls import reverse

from ftl_portal.outbox import services as outbox


def list_email_key(*, cohort, batch, participant):
    return f"completion-list:{cohort.pk}:{batch}:{participant.pk}"


def queue_list_email(*, cohort, participant, batch, subject, body):
    return outbox.queue_templated_email(
        key=list_email_key(cohort=cohort, batch=batch, participant=participant),
        to=participant.email,
        template="completion/list",
        context={
            "cohort": cohort,
            "person": participant,
            "subject": subject,
            "message": body,
            "dashboard_path": reverse("dashboard"),
        },
        source=f"cohort:{cohort.pk}",
    )
