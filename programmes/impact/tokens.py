"""The signed link in a follow-up email: it names the FollowUpSurvey row, so no sign-in is needed."""

from django.core import signing

FOLLOW_UP_SALT = "programmes.impact.follow-up"


def follow_up_token(survey):
    return signing.dumps({"survey": survey.pk}, salt=FOLLOW_UP_SALT)


def read_follow_up_token(token):
    """The survey id the link names, or None for a forged or damaged link."""
    try:
        return signing.loads(token, salt=FOLLOW_UP_SALT).get("survey")
    except (signing.BadSignature, AttributeError):
        return None
