"""How events reacts to the apps below it."""

from django.dispatch import receiver

from programmes.admissions.signals import application_withdrawn
from programmes.events.services.bookings import release_cohort_bookings


@receiver(application_withdrawn)
def release_bookings_of_withdrawn_application(sender, *, application, **kwargs):
    """A withdrawn participant's seats go to the people waiting for them."""
    release_cohort_bookings(participant=application.student, cohort=application.cohort)
