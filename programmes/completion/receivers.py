"""How completion hears about the evidence recorded below it: an attended booking (check-in) or a
logged meeting may complete a participant, so each one asks issue_if_complete once the write commits
(the end self-assessment asks it directly, in services)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from mentoring.models import Meeting
from programmes.events.models import Booking, BookingStatus

from .services import issue_if_complete


@receiver(post_save, sender=Booking, dispatch_uid="completion-booking-attended")
def check_completion_after_check_in(sender, instance, **kwargs):
    if instance.status == BookingStatus.ATTENDED:
        booking = instance
        transaction.on_commit(lambda: issue_if_complete(participant=booking.participant, cohort=booking.session.cohort))


@receiver(post_save, sender=Meeting, dispatch_uid="completion-meeting-logged")
def check_completion_after_meeting(sender, instance, created, **kwargs):
    if created:
        match = instance.match
        transaction.on_commit(lambda: issue_if_complete(participant=match.student, cohort=match.cohort))
