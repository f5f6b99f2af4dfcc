"""Which mentoring email goes to whom, with what context."""

from django.urls import reverse

from ftl_portal.outbox import services as outbox
from ftl_portal.outbox.models import OutboxMessage


def queue_introductions(*, match):
    path = reverse("mentoring:match_detail", args=[match.pk])
    for side, person, other in (("student", match.student, match.mentor), ("mentor", match.mentor, match.student)):
        outbox.queue_templated_email(
            key=f"match-intro:{match.pk}:{side}",
            to=person.email,
            template=f"mentoring/introduction_{side}",
            context={"match": match, "person": person, "other": other, "match_path": path},
            source=f"match:{match.pk}",
        )


def queue_decline_notice(*, match, coordinator):
    return outbox.queue_templated_email(
        key=f"match-declined:{match.pk}:{coordinator.pk}",
        to=coordinator.email,
        template="mentoring/declined",
        context={
            "match": match,
            "coordinator": coordinator,
            "cohort_path": reverse("mentoring:cohort", args=[match.cohort.slug]),
        },
        source=f"match:{match.pk}",
    )


def queue_survey(*, feedback):
    return outbox.queue_templated_email(
        key=f"match-survey:{feedback.match_id}:{feedback.stage}:{feedback.respondent_id}",
        to=feedback.respondent.email,
        template="mentoring/survey",
        context={
            "feedback": feedback,
            "person": feedback.respondent,
            "survey_path": reverse("mentoring:feedback", args=[feedback.pk]),
        },
        source=f"match:{feedback.match_id}",
    )


def queue_nudge(*, match, since, days, have_met):
    """Both sides of a quiet pair, once per quiet spell (the key holds the day it began); returns how
    many emails were new."""
    path = reverse("mentoring:match_detail", args=[match.pk])
    new = 0
    for side, person, other in (("student", match.student, match.mentor), ("mentor", match.mentor, match.student)):
        key = f"mentoring-nudge:{match.pk}:{since.isoformat()}:{side}"
        if OutboxMessage.objects.filter(key=key).exists():
            continue
        outbox.queue_templated_email(
            key=key,
            to=person.email,
            template="mentoring/nudge",
            context={"person": person, "other": other, "days": days, "have_met": have_met, "match_path": path},
            source=f"match:{match.pk}",
        )
        new += 1
    return new
