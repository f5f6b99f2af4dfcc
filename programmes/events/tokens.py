"""Signed tokens: the link in a reminder that gives a seat back without signing in (it names the booking and
its revision, so a link from before a re-booking no longer works), and the room's check-in code."""

from django.core import signing

RELEASE_SALT = "programmes.sessions.release-seat"


def release_token(booking):
    return signing.dumps({"booking": booking.pk, "revision": booking.revision}, salt=RELEASE_SALT)


def read_release_token(token):
    """The booking id and revision a release link names, or None for a forged or damaged link, or a
    signed one that does not hold the two whole numbers release_token writes (signed with our key
    for something else, or by an older format)."""
    try:
        data = signing.loads(token, salt=RELEASE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not all(type(data.get(k)) is int for k in ("booking", "revision")):
        return None
    return data["booking"], data["revision"]


# The room's self check-in code: the session and the minute it was made, signed. A code is good
# for CHECK_IN_CODE_LIFETIME minutes; the screen shows a new one every minute, so a photo of the
# code sent to someone outside the room stops working soon.
CHECK_IN_SALT = "programmes.sessions.self-check-in"
CHECK_IN_CODE_LIFETIME = 5


def check_in_step(moment):
    return int(moment.timestamp() // 60)


def check_in_token(session, *, now):
    return signing.TimestampSigner(salt=CHECK_IN_SALT).sign(f"{session.pk}.{check_in_step(now)}")


def read_check_in_token(token):
    """(session id, minute made) of a genuine code, or None for a forged or damaged one. Freshness
    is the caller's to judge against its own clock."""
    try:
        value = signing.TimestampSigner(salt=CHECK_IN_SALT).unsign(token)
        session_pk, step = value.split(".")
        return int(session_pk), int(step)
    except (signing.BadSignature, ValueError):
        return None
