"""Bookings, feedback and the calendar feed. Bookings are kept (attendance counts) and point at the
anonymised account; feedback keeps its rating without the comment; the feed token is revoked."""

from django.db.models import F

from ftl_portal.privacy import ERASE_DELETE, ERASE_KEEP, register
from programmes.events.models import Booking, CalendarFeed, Feedback, Session

register(
    Booking,
    rows=lambda user: Booking.objects.filter(participant=user).select_related("session"),
    export=lambda b: {
        "session": b.session.title,
        "starts": b.session.starts_at.isoformat(),
        "status": b.get_status_display(),
        "booked": b.created_at.isoformat(),
    },
    # Kept for the counts; the revision moves on so a release link in an old reminder no longer works.
    erase=lambda rows: rows.update(revision=F("revision") + 1),
    why="Your session bookings, waitlist places and attendance. Kept without your identity so attendance "
    "counts stay true.",
    label="Session bookings",
)
register(
    Feedback,
    rows=lambda user: Feedback.objects.filter(participant=user).select_related("session"),
    export=lambda f: {"session": f.session.title, "rating": f.rating, "comment": f.comment},
    erase=lambda rows: rows.update(comment=""),
    why="Feedback you gave on sessions; the rating is kept without the comment.",
    label="Session feedback",
)
register(
    CalendarFeed,
    rows=lambda user: CalendarFeed.objects.filter(user=user),
    export=lambda c: {"created": c.created_at.isoformat()},
    erase=ERASE_DELETE,
    why="Your private calendar feed link (the token itself is not exported).",
    label="Calendar feed",
)
register(
    Session,
    rows=lambda user: Session.objects.filter(created_by=user),
    export=lambda s: {"title": s.title, "starts": s.starts_at.isoformat()},
    erase=ERASE_KEEP,
    why="Sessions you set up as a coordinator; they belong to the programme.",
    label="Sessions you created",
)
