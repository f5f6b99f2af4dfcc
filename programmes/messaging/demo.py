"""The messaging part of seed_demo: one draft, not sent, so the preview shows whom it would reach."""

from programmes.messaging.models import Audience, CohortMessage


def seed(*, cohort, coordinator):
    message, _ = CohortMessage.objects.get_or_create(
        cohort=cohort,
        subject="Have you met your mentor yet?",
        defaults={
            "audience": Audience.MENTEES_WITHOUT_MEETING,
            "body": "Your mentor is keen to meet. Reply to their introduction email to find a time, and log the "
            "meeting on your mentoring page afterwards.",
            "created_by": coordinator,
        },
    )
    return message
