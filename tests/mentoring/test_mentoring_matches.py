"""Mentors and students after publishing: who sees what, decline, end, meetings, surveys, profiles."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ftl_portal.outbox.models import OutboxMessage
from mentoring.models import Match, MatchFeedback, Meeting, MentoringPreference, MentorProfile, PairRule
from mentoring.services.matches import invite_due_surveys
from tests.factories import CoordinatorFactory, MentorFactory, PartnerFactory, PathwayFactory, StudentFactory
from tests.factories_mentoring import ConfirmedApplicationFactory, MatchFactory, MeetingFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


def test_mentor_sees_own_mentees_only(client):
    mine, theirs = MatchFactory(), MatchFactory()
    client.force_login(mine.mentor)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert escape(mine.student) in dashboard and mine.student.email in dashboard
    assert escape(theirs.student) not in dashboard
    assert client.get(reverse("mentoring:match_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("mentoring:match_detail", args=[theirs.pk])).status_code == 404


def test_student_sees_own_match_only(client):
    mine, theirs = MatchFactory(), MatchFactory()
    ConfirmedApplicationFactory(cohort=mine.cohort, student=mine.student)  # the dashboard shows a mentor then
    client.force_login(mine.student)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert escape(mine.mentor) in dashboard and mine.mentor.email in dashboard
    assert client.get(reverse("mentoring:match_detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("mentoring:match_decline", args=[theirs.pk]), {"reason": "x"}).status_code == 404
    assert client.post(reverse("mentoring:meeting_add", args=[theirs.pk]), {"topic": "x"}).status_code == 404


def test_meeting_notes_only_for_the_pair(client):
    meeting = MeetingFactory(notes="Discussed a secret job offer.")
    client.force_login(meeting.match.student)
    assert "secret job offer" in client.get(reverse("mentoring:match_detail", args=[meeting.match.pk])).content.decode()
    client.force_login(meeting.match.mentor)
    assert "secret job offer" in client.get(reverse("mentoring:match_detail", args=[meeting.match.pk])).content.decode()
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("mentoring:match_detail", args=[meeting.match.pk])).content.decode()
    assert "1 meeting logged" in page and "secret job offer" not in page and "CV review" not in page
    client.force_login(MentorFactory())
    assert client.get(reverse("mentoring:match_detail", args=[meeting.match.pk])).status_code == 404


def test_student_logs_a_meeting_and_a_future_date_is_refused(client):
    match = MatchFactory()
    client.force_login(match.student)
    url = reverse("mentoring:meeting_add", args=[match.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"met_on": tomorrow.isoformat(), "topic": "Later"})
    assert response.status_code == 400 and "The date is in the future" in response.content.decode()
    assert not Meeting.objects.exists()
    today = timezone.localdate().isoformat()
    response = client.post(url, {"met_on": today, "topic": "First chat"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    response = client.post(url, {"met_on": today, "topic": "First chat", "duration_minutes": "700"})
    assert response.status_code == 400 and not Meeting.objects.exists()
    response = client.post(url, {"met_on": today, "topic": "First chat", "duration_minutes": "45"}, follow=True)
    assert "Meeting logged." in response.content.decode() and "First chat" in response.content.decode()
    assert Meeting.objects.get().duration_minutes == 45


def test_decline_becomes_a_forbid_and_tells_the_coordinator(client):
    coordinator = CoordinatorFactory()
    match = MatchFactory()
    client.force_login(match.mentor)
    response = client.post(reverse("mentoring:match_decline", args=[match.pk]), {"reason": ""}, follow=True)
    assert "Please give a reason." in response.content.decode()
    response = client.post(
        reverse("mentoring:match_decline", args=[match.pk]), {"reason": "I know the student's family."}, follow=True
    )
    assert "You declined the match" in response.content.decode()
    match.refresh_from_db()
    assert match.state == "declined"
    rule = PairRule.objects.get(cohort=match.cohort, student=match.student, mentor=match.mentor)
    assert rule.kind == "forbid" and "family" in rule.reason
    email = OutboxMessage.objects.get(key=f"match-declined:{match.pk}:{coordinator.pk}")
    assert email.to == coordinator.email and "family" in email.body_text
    response = client.post(reverse("mentoring:match_decline", args=[match.pk]), {"reason": "again"}, follow=True)
    assert "already declined" in response.content.decode()


def test_coordinator_ends_a_match(client):
    match = MatchFactory()
    client.force_login(CoordinatorFactory())
    client.post(reverse("mentoring:match_end", args=[match.pk]), {"reason": "Student left the programme."})
    match.refresh_from_db()
    assert match.state == "ended" and match.close_reason == "Student left the programme."


def test_survey_scan_invites_once_and_results_show_per_match(client):
    match = MatchFactory()
    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - timedelta(days=31))
    MatchFactory()  # too recent
    assert invite_due_surveys() == 2
    assert invite_due_surveys() == 0
    assert OutboxMessage.objects.filter(key__startswith=f"match-survey:{match.pk}:day30:").count() == 2
    survey = MatchFeedback.objects.get(match=match, respondent=match.student)
    ConfirmedApplicationFactory(cohort=match.cohort, student=match.student)
    client.force_login(match.student)
    assert "Tell us how mentoring is going" in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("mentoring:feedback", args=[survey.pk]), {"rating": "4", "comment": "Very helpful"})
    client.force_login(match.mentor)
    assert client.get(reverse("mentoring:feedback", args=[survey.pk])).status_code == 404
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("mentoring:match_detail", args=[match.pk])).content.decode()
    assert "4/5" in page and "Very helpful" in page
    assert "4.0/5 (1)" in client.get(reverse("mentoring:cohort", args=[match.cohort.slug])).content.decode()


def test_programme_end_survey(client):
    match = MatchFactory(cohort__programme_ends_on=timezone.localdate())
    assert invite_due_surveys() == 2
    assert set(MatchFeedback.objects.filter(match=match).values_list("stage", flat=True)) == {"end"}


def test_mentor_completes_profile_with_a_clear_message_on_bad_input(client):
    mentor = MentorFactory()
    area, partner = PathwayFactory(), PartnerFactory()
    client.force_login(mentor)
    assert "complete your mentor profile" in client.get(reverse("dashboard")).content.decode()
    data = {
        "organisation": "Acme Devices",
        "job_title": "QA lead",
        "sector": "devices",
        "seniority": "3",
        "pathways": [area.pk],
        "capacity": "5",
        "mode": "online",
        "times": ["tue_eve"],
        "excluded_partners": [partner.pk],
    }
    response = client.post(reverse("mentoring:mentor_profile"), data)
    assert "Ensure this value is less than or equal to 4" in response.content.decode()
    assert not MentorProfile.objects.exists()
    client.post(reverse("mentoring:mentor_profile"), {**data, "capacity": "3"})
    profile = MentorProfile.objects.get(user=mentor)
    assert profile.capacity == 3 and list(profile.excluded_partners.all()) == [partner] and profile.times == ["tue_eve"]
    assert "QA lead at Acme Devices" in client.get(reverse("dashboard")).content.decode()


def test_student_sets_preferences(client):
    student, mentor, area = StudentFactory(), MentorFactory(), PathwayFactory()
    client.force_login(student)
    data = {"pathways": [area.pk], "mode": "online", "times": ["mon_eve"], "not_matched_with": "My Aunt", "goals": "QA"}
    assert str(mentor) not in client.get(reverse("mentoring:preferences")).content.decode()
    client.post(reverse("mentoring:preferences"), data)
    preference = MentoringPreference.objects.get(student=student)
    assert preference.not_matched_with == "My Aunt" and list(preference.pathways.all()) == [area]
    assert client.get(reverse("mentoring:mentor_profile")).status_code == 403


def test_mentor_dashboard_query_count_does_not_grow_with_mentees(client):
    profile = MentorProfileFactory()
    MatchFactory(mentor=profile.user)
    client.force_login(profile.user)
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("dashboard"))
    MatchFactory.create_batch(49, mentor=profile.user)
    with CaptureQueriesContext(connection) as fifty:
        page = client.get(reverse("dashboard")).content.decode()
    assert page.count("meetings logged") + page.count("meeting logged") == 50
    assert len(fifty) == len(one)
