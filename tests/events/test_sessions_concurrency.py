"""Capacity under real concurrency (PostgreSQL): 50 people book a 10-seat session at once."""

import threading

import pytest
from django.db import close_old_connections, connection

from programmes.events.models import Booking, BookingStatus, Session
from programmes.events.services import bookings
from tests.factories_sessions import SessionFactory, confirmed_student

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE, CAPACITY, ROUNDS = 50, 10, 20


def book_all_at_once(session, students):
    """Start every booking at the same instant; return the booking statuses and any errors."""
    barrier = threading.Barrier(len(students))
    errors = []

    def one(student):
        try:
            barrier.wait(timeout=30)
            bookings.book(session=session, participant=student)
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(s,)) for s in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    return sorted(statuses), errors


def test_fifty_concurrent_bookings_fill_ten_seats_and_waitlist_forty_every_time():
    session = SessionFactory(capacity=CAPACITY)
    students = [confirmed_student(session.cohort) for _ in range(PEOPLE)]
    for _ in range(ROUNDS):
        statuses, errors = book_all_at_once(session, students)
        assert errors == []
        assert statuses.count(BookingStatus.BOOKED) == CAPACITY
        assert statuses.count(BookingStatus.WAITLISTED) == PEOPLE - CAPACITY
        assert Session.objects.get(pk=session.pk).seats_taken == CAPACITY
        Booking.objects.filter(session=session).delete()
        Session.objects.filter(pk=session.pk).update(seats_taken=0)


def test_without_the_row_lock_the_same_race_breaks(monkeypatch):
    """The control: read the session without locking it and the check-then-insert races, so
    bookings fail on the database backstop (or would overbook without it)."""
    monkeypatch.setattr(bookings, "lock_session", lambda pk: Session.objects.get(pk=pk))
    session = SessionFactory(capacity=CAPACITY)
    students = [confirmed_student(session.cohort) for _ in range(PEOPLE)]
    broken = 0
    for _ in range(3):
        statuses, errors = book_all_at_once(session, students)
        ok = not errors and statuses.count(BookingStatus.BOOKED) == CAPACITY
        broken += not ok
        if errors:
            assert any("session_not_overbooked" in e for e in errors)
        Booking.objects.filter(session=session).delete()
        Session.objects.filter(pk=session.pk).update(seats_taken=0)
    assert broken >= 1
