"""The signed link in a reminder that gives a seat back without signing in. It names the booking and
its revision, so a link from before a re-booking no longer works."""

from django.core import signing

RELEASE_SALT = "programmes.sessions.release-seat"


def release_token(booking):
    return signing.dumps({"booking": booking.pk, "revision": booking.revision}, salt=RELEASE_SALT)


def read_release_token(token):
    """The booking id and revision a release link names, or None for a forged or damaged link."""
    try:
        data = signing.loads(token, salt=RELEASE_SALT)
    except signing.BadSignature:
        return None
    return data.get("booking"), data.get("revision")
