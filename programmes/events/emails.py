"""Which session email goes to whom, with what context. Every one goes through the outbox under
an idempotency key, and every one about a seat carries the calendar invite."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timesince import timeuntil
from django.utils.timezone import localtime

from ftl_portal.confirmation import Confirmation, RenderedEmail, fingerprint
from ftl_portal.outbox import services as outbox
from programmes.events import invites
from programmes.events.models import BookingStatus, SessionKind
from programmes.events.tokens import release_token

# The reminder that offers the one-click release link, and the one that carries the join link.
RELEASE_OFFSET = 7 * 24 * 60
JOIN_LINK_OFFSET = 60


def _context(booking, **extra):
    session = booking.session
    # An interview slot is not on the schedule: its emails lead to the interview booking page.
    if session.kind == SessionKind.INTERVIEW:
        path = reverse("sessions:interview", args=[session.cohort_id])
    else:
        path = reverse("sessions:detail", args=[session.pk])
    return {
        "booking": booking,
        "session": session,
        "participant": booking.participant,
        "session_url": settings.SITE_URL + path,
        **extra,
    }


def _source(booking):
    return f"session:{booking.session_id}"


def queue_booking_email(booking):
    """The email for the booking's current status: booked (a REQUEST), waitlisted (no invite),
    cancelled (a CANCEL)."""
    attachments = []
    if booking.status == BookingStatus.BOOKED:
        attachments = [invites.invite_attachment(booking, method=invites.REQUEST)]
    elif booking.status == BookingStatus.CANCELLED and booking.seated_at:
        attachments = [invites.invite_attachment(booking, method=invites.CANCEL)]
    return outbox.queue_templated_email(
        key=f"booking:{booking.pk}:{booking.status}:{booking.calendar_sequence}",
        to=booking.participant.email,
        template=f"sessions/booking_{booking.status}",
        context=_context(booking),
        attachments=attachments,
        source=_source(booking),
    )


def queue_promoted_email(booking):
    return outbox.queue_templated_email(
        key=f"booking:{booking.pk}:promoted:{booking.calendar_sequence}",
        to=booking.participant.email,
        template="sessions/booking_promoted",
        context=_context(booking),
        attachments=[invites.invite_attachment(booking, method=invites.REQUEST)],
        source=_source(booking),
    )


def _change_template(session):
    return "sessions/session_cancelled" if session.is_cancelled else "sessions/session_updated"


def change_audience_items(bookings):
    """What a change confirmation fingerprints: who is told, and as seat holder or waitlisted."""
    return [(booking.pk, booking.status) for booking in bookings]


def _rendered(bookings, *, changed, template):
    """The email each booking's person would read, with the session as it will be (not saved)."""
    emails = []
    for booking in bookings:
        booking.session = changed
        subject, body, _ = outbox.render_email(template, {"site_url": settings.SITE_URL, **_context(booking)})
        emails.append(RenderedEmail(to=booking.participant.email, subject=subject, body=body))
    return emails


def change_confirmation(*, changed, bookings):
    """The page that asks before a session is cancelled or moved: everyone it tells and the email
    each reads. `changed` is the session as it will be (not saved); `bookings` those it tells."""
    emails = _rendered(bookings, changed=changed, template=_change_template(changed))
    return Confirmation(
        columns=["Name", "Email", "Booking"],
        rows=[[b.participant.get_full_name(), b.participant.email, b.get_status_display()] for b in bookings],
        emails=emails,
        audience=fingerprint(change_audience_items(bookings)),
    )


def promotion_audience_items(bookings):
    """What a promotion confirmation fingerprints: who is given a seat."""
    return [(booking.pk, "promoted") for booking in bookings]


def promotion_confirmation(*, changed, bookings):
    """The page that asks before a raised capacity seats people from the waitlist: each of them,
    in the order they joined it, and the email each reads."""
    return Confirmation(
        columns=["Name", "Email", "On the waitlist since"],
        rows=[
            [
                b.participant.get_full_name(),
                b.participant.email,
                date_format(localtime(b.waitlisted_at), "j M Y, H:i T"),
            ]
            for b in bookings
        ],
        emails=_rendered(bookings, changed=changed, template="sessions/booking_promoted"),
        audience=fingerprint(promotion_audience_items(bookings)),
    )


def queue_session_change_email(booking):
    """A seat holder hears of a changed or cancelled session, with the updated invite; a
    waitlisted person hears only of a cancellation."""
    session = booking.session
    attachments = []
    if booking.has_seat:
        method = invites.CANCEL if session.is_cancelled else invites.REQUEST
        attachments = [invites.invite_attachment(booking, method=method)]
    return outbox.queue_templated_email(
        key=f"session-update:{session.pk}:{session.sequence}:{booking.pk}",
        to=booking.participant.email,
        template=_change_template(session),
        context=_context(booking),
        attachments=attachments,
        source=_source(booking),
    )


def queue_reminder_email(booking, *, offset, now):
    session = booking.session
    # The time actually left, not the offset: a scan catching up after downtime must not say
    # "in 7 days" three days before.
    extra = {"starts_in": timeuntil(session.starts_at, now, depth=1).replace("\xa0", " ")}
    if offset == RELEASE_OFFSET:
        extra["release_url"] = settings.SITE_URL + reverse("sessions:release", args=[release_token(booking)])
    if offset == JOIN_LINK_OFFSET and session.is_online:
        extra["join_url"] = session.join_url
    return outbox.queue_templated_email(
        key=f"reminder:{booking.pk}:{offset}",
        to=booking.participant.email,
        template="sessions/reminder",
        context=_context(booking, **extra),
        source=_source(booking),
    )


def queue_feedback_request(booking):
    return outbox.queue_templated_email(
        key=f"feedback-request:{booking.pk}",
        to=booking.participant.email,
        template="sessions/feedback_request",
        context=_context(booking),
        source=_source(booking),
    )


def queue_no_show_email(booking):
    return outbox.queue_templated_email(
        key=f"no-show:{booking.pk}",
        to=booking.participant.email,
        template="sessions/no_show",
        context=_context(booking, schedule_url=settings.SITE_URL + reverse("sessions:schedule")),
        source=_source(booking),
    )
