"""No double booking of interview slots under real concurrency (PostgreSQL)."""

import threading

import pytest
from django.db import close_old_connections, connection

from programmes.events.models import Booking, BookingStatus, Session
from programmes.events.services import interviews
from programmes.events.services.bookings import BookingRefused
from tests.factories_interviews import InterviewSlotFactory, interviewing_cohort, invited

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def all_at_once(calls):
    """Run every (slot, student) booking at the same instant; return how many were refused and any
    other errors."""
    barrier = threading.Barrier(len(calls))
    refused, errors = [], []

    def one(slot, student):
        try:
            barrier.wait(timeout=30)
            interviews.book_interview(session=slot, student=student)
        except BookingRefused:
            refused.append(student.pk)
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return refused, errors


def test_ten_applicants_racing_for_one_slot_leave_one_booked():
    seat = interviewing_cohort()
    slot = InterviewSlotFactory(cohort=seat.cohort)
    students = [invited(seat).student for _ in range(10)]
    for _ in range(5):
        refused, errors = all_at_once([(slot, s) for s in students])
        assert errors == [] and len(refused) == 9
        assert list(Booking.objects.filter(session=slot).values_list("status", flat=True)) == [BookingStatus.BOOKED]
        assert Session.objects.get(pk=slot.pk).seats_taken == 1
        Booking.objects.all().delete()
        Session.objects.update(seats_taken=0)


def test_one_applicant_clicking_five_slots_at_once_holds_one():
    seat = interviewing_cohort()
    student = invited(seat).student
    slots = [InterviewSlotFactory(cohort=seat.cohort) for _ in range(5)]
    refused, errors = all_at_once([(slot, student) for slot in slots])
    assert errors == [] and len(refused) == 4
    assert Booking.objects.filter(participant=student, status=BookingStatus.BOOKED).count() == 1
    assert sum(Session.objects.values_list("seats_taken", flat=True)) == 1
