"""A refusal a view forgot to catch is a 400 page with the refusal's own message, never a 500; and a
role's pages are granted by the rules alone, never by Django's superuser flag."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.permissions import may
from ftl_portal.errors import PortalError, PortalErrorMiddleware
from programmes.admissions.services.applications import TransitionRefused
from programmes.events.services.bookings import BookingRefused
from tests.factories import CoordinatorFactory, StudentFactory

pytestmark = pytest.mark.django_db


def refusing_view(error):
    def view(request):
        raise error

    return view


@pytest.mark.parametrize("error", [BookingRefused("This session is full."), TransitionRefused("Already offered.")])
def test_an_uncaught_refusal_is_a_400_page_with_its_message(error):
    request = RequestFactory().post("/somewhere/")
    request.user = StudentFactory()
    middleware = PortalErrorMiddleware(lambda request: HttpResponse())
    response = middleware.process_exception(request, error)
    assert response.status_code == 400
    assert str(error) in response.content.decode()


def test_other_exceptions_are_left_to_django():
    request = RequestFactory().get("/")
    assert PortalErrorMiddleware(lambda request: HttpResponse()).process_exception(request, KeyError("x")) is None


def test_every_refusal_class_is_a_portal_error():
    from programmes.admissions.services import decisions, reviews, student_applications
    from programmes.cohorts.services import SetupError
    from programmes.recruitment.services.prospect_import import ImportFileError

    for refusal in (
        SetupError,
        BookingRefused,
        ImportFileError,
        TransitionRefused,
        reviews.ReviewRefused,
        decisions.DecisionRefused,
        student_applications.SectionLocked,
    ):
        assert issubclass(refusal, PortalError), refusal


def test_a_superuser_student_gets_no_coordinator_permission():
    student = StudentFactory(is_superuser=True)
    assert student.has_perm("cohorts.set_up_programme")  # Django's flag passes everything...
    assert not may(student, "cohorts.set_up_programme")  # ...the rules do not
    assert may(CoordinatorFactory(), "cohorts.set_up_programme")
