"""Coordinators run matching for a cohort, review, forbid, re-run, compare and publish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from ftl_portal.outbox.models import OutboxMessage
from mentoring.models import Match, MatchRun, PairRule, RunStatus
from tests.factories import (
    CohortFactory,
    CohortPartnerFactory,
    CoordinatorFactory,
    PartnerFactory,
    PathwayFactory,
)
from tests.factories_mentoring import ConfirmedApplicationFactory, MatchFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db

RUN_FORM = {
    "objective": "participation",
    "min_score": "0",
    "stay_bonus": "3",
    "w_pathways": "4",
    "w_availability": "2",
    "w_mode": "1",
    "w_seniority": "1",
    "w_sector": "1",
}


@pytest.fixture
def cohort_setup():
    cohort = CohortFactory()
    regulatory = PathwayFactory(slug="regulatory-affairs", name="Regulatory affairs")
    warwick, aru = PartnerFactory(slug="warwick"), PartnerFactory(slug="aru")
    applications = [ConfirmedApplicationFactory(cohort=cohort, partner=p) for p in (warwick, aru, warwick)]
    for application in applications:
        application.pathways.set([regulatory])
    ConfirmedApplicationFactory.create(cohort=cohort, partner=aru, state="submitted")  # not confirmed: left out
    mentors = [MentorProfileFactory(pathways=[regulatory], capacity=2) for _ in range(2)]
    return cohort, applications, mentors


def start(client, cohort, run_on_commit, **changes):
    with run_on_commit():
        response = client.post(reverse("mentoring:cohort", args=[cohort.slug]), {**RUN_FORM, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return MatchRun.objects.latest("id")


def test_run_review_shows_pairs_explanations_alternatives_and_summary(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    run = start(client, cohort, run_on_commit)
    assert run.status == RunStatus.DONE and run.progress == 100
    page = client.get(reverse("mentoring:run_detail", args=[run.pk])).content.decode()
    warwick, aru = applications[0].partner, applications[1].partner
    first, second = sorted([(warwick.name, "2 of 2"), (aru.name, "1 of 1")])
    assert escape(f"3 of 3 students are matched ({first[0]} {first[1]}, {second[0]} {second[1]}).") in page
    assert "Every student is matched." in page
    assert escape("3 of the mentors' 4 places are used here; 0 mentors have no mentee in this run.") in page
    assert "shared pathways: regulatory affairs" in page
    # The stable mode beside this run, in words; solver figures only behind "Details".
    assert "Student and mentor who would both rather be together" in page
    details = page[page.index('<details class="mt-3" id="run-details">') :]
    assert "greedy" not in page[: page.index('<details class="mt-3" id="run-details">')]
    assert "Allowed pairs" in details and "Timings" in details and "Blocking pairs" in details
    assert run.options["tie_seed"] == cohort.pk
    assert f"a shuffle of the students seeded with {cohort.pk}" in details
    assert {s["id"] for s in run.snapshot["students"]} == {a.student_id for a in applications}
    assert run.weights["pathways"] == 4 and run.created_by.is_coordinator


def test_progress_polls_until_done_then_refreshes(client, cohort_setup):
    cohort, *_ = cohort_setup
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    run = MatchRun.objects.create(cohort=cohort, created_by=coordinator, weights={}, options={})
    response = client.get(reverse("mentoring:run_progress", args=[run.pk]))
    assert 'hx-trigger="every 1s"' in response.content.decode() and "HX-Refresh" not in response
    run.status, run.progress = RunStatus.DONE, 100
    run.save()
    response = client.get(reverse("mentoring:run_progress", args=[run.pk]))
    assert response["HX-Refresh"] == "true"


def test_forbid_rerun_and_diff(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    first = start(client, cohort, run_on_commit)
    pair = first.result["pairs"][0]
    response = client.post(
        reverse("mentoring:rule_add", args=[cohort.slug]),
        {"student": pair["student"], "mentor": pair["mentor"], "kind": "forbid", "run": first.pk},
    )
    assert response["Location"] == reverse("mentoring:run_detail", args=[first.pk])
    second = start(client, cohort, run_on_commit)
    assert second.previous == first
    assert (pair["student"], pair["mentor"]) not in {(p["student"], p["mentor"]) for p in second.result["pairs"]}
    page = client.get(reverse("mentoring:run_detail", args=[second.pk])).content.decode()
    assert f"Changes since run {first.pk}" in page
    assert f"Compared with run {first.pk}: " in page and "a different mentor" in page


def publish(client, run, run_on_commit, **extra):
    """Open the confirmation page, then post what it shows."""
    page = client.get(reverse("mentoring:run_publish", args=[run.pk]))
    fingerprint = page.context["fingerprint"]
    with run_on_commit():
        return client.post(
            reverse("mentoring:run_publish", args=[run.pk]), {"fingerprint": fingerprint, **extra}, follow=True
        )


def test_publish_asks_first_showing_each_pair_and_an_example_email(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    run = start(client, cohort, run_on_commit)
    response = client.get(reverse("mentoring:run_publish", args=[run.pk]))
    page = response.content.decode()
    assert "3 pairs; 6 introduction emails will go out at once" in page
    for application in applications:
        assert escape(str(application.student)) in page
    assert "Meet your FTL mentor" in page and "<details open>" in page
    assert "Confirm and send 6 emails" in page
    assert not Match.objects.exists() and not OutboxMessage.objects.exists()


def test_publish_creates_matches_and_emails_each_side_once(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    run = start(client, cohort, run_on_commit)
    page = client.get(reverse("mentoring:run_publish", args=[run.pk]))
    fingerprint = page.context["fingerprint"]
    with run_on_commit():
        client.post(reverse("mentoring:run_publish", args=[run.pk]), {"fingerprint": fingerprint})
    matches = Match.objects.filter(cohort=cohort)
    assert matches.count() == 3
    match = matches.first()
    keys = set(OutboxMessage.objects.filter(key__startswith="match-intro:").values_list("key", flat=True))
    assert {f"match-intro:{match.pk}:student", f"match-intro:{match.pk}:mentor"} <= keys and len(keys) == 6
    # The same confirmation posted again changes nothing.
    response = client.post(reverse("mentoring:run_publish", args=[run.pk]), {"fingerprint": fingerprint}, follow=True)
    assert "already published; nothing was sent again" in response.content.decode()
    assert OutboxMessage.objects.filter(key__startswith="match-intro:").count() == 6
    assert Match.objects.filter(cohort=cohort).count() == 3
    page = client.get(reverse("mentoring:run_detail", args=[run.pk])).content.decode()
    assert "Published" in page and "shared pathways" in page

    # Re-running and publishing the same pairs keeps the matches and sends nothing new.
    again = start(client, cohort, run_on_commit)
    assert (
        "3 pairs; 0 introduction emails"
        in client.get(reverse("mentoring:run_publish", args=[again.pk])).content.decode()
    )
    publish(client, again, run_on_commit)
    assert Match.objects.filter(cohort=cohort, state="active").count() == 3
    assert OutboxMessage.objects.filter(key__startswith="match-intro:").count() == 6


def test_nothing_is_sent_when_the_matches_changed_since_the_preview(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    run = start(client, cohort, run_on_commit)
    fingerprint = client.get(reverse("mentoring:run_publish", args=[run.pk])).context["fingerprint"]
    # Meanwhile someone publishes another run's pair for this cohort.
    MatchFactory(cohort=cohort, student=applications[0].student, mentor=mentors[0].user)
    with run_on_commit():
        response = client.post(
            reverse("mentoring:run_publish", args=[run.pk]), {"fingerprint": fingerprint}, follow=True
        )
    page = response.content.decode()
    assert "changed since you looked at them, so nothing was sent" in page
    assert "Confirm and send" in page  # the new preview, to confirm again
    assert not OutboxMessage.objects.exists() and Match.objects.count() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_a_pin_overriding_rules_is_shown_and_must_be_accepted(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    student, mentor = applications[1].student, mentors[0]
    mentor.excluded_partners.set([applications[1].partner])
    client.post(
        reverse("mentoring:rule_add", args=[cohort.slug]),
        {"student": student.pk, "mentor": mentor.user.pk, "kind": "pin"},
    )
    run = start(client, cohort, run_on_commit)
    detail = client.get(reverse("mentoring:run_detail", args=[run.pk])).content.decode()
    assert "overrides: the mentor excludes the student&#x27;s university" in detail
    page = client.get(reverse("mentoring:run_publish", args=[run.pk])).content.decode()
    assert "1 pinned pair overrides rules" in page and "I accept that 1 pinned pair overrides" in page
    response = publish(client, run, run_on_commit)
    assert "tick that you accept them" in response.content.decode()
    assert not Match.objects.exists()
    publish(client, run, run_on_commit, accept_overrides="yes")
    assert Match.objects.filter(cohort=cohort, student=student, mentor=mentor.user).exists()


def test_pin_is_honoured(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    student, mentor = applications[0].student, mentors[1].user
    client.post(
        reverse("mentoring:rule_add", args=[cohort.slug]), {"student": student.pk, "mentor": mentor.pk, "kind": "pin"}
    )
    run = start(client, cohort, run_on_commit)
    assert {"student": student.pk, "mentor": mentor.pk} in [
        {"student": p["student"], "mentor": p["mentor"]} for p in run.result["pairs"] if p["pinned"]
    ]


def test_bad_settings_get_a_message_and_start_nothing(client, cohort_setup):
    cohort, *_ = cohort_setup
    client.force_login(CoordinatorFactory())
    zero = {f"w_{k}": "0" for k in ("pathways", "availability", "mode", "seniority", "sector")}
    response = client.post(reverse("mentoring:cohort", args=[cohort.slug]), {**RUN_FORM, **zero, "min_score": "200"})
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100" in response.content.decode()
    response = client.post(reverse("mentoring:cohort", args=[cohort.slug]), {**RUN_FORM, **zero})
    assert "At least one weight must be above zero." in response.content.decode()
    assert not MatchRun.objects.exists()
    response = client.post(reverse("mentoring:rule_add", args=[cohort.slug]), {"kind": "pin"}, follow=True)
    assert "Choose a student, a mentor" in response.content.decode() and not PairRule.objects.exists()


def test_only_coordinators_run_matching(client, cohort_setup):
    cohort, applications, mentors = cohort_setup
    for user in (applications[0].student, mentors[0].user):
        client.force_login(user)
        assert client.get(reverse("mentoring:cohort", args=[cohort.slug])).status_code == 403
        assert client.get(reverse("mentoring:cohorts")).status_code == 403


def test_cohort_page_query_count_does_not_grow_with_matches(client):
    client.force_login(CoordinatorFactory())
    cohort = CohortFactory()
    MatchFactory(cohort=cohort)
    url = reverse("mentoring:cohort", args=[cohort.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as one_match:
        client.get(url)
    MatchFactory.create_batch(49, cohort=cohort)
    with CaptureQueriesContext(connection) as fifty_matches:
        page = client.get(url).content.decode()
    assert page.count("shared pathways") == 0 and page.count("<td>Active</td>") == 50
    assert len(fifty_matches) == len(one_match)


def test_rules_only_for_confirmed_students_of_the_cohort(client, cohort_setup):
    cohort, applications, mentors = cohort_setup
    outsider = ConfirmedApplicationFactory().student  # confirmed in another cohort
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("mentoring:cohort", args=[cohort.slug])).content.decode()
    assert escape(applications[0].student) in page and escape(outsider) not in page
    response = client.post(
        reverse("mentoring:rule_add", args=[cohort.slug]),
        {"student": outsider.pk, "mentor": mentors[0].user.pk, "kind": "forbid"},
        follow=True,
    )
    assert "Choose a student, a mentor" in response.content.decode() and not PairRule.objects.exists()


def test_a_run_the_engine_refuses_fails_with_its_message(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    mentor = mentors[0].user
    mentors[0].capacity = 1
    mentors[0].save()
    for application in applications[:2]:
        PairRule.objects.create(cohort=cohort, student=application.student, mentor=mentor, kind="pin")
    run = start(client, cohort, run_on_commit)
    assert run.status == RunStatus.FAILED
    page = client.get(reverse("mentoring:run_detail", args=[run.pk])).content.decode()
    assert "2 pinned mentees" in page and "but 1 free place" in page and "Publish these matches" not in page


def test_university_quota_from_the_run_form(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    warwick = applications[0].partner
    CohortPartnerFactory(cohort=cohort, partner=warwick)
    CohortPartnerFactory(cohort=cohort, partner=applications[1].partner)
    client.force_login(CoordinatorFactory())
    run = start(client, cohort, run_on_commit, **{"quota_warwick": "1", "quota_aru": ""})
    assert run.options["university_quotas"] == {"warwick": 1}
    assert run.result["summary"]["per_university"]["warwick"]["matched"] == 1
    (unmatched,) = run.result["unmatched"]
    assert unmatched["code"] == "university_quota"
    page = client.get(reverse("mentoring:run_detail", args=[run.pk])).content.decode()
    assert "at most 1 from warwick" in page and "The university&#x27;s places are used (1)" in page


def test_why_not_this_mentor_shows_the_rules_and_the_cost(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    run = start(client, cohort, run_on_commit)
    pair = run.result["pairs"][0]
    other = next(m.user for m in mentors if m.user_id != pair["mentor"])
    url = reverse("mentoring:run_why_not", args=[run.pk])
    assert "Ask" in client.get(url).content.decode()
    page = client.get(url, {"student": pair["student"], "mentor": pair["mentor"]}).content.decode()
    assert "s mentor in this run" in page
    page = client.get(url, {"student": pair["student"], "mentor": other.pk}).content.decode()
    assert "No rule rules the pair out." in page and "The cost of forcing it" in page
    assert f"Pin {escape(str(User.objects.get(pk=pair['student'])))} with {escape(str(other))}" in page
    response = client.get(url, {"student": "999999", "mentor": other.pk})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_a_mentors_places_count_their_mentees_in_other_cohorts(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    busy = mentors[0]
    MatchFactory(mentor=busy.user)  # active in another cohort
    MatchFactory(mentor=busy.user, state="ended")  # over: takes no place
    run = start(client, cohort, run_on_commit)
    assert {m["id"]: m["elsewhere"] for m in run.snapshot["mentors"]}[busy.user_id] == 1
    assert sum(p["mentor"] == busy.user_id for p in run.result["pairs"]) == 1  # 2 places, 1 used elsewhere
    page = client.get(reverse("mentoring:run_detail", args=[run.pk])).content.decode()
    assert "1 by their mentees in other cohorts" in page


def test_publish_confirmation_queries_do_not_grow_with_pairs(client, run_on_commit):
    client.force_login(CoordinatorFactory())
    area = PathwayFactory()
    counts = []
    for n in (1, 4):
        cohort = CohortFactory()
        for _ in range(n):
            ConfirmedApplicationFactory(cohort=cohort).pathways.set([area])
        MentorProfileFactory(pathways=[area], capacity=n)
        run = start(client, cohort, run_on_commit)
        assert len(run.result["pairs"]) == n
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("mentoring:run_publish", args=[run.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_stable_run_and_its_refusal_with_balance(client, cohort_setup, run_on_commit):
    cohort, applications, mentors = cohort_setup
    client.force_login(CoordinatorFactory())
    response = client.post(
        reverse("mentoring:cohort", args=[cohort.slug]),
        {**RUN_FORM, "objective": "stable", "balance_universities": "on"},
    )
    assert "The stable mode cannot also balance universities" in response.content.decode()
    assert not MatchRun.objects.exists()
    run = start(client, cohort, run_on_commit, objective="stable", spread_load="2")
    assert run.status == RunStatus.DONE and run.result["summary"]["comparison"]["this_run"]["blocking"] == 0
    page = client.get(reverse("mentoring:run_detail", args=[run.pk])).content.decode()
    assert "Stable: no student and mentor who would both rather be together" in page
    assert "each extra mentee costs 2 points" in page
