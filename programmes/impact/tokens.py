"""The signed link in a follow-up email: it names the FollowUpSurvey row, so no sign-in is needed.
No timestamp: the 6-month link keeps working until the survey is answered."""

from django.core import signing

FOLLOW_UP_SALT = "programmes.impact.follow-up"


def follow_up_token(survey):
    return signing.Signer(salt=FOLLOW_UP_SALT).sign_object({"survey": survey.pk})


def read_follow_up_token(token):
    """The survey id the link names, or None for a forged or damaged link."""
    try:
        return signing.Signer(salt=FOLLOW_UP_SALT).unsign_object(token).get("survey")
    except (signing.BadSignature, ValueError, AttributeError):
        return None
