from datetime import timedelta

import factory
from django.utils import timezone

from programmes.admissions.models import ApplicationState
from programmes.events.models import Booking, BookingStatus, Session, SessionFormat, SessionKind
from tests.factories import ApplicationFactory, CohortFactory, CohortPartnerFactory, PartnerFactory


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    kind = SessionKind.EXPERT_TALK
    title = factory.Sequence(lambda n: f"Session {n}")
    description = "What regulatory affairs people do all day."
    speakers = "Dr Priya Shah, Medilink Midlands"
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=2))
    format = SessionFormat.IN_PERSON
    venue = "BioCity Nottingham"
    address = "Pennyfoot Street, Nottingham"
    capacity = 10


class OnlineSessionFactory(SessionFactory):
    format = SessionFormat.ONLINE
    venue = ""
    address = ""
    join_url = "https://meet.example.org/secret-room-42"


def confirmed_student(cohort, partner=None):
    """A student with a confirmed place on `cohort` (through `partner`, a new university if none)."""
    partner = partner or PartnerFactory()
    CohortPartnerFactory._meta.model.objects.get_or_create(cohort=cohort, partner=partner)
    return ApplicationFactory(cohort=cohort, partner=partner, state=ApplicationState.CONFIRMED).student


class BookingFactory(factory.django.DjangoModelFactory):
    """A booked seat made directly (tests of the services book through services.bookings.book)."""

    class Meta:
        model = Booking
        skip_postgeneration_save = True

    session = factory.SubFactory(SessionFactory)
    participant = factory.LazyAttribute(lambda b: confirmed_student(b.session.cohort))
    status = BookingStatus.BOOKED
    seated_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))

    @factory.post_generation
    def count_seat(self, create, extracted, **kwargs):
        if create and self.status in (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
            Session.objects.filter(pk=self.session_id).update(seats_taken=self.session.seats_taken + 1)
            self.session.refresh_from_db()
