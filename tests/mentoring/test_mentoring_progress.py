"""Mentoring that moves: goals, hours, nudges for quiet pairs, end-of-mentoring reviews."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from ftl_portal.outbox.models import OutboxMessage
from mentoring.models import Goal, Match, MatchFeedback
from mentoring.services.goals import add_goal, confirm_goals
from mentoring.services.matches import MatchRefused, end_match, invite_due_surveys
from mentoring.services.nudges import nudge_quiet_pairs
from tests.factories import CoordinatorFactory, StudentFactory
from tests.factories_applications import private_media_fixture  # noqa: F401
from tests.factories_mentoring import ConfirmedApplicationFactory, MatchFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _page(client, match):
    return client.get(reverse("mentoring:match_detail", args=[match.pk])).content.decode()


def test_mentee_writes_goals_mentor_confirms_either_marks_met(client):
    match = MatchFactory()
    client.force_login(match.student)
    response = client.post(reverse("mentoring:goal_add", args=[match.pk]), {"text": "Land a QA placement"}, follow=True)
    assert (
        "Goal added." in response.content.decode() and "waiting for the mentor to confirm" in response.content.decode()
    )
    client.post(reverse("mentoring:goal_add", args=[match.pk]), {"text": "  "})
    assert Goal.objects.count() == 1
    goal = Goal.objects.get()
    response = client.post(reverse("mentoring:goal_met", args=[match.pk, goal.pk]), follow=True)
    assert "The mentor confirms a goal before it can be marked met." in response.content.decode()

    client.force_login(match.mentor)
    response = client.post(reverse("mentoring:goal_add", args=[match.pk]), {"text": "Mine"}, follow=True)
    assert "The mentee writes the goals" in response.content.decode()
    response = client.post(reverse("mentoring:goals_confirm", args=[match.pk]), follow=True)
    assert "Goals confirmed." in response.content.decode() and "confirmed by the mentor" in response.content.decode()

    client.force_login(match.student)
    response = client.post(reverse("mentoring:goal_remove", args=[match.pk, goal.pk]), follow=True)
    assert "Your mentor has confirmed this goal, so it stays" in response.content.decode()
    response = client.post(reverse("mentoring:goal_met", args=[match.pk, goal.pk]), follow=True)
    goal.refresh_from_db()
    assert goal.met_at and "Goal marked met." in response.content.decode() and "1 of 1 goal met" in _page(client, match)

    client.force_login(CoordinatorFactory())
    page = _page(client, match)
    assert "1 goal set, 1 confirmed by the mentor, 1 met" in page and "Land a QA placement" not in page


def test_another_student_gets_404_on_goals(client):
    match = MatchFactory()
    goal = Goal.objects.create(match=match, text="Learn ISO 13485")
    client.force_login(StudentFactory())
    assert client.post(reverse("mentoring:goal_add", args=[match.pk]), {"text": "x"}).status_code == 404
    assert client.post(reverse("mentoring:goals_confirm", args=[match.pk])).status_code == 404
    assert client.post(reverse("mentoring:goal_met", args=[match.pk, goal.pk])).status_code == 404
    assert client.post(reverse("mentoring:goal_remove", args=[match.pk, goal.pk])).status_code == 404
    other = MatchFactory()
    client.force_login(other.student)  # a goal id of someone else's match under one's own match
    assert client.post(reverse("mentoring:goal_met", args=[other.pk, goal.pk])).status_code == 404
    assert Goal.objects.get().met_at is None


def test_at_most_five_goals_and_only_new_ones_to_confirm():
    match = MatchFactory()
    for n in range(5):
        add_goal(match=match, user=match.student, text=f"Goal {n}")
    with pytest.raises(MatchRefused, match="at most 5 goals"):
        add_goal(match=match, user=match.student, text="Sixth")
    assert confirm_goals(match=match, user=match.mentor) == 5
    with pytest.raises(MatchRefused, match="no new goals"):
        confirm_goals(match=match, user=match.mentor)
    with pytest.raises(MatchRefused):
        confirm_goals(match=match, user=match.student)


def test_meeting_minutes_add_up_to_hours_on_the_match_and_cohort_pages(client):
    match = MatchFactory()
    MeetingFactory(match=match, duration_minutes=60)
    MeetingFactory(match=match, duration_minutes=90)
    MeetingFactory(match=match, duration_minutes=None)  # logged before lengths were asked: counts none
    MatchFeedback.objects.create(match=match, respondent=match.student, stage="day30")  # must not double the sum
    MatchFeedback.objects.create(match=match, respondent=match.mentor, stage="day30")
    ConfirmedApplicationFactory(cohort=match.cohort, student=match.student)  # the dashboard shows a mentor then
    client.force_login(match.student)
    assert "2.5 hours over 3 meetings" in _page(client, match)
    assert "3 meetings logged, 2.5 hours" in client.get(reverse("dashboard")).content.decode()
    client.force_login(CoordinatorFactory())
    assert "2.5 hours over 3 meetings" in _page(client, match)
    cohort_page = client.get(reverse("mentoring:cohort", args=[match.cohort.slug])).content.decode()
    assert "<td>2.5 hours</td>" in cohort_page


def _started(days_ago, **kwargs):
    match = MatchFactory(**kwargs)
    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    match.refresh_from_db()
    return match


def test_quiet_pair_is_nudged_once_per_spell():
    match = _started(0)
    start = timezone.now()
    nudges = OutboxMessage.objects.filter(key__startswith=f"mentoring-nudge:{match.pk}:")
    assert nudge_quiet_pairs(now=start + timedelta(days=20)) == 0
    assert nudge_quiet_pairs(now=start + timedelta(days=21)) == 2
    assert nudge_quiet_pairs(now=start + timedelta(days=22)) == 0
    assert {m.to for m in nudges} == {match.student.email, match.mentor.email}
    assert nudges.filter(key=f"mentoring-nudge:{match.pk}:{timezone.localdate(start).isoformat()}:student").exists()
    assert "no mentoring meeting for 21 days" in nudges.first().subject
    assert "no meeting is logged yet" in nudges.first().body_text

    met_on = timezone.localdate(start + timedelta(days=25))
    MeetingFactory(match=match, met_on=met_on, duration_minutes=30)
    assert nudge_quiet_pairs(now=start + timedelta(days=45)) == 0  # 20 days after the meeting
    assert nudge_quiet_pairs(now=start + timedelta(days=46)) == 2
    assert nudges.filter(key__contains=f":{met_on.isoformat()}:").count() == 2
    assert "21 days since you and" in nudges.get(key__contains=f":{met_on.isoformat()}:student").body_text
    assert nudge_quiet_pairs(now=start + timedelta(days=50)) == 0


def test_ended_or_finished_pairs_are_not_nudged():
    ended = _started(30)
    end_match(match=ended, user=ended.mentor)
    _started(30, cohort__programme_ends_on=timezone.localdate() - timedelta(days=1))
    assert nudge_quiet_pairs() == 0


def test_coordinator_sees_quiet_pairs_flagged(client):
    quiet = _started(30)
    MeetingFactory(match=quiet, met_on=timezone.localdate() - timedelta(days=24), duration_minutes=60)
    busy = _started(30, cohort=quiet.cohort)
    MeetingFactory(match=busy, met_on=timezone.localdate() - timedelta(days=3), duration_minutes=60)
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("mentoring:cohort", args=[quiet.cohort.slug])).content.decode()
    assert page.count("No meeting for") == 1 and "No meeting for 24 days" in page


def test_an_ended_match_asks_each_side_for_one_end_review(client):
    match = MatchFactory()
    MeetingFactory(match=match, duration_minutes=60)
    unstarted = MatchFactory()  # replaced before the pair ever met: nothing to review
    end_match(match=match, user=match.mentor, reason="Placement found")
    end_match(match=unstarted, user=unstarted.student)
    assert invite_due_surveys() == 2
    assert invite_due_surveys() == 0
    reviews = MatchFeedback.objects.filter(match=match, stage="end")
    assert {r.respondent for r in reviews} == {match.student, match.mentor}
    email = OutboxMessage.objects.get(key=f"match-survey:{match.pk}:end:{match.student.pk}")
    assert "a short review" in email.subject and "has come to its end" in email.body_text

    review = reviews.get(respondent=match.student)
    client.force_login(match.student)
    form = client.get(reverse("mentoring:feedback", args=[review.pk])).content.decode()
    assert "Your end-of-mentoring review" in form
    assert "answer now" in _page(client, match)
    client.post(reverse("mentoring:feedback", args=[review.pk]), {"rating": "5", "comment": "Got the job"})
    page = _page(client, match)
    assert "Your feedback" in page and "end review: 5/5, “Got the job”" in page
    client.force_login(match.mentor)
    page = _page(client, match)
    assert "Got the job" not in page and "answer now" in page  # the mentor sees only their own
    client.force_login(CoordinatorFactory())
    page = _page(client, match)
    assert "end review: 5/5, “Got the job”" in page and "not answered yet" in page


@pytest.mark.usefixtures("private_media")
def test_demo_pairs_show_goals_hours_and_a_quiet_pair(client):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # idempotent: no second set of goals or meetings
    match = Match.objects.get(student__email="mentee.one@warwick.ac.uk", state="active")
    assert match.goals.filter(confirmed_at__isnull=False, met_at__isnull=False).count() == 1
    assert match.goals.count() == 3 and match.meetings.count() == 3
    assert client.login(email="mentee.one@warwick.ac.uk", password=DEMO_PASSWORD)
    assert "3.2 hours over 3 meetings; 1 of 3 goals met" in _page(client, match)
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("mentoring:cohort", args=[match.cohort.slug])).content.decode()
    assert "No meeting for 30 days" in page


def test_cohort_page_query_count_does_not_grow_with_pairs(client):
    first = _started(30)
    MeetingFactory(match=first, duration_minutes=60, met_on=timezone.localdate() - timedelta(days=2))
    client.force_login(CoordinatorFactory())
    url = reverse("mentoring:cohort", args=[first.cohort.slug])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for match in [_started(30, cohort=first.cohort) for _ in range(9)]:
        MeetingFactory(match=match, duration_minutes=30, met_on=timezone.localdate() - timedelta(days=25))
    with CaptureQueriesContext(connection) as ten:
        page = client.get(url).content.decode()
    assert page.count("No meeting for 25 days") == 9 and page.count("0.5 hours") == 9
    assert len(ten) == len(one)
