"""A session's life in the browser: a coordinator schedules it, a confirmed student books it and
downloads the invite, a second is waitlisted, the first releases the seat from the 7-day
reminder's link, and the second is promoted."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from ftl_portal.outbox.models import OutboxMessage
from programmes.events.models import BookingStatus, Session
from programmes.events.services import reminders
from tests.e2e.browser import sign_in, sign_out
from tests.factories import CohortPartnerFactory, CoordinatorFactory
from tests.factories_sessions import confirmed_student

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_schedule_book_invite_release_and_promote(page, axe_check, tmp_path):
    cohort = CohortPartnerFactory().cohort
    coordinator = CoordinatorFactory()
    first, second = confirmed_student(cohort), confirmed_student(cohort)
    start = timezone.localtime() + timedelta(days=10)

    sign_in(page, axe_check, coordinator.email)
    page.get_by_role("link", name="Programme calendar").first.click()
    axe_check(page)
    page.get_by_role("link", name="New session").click()
    axe_check(page)
    page.get_by_label("Cohort").select_option(label=cohort.name)
    page.get_by_label("Kind").select_option(label="Careers insight")
    page.get_by_label("Title").fill("Careers in AI diagnostics")
    page.get_by_label("Starts (UK time)").fill(start.strftime("%Y-%m-%dT14:00"))
    page.get_by_label("Ends (UK time)").fill(start.strftime("%Y-%m-%dT15:30"))
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Online join link").fill("https://meet.example.org/ai-diagnostics")
    page.get_by_label("Capacity").fill("1")
    page.get_by_role("button", name="Create session").click()
    page.get_by_text("is on the programme").wait_for()
    axe_check(page)
    session = Session.objects.get(title="Careers in AI diagnostics")
    assert timezone.localtime(session.starts_at).strftime("%H:%M") == "14:00"
    page.get_by_role("link", name="Register").click()
    axe_check(page)
    page.goto(f"/sessions/programme/month/?month={start:%Y-%m}")
    assert page.get_by_role("link", name=re.compile("Careers in AI diagnostics")).count() == 1
    axe_check(page)
    sign_out(page)

    sign_in(page, axe_check, first.email)
    page.get_by_role("link", name="Sessions", exact=True).click()
    axe_check(page)
    page.get_by_role("button", name=re.compile("Book a seat")).click()
    page.get_by_text("Your seat is booked").wait_for()
    axe_check(page)
    assert page.get_by_test_id("join-link").inner_text() == "https://meet.example.org/ai-diagnostics"
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    saved = tmp_path / "invite.ics"
    download.value.save_as(saved)
    (event,) = Calendar.from_ical(Path(saved).read_bytes()).walk("VEVENT")
    assert event["UID"] == session.calendar_uid
    assert event.decoded("DTSTART") == session.starts_at
    sign_out(page)

    sign_in(page, axe_check, second.email)
    page.goto(f"/sessions/{session.pk}/")
    assert page.get_by_test_id("join-link").count() == 0
    page.get_by_role("button", name=re.compile("Join the waitlist")).click()
    page.get_by_text("you are on the waitlist").wait_for()
    axe_check(page)
    sign_out(page)

    # A week before: the scan (beat runs it every minute) queues the 7-day reminder.
    reminders.scan_reminders(now=session.starts_at - timedelta(days=7) + timedelta(minutes=1))
    page.goto(f"/mailbox/?to={first.email}")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Reminder: Careers in AI diagnostics")).click()
    axe_check(page)
    release_url = re.search(r"(http\S+/sessions/release/\S+)", page.get_by_test_id("mail-body").inner_text()).group(1)

    page.goto(release_url)  # no sign-in needed; the page asks before acting
    axe_check(page)
    assert first.bookings.get().status == BookingStatus.BOOKED
    page.get_by_role("button", name="Yes, release my seat").click()
    page.get_by_text("is released").wait_for()
    axe_check(page)
    assert first.bookings.get().status == BookingStatus.CANCELLED
    assert second.bookings.get().status == BookingStatus.BOOKED

    sign_in(page, axe_check, second.email)
    page.goto(f"/mailbox/?to={second.email}")
    assert page.get_by_role("link", name=re.compile("A seat is yours")).count() == 1
    page.goto(f"/sessions/{session.pk}/")
    axe_check(page)
    expect(page.get_by_test_id("join-link")).to_be_visible()
    sign_out(page)

    # On the day, the coordinator checks the promoted student in on the register (htmx), arriving
    # late: the session is moved to have started ten minutes ago. A start still to come would be
    # tomorrow after 23:30, and check-in never opens before the session's own day.
    started = timezone.now() - timedelta(minutes=10)
    Session.objects.filter(pk=session.pk).update(starts_at=started, ends_at=started + timedelta(hours=2))
    sign_in(page, axe_check, coordinator.email)
    page.goto(f"/sessions/programme/{session.pk}/register/")
    page.get_by_role("button", name=re.compile(f"^Check in.*{re.escape(second.get_full_name())}")).click()
    page.get_by_role("button", name=re.compile("Checked in")).wait_for()
    axe_check(page)
    assert second.bookings.get().status == BookingStatus.ATTENDED

    # The room's screen shows the self check-in code; the coordinator emails the people checked in.
    page.get_by_role("link", name="Show check-in code").click()
    page.get_by_role("img", name=re.compile("QR code of the check-in link")).wait_for()
    axe_check(page)
    page.goto(f"/sessions/programme/{session.pk}/")
    page.get_by_role("link", name="Email participants").click()
    page.get_by_label("Attended one session").check()
    page.get_by_label("Subject").fill("Slides from today")
    page.get_by_label("Message").fill("The slides are attached to the session page.")
    axe_check(page)
    page.get_by_role("button", name="Preview and check the recipients").click()
    page.get_by_text("This message will go to 1 person.").wait_for()
    axe_check(page)
    page.get_by_role("button", name="Send to 1 person").click()
    page.get_by_text("on its way to 1 person").wait_for()
    assert OutboxMessage.objects.filter(key__startswith="message:", to=second.email).count() == 1
