from django.conf import settings
from django.urls import reverse

from ftl_portal.outbox import services as outbox
from programmes.impact.tokens import follow_up_token


def queue_follow_up_email(survey):
    token = follow_up_token(survey)
    return outbox.queue_templated_email(
        key=f"follow-up:{survey.participant_id}:{survey.cohort_id}:{survey.months}",
        to=survey.participant.email,
        template="impact/follow_up",
        context={
            "survey": survey,
            "participant": survey.participant,
            "cohort": survey.cohort,
            "survey_url": settings.SITE_URL + reverse("impact:follow_up", args=[token]),
            "withdraw_url": settings.SITE_URL + reverse("impact:withdraw", args=[token]),
        },
        source=f"follow-up:{survey.cohort_id}",
    )
