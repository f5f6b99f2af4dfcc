"""Calendar files for sessions (RFC 5545, with RFC 5546 methods). One UID per session, stable
across changes; a person's SEQUENCE is session.sequence + booking.revision, so it rises with every
change to the session and every change to their own booking."""

from datetime import UTC, datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, TimezoneDaylight, TimezoneStandard, vCalAddress, vText
from icalendar import Timezone as VTimezone

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Medilink Midlands//FTL Portal//EN"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def london_vtimezone():
    """Europe/London as the rule pair calendar clients expect: BST from 01:00 UTC on the last
    Sunday of March, GMT from 01:00 UTC on the last Sunday of October."""
    tz = VTimezone()
    tz.add("tzid", "Europe/London")
    daylight = TimezoneDaylight()
    daylight.add("tzname", "BST")
    daylight.add("dtstart", datetime(1970, 3, 29, 1, 0))
    daylight.add("tzoffsetfrom", timezone.timedelta(hours=0))
    daylight.add("tzoffsetto", timezone.timedelta(hours=1))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = TimezoneStandard()
    standard.add("tzname", "GMT")
    standard.add("dtstart", datetime(1970, 10, 25, 2, 0))
    standard.add("tzoffsetfrom", timezone.timedelta(hours=1))
    standard.add("tzoffsetto", timezone.timedelta(hours=0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _calendar(method):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add_component(london_vtimezone())
    return cal


def _organizer():
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name or "Future Talent Laboratory")
    return organizer


def _attendee(user, *, cancelled):
    attendee = vCalAddress(f"mailto:{user.email}")
    attendee.params["cn"] = vText(user.get_full_name())
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("DECLINED" if cancelled else "ACCEPTED")
    return attendee


def _location(session, *, show_join_link):
    if session.is_online:
        return session.join_url if show_join_link else "Online (link for booked participants)"
    return ", ".join(part for part in [session.venue, " ".join(session.address.split())] if part)


def session_event(session, *, sequence, attendee=None, cancelled=False, show_join_link=True):
    event = Event()
    event.add("uid", session.calendar_uid)
    event.add("sequence", sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", session.starts_at.astimezone(LONDON))
    event.add("dtend", session.ends_at.astimezone(LONDON))
    event.add("summary", session.title)
    description = session.description
    if session.speaker_lines():
        description += "\n\nSpeakers:\n" + "\n".join(session.speaker_lines())
    event.add("description", description.strip())
    event.add("location", _location(session, show_join_link=show_join_link))
    event.add("url", settings.SITE_URL + reverse("sessions:detail", args=[session.pk]))
    event.add("organizer", _organizer())
    if attendee is not None:
        event.add("attendee", _attendee(attendee, cancelled=cancelled))
    event.add("status", "CANCELLED" if cancelled or session.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def booking_invite(booking, *, method=REQUEST):
    """The invite for one person's seat: REQUEST for a seat, CANCEL when the seat or the session
    is gone."""
    cancelled = method == CANCEL
    cal = _calendar(method)
    cal.add_component(
        session_event(
            booking.session,
            sequence=booking.calendar_sequence,
            attendee=booking.participant,
            cancelled=cancelled,
        )
    )
    return cal.to_ical().decode()


def invite_attachment(booking, *, method=REQUEST):
    return {
        "filename": "invite.ics",
        "content": booking_invite(booking, method=method),
        "mimetype": f"text/calendar; method={method}; charset=UTF-8",
    }


def feed(bookings, *, name):
    """A subscription feed (no METHOD: clients treat it as published)."""
    cal = _calendar(None)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    cal.add("refresh-interval", timezone.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for booking in bookings:
        cal.add_component(
            session_event(booking.session, sequence=booking.calendar_sequence, attendee=booking.participant)
        )
    return cal.to_ical().decode()
