"""Who holds each permission of every app's rules.py, asked without an object (a route, a link, a
menu): one table for the whole portal, and a check that no declared permission is missing from it.
Object-level rules (whose application, which match) are tested beside each app."""

import pytest
import rules

from accounts.permissions import may
from tests.factories import PEOPLE_BY_ROLE, StudentFactory

TABLE = {
    "accounts.invite_people": {"coordinator"},
    "admissions.apply": {"student"},
    "admissions.grant_extensions": {"coordinator"},
    "admissions.release_decisions": {"staff", "coordinator"},
    "admissions.review_applications": {"staff", "coordinator"},
    "admissions.review_every_university": {"coordinator"},
    "admissions.score_applications": {"staff"},
    "admissions.stage_decision": {"staff", "coordinator"},
    "admissions.view_funnel": {"staff", "coordinator"},
    "cohorts.set_up_programme": {"coordinator"},
    "equality.answer_questionnaire": {"student"},
    "equality.read_reports": {"coordinator"},
    "completion.manage_completion": {"coordinator"},
    "completion.track_own_progress": {"student"},
    "events.book_sessions": {"student"},
    "events.manage_programme": {"coordinator"},
    "impact.manage_follow_up_consent": {"student"},
    "impact.read_report": {"coordinator", "staff"},
    "mentoring.keep_mentor_profile": {"mentor"},
    "mentoring.run_matching": {"coordinator"},
    "mentoring.state_preferences": {"student"},
    "messaging.message_cohort": {"coordinator"},
    "outbox.watch_outbox": {"coordinator"},
    "privacy.manage_requests": {"coordinator"},
    "privacy.read_access_log": {"coordinator"},
    "privacy.use_own_data_rights": {"student", "staff", "coordinator", "mentor"},
    "recruitment.choose_email_preferences": {"student"},
    "recruitment.run_campaigns": {"coordinator"},
    "retention.manage_retention": {"coordinator"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("perm", sorted(TABLE))
@pytest.mark.parametrize("who", sorted(PEOPLE_BY_ROLE))
def test_who_holds_each_permission(perm, who):
    assert may(PEOPLE_BY_ROLE[who](), perm) is (who in TABLE[perm])


# Asked only of one object; tested beside their apps (tests/events, tests/mentoring).
OBJECT_LEVEL = {
    "events.book_session",
    "mentoring.see_match",
    "mentoring.take_part_in_match",
    "mentoring.end_match",
    "mentoring.write_goals",
    "mentoring.confirm_goals",
}


def test_the_table_covers_every_declared_permission():
    assert set(rules.permissions.permissions) == set(TABLE) | OBJECT_LEVEL


@pytest.mark.django_db
@pytest.mark.parametrize("perm", sorted(TABLE))
def test_the_superuser_flag_grants_no_permission(perm):
    superuser = StudentFactory(is_superuser=True, is_staff=True)
    assert may(superuser, perm) is ("student" in TABLE[perm])
