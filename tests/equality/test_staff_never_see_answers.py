"""Equality answers appear on no page or file that staff or reviewers (coordinators reviewing
included) open: only the student's own questionnaire and the rounded report hold them."""

import pytest
from django.urls import reverse

from .conftest import DISTINCTIVE_TEXT

STAFF_PAGES = ["review_queue", "review_export", "decision_board", "dashboard", "review_calibration"]


def _pages(answered):
    yield from (reverse(name) for name in STAFF_PAGES)
    yield reverse("review_application", args=[answered["application"].pk])
    yield reverse("review_queue") + f"?partner={answered['partner'].slug}"


@pytest.mark.parametrize("who", ["staff", "coordinator"])
def test_no_staff_page_or_csv_shows_a_students_equality_answers(client, answered, who):
    client.force_login(answered[who])
    urls = list(_pages(answered))
    if who == "coordinator":
        urls.append(reverse("applications_funnel"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for text in DISTINCTIVE_TEXT:
            assert text not in body, (url, text)
    # The application page shows the application itself, so the scan is looking at the right student.
    page = client.get(reverse("review_application", args=[answered["application"].pk])).content.decode()
    assert answered["application"].student.full_name in page or answered["application"].course in page
