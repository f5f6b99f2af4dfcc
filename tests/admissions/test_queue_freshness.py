"""The queue's cached header counts and filter choices: a write shows at once, for the writer and for
every other reader of that university, and never reaches another university's readers' cache."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from programmes.admissions import read_cache
from programmes.admissions.selectors.reviews import queue_counts, queue_reads
from programmes.admissions.services.applications import set_state
from programmes.admissions.services.decisions import stage_decision
from programmes.admissions.services.interviews import set_up_interviews
from programmes.admissions.services.questions import add_question, retire_question
from programmes.admissions.services.reviews import declare_conflict, submit_review
from tests.factories import CohortFactory, CoordinatorFactory, PathwayFactory, StaffFactory, StudentFactory
from tests.factories_reviews import StagedDecisionFactory, SubmittedApplicationFactory, university_in_cohort

pytestmark = pytest.mark.django_db
SCORES = {"motivation": 4, "potential": 3, "commitment": 5}


@pytest.fixture
def seat():
    return university_in_cohort()


def counts_of(client):
    page = client.get(reverse("review_queue")).content.decode()
    start = page.index('data-testid="queue-counts"')
    return page[start : page.index("</ul>", start)]


def test_a_review_shows_at_once_in_the_reviewers_and_a_colleagues_counts(client, seat):
    first, second = SubmittedApplicationFactory.create_batch(2, cohort=seat.cohort, partner=seat.partner)
    reviewer, colleague = StaffFactory(partner=seat.partner), StaffFactory(partner=seat.partner)
    client.force_login(colleague)
    assert "<strong>2</strong> to review" in counts_of(client)  # now cached
    client.force_login(reviewer)
    assert "<strong>2</strong> to review" in counts_of(client)
    submit_review(application=first, reviewer=reviewer, scores=SCORES)
    assert "<strong>1</strong> to review" in counts_of(client)
    assert "<strong>1</strong> reviewed by you" in counts_of(client)
    declare_conflict(application=second, reviewer=reviewer, reason="I know them")
    assert "<strong>0</strong> to review" in counts_of(client)
    client.force_login(colleague)  # the colleague's cached counts are as stale: the version moved for them too
    assert "<strong>2</strong> to review" in counts_of(client)
    submit_review(application=second, reviewer=colleague, scores=SCORES)
    assert "<strong>1</strong> to review" in counts_of(client)


def test_a_state_change_shows_at_once_for_staff_and_coordinators(client, seat):
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    staff, coordinator = StaffFactory(partner=seat.partner), CoordinatorFactory()
    for reader in (staff, coordinator):
        client.force_login(reader)
        assert "Submitted: 1" in counts_of(client) and "Waitlisted: 0" in counts_of(client)
    set_state(application=application, to_state="waitlisted", actor=coordinator)
    for reader in (staff, coordinator):
        client.force_login(reader)
        assert "Submitted: 0" in counts_of(client) and "Waitlisted: 1" in counts_of(client)


def test_another_universitys_write_leaves_this_ones_cached_counts_alone(client, seat, django_assert_num_queries):
    SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    other = university_in_cohort(cohort=seat.cohort)
    staff = StaffFactory(partner=seat.partner)
    client.force_login(staff)
    counts_of(client)
    SubmittedApplicationFactory(cohort=seat.cohort, partner=other.partner)
    with django_assert_num_queries(0):  # neither counts nor choices computed again
        assert read_cache.university_scope(staff) == seat.partner_id
        reads = queue_reads(user=staff)
    assert reads["counts"]["total"] == 1


def places_of(client, application):
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    start = page.index('data-testid="quota"')
    return page[start : page.index("</p>", start)]


def test_an_application_pages_places_show_a_staged_offer_a_state_change_and_a_new_quota_at_once(client):
    seat = university_in_cohort(quota=3)
    first, second = SubmittedApplicationFactory.create_batch(2, cohort=seat.cohort, partner=seat.partner)
    staff, colleague = StaffFactory(partner=seat.partner), StaffFactory(partner=seat.partner)
    client.force_login(colleague)
    assert "0 of 3 offered" in places_of(client, first)  # now cached
    stage_decision(application=first, decision="offered", actor=staff)
    assert "1 of 3 offered" in places_of(client, second)
    set_state(application=second, to_state="offered", actor=staff)
    assert "2 of 3 offered" in places_of(client, first)
    seat.quota = 5
    seat.save()
    assert "2 of 5 offered" in places_of(client, first)


def test_an_application_pages_questions_and_interview_stage_show_at_once(client, seat):
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    client.force_login(StaffFactory(partner=seat.partner))

    def page():
        return client.get(reverse("review_application", args=[application.pk])).content.decode()

    assert "Favourite instrument" not in page() and "Interview (second stage)" not in page()  # now cached
    question = add_question(cohort=seat.cohort, fields={"kind": "short_text", "label": "Favourite instrument"})
    assert "Favourite instrument" in page()
    retire_question(question=question)  # unanswered, so no longer shown
    assert "Favourite instrument" not in page()
    set_up_interviews(cohort=seat.cohort, rubric=[{"key": "x", "label": "X", "weight": 1}], actor=CoordinatorFactory())
    assert "Interview (second stage)" in page()


def test_the_boards_places_show_a_staged_offer_and_a_state_change_at_once(client):
    seat = university_in_cohort(quota=3)
    first, second = SubmittedApplicationFactory.create_batch(2, cohort=seat.cohort, partner=seat.partner)
    staff, coordinator = StaffFactory(partner=seat.partner), CoordinatorFactory()

    def places(reader):
        client.force_login(reader)
        return client.get(reverse("decision_board")).content.decode()

    assert "Places: 0 of 3" in places(staff) and "Places: 0 of 3" in places(coordinator)  # now cached
    stage_decision(application=first, decision="offered", actor=staff)
    assert "Places: 1 of 3" in places(staff) and "Places: 1 of 3" in places(coordinator)
    set_state(application=second, to_state="offered", actor=coordinator)
    assert "Places: 2 of 3" in places(staff) and "Places: 2 of 3" in places(coordinator)
    university_in_cohort(cohort=CohortFactory(name="Spring cohort"), partner=seat.partner, quota=4)
    assert "Places: 0 of 4" in places(staff)  # a new cohort's row


def test_the_boards_cohorts_universities_and_quotas_show_a_change_at_once(client):
    seat = university_in_cohort(quota=3)
    StagedDecisionFactory(application=SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner))
    staff = StaffFactory(partner=seat.partner)
    client.force_login(staff)

    def board():
        return client.get(reverse("decision_board")).content.decode()

    assert "A coordinator releases these decisions." in board() and "Places: 1 of 3" in board()  # now cached
    cohort, partner = seat.cohort, seat.partner
    cohort.name, cohort.staff_may_release = "Renamed cohort", True
    cohort.save()
    partner.name = "Renamed University"
    partner.save()
    seat.quota = 5
    seat.save()
    page = board()
    assert "Renamed cohort · Renamed University" in page and "Places: 1 of 5" in page
    assert "Release 1 decision" in page and "A coordinator releases" not in page
    seat.delete()
    assert "No cohorts with places for your university yet." in board()


def test_new_filter_choices_show_at_once(client, seat):
    client.force_login(StaffFactory(partner=seat.partner))
    page = client.get(reverse("review_queue")).content.decode()
    assert "Digital twins" not in page
    PathwayFactory(name="Digital twins")
    university_in_cohort(cohort=CohortFactory(name="Spring cohort"), partner=seat.partner)
    page = client.get(reverse("review_queue")).content.decode()
    assert "Digital twins" in page and "Spring cohort" in page


def test_a_bump_on_commit_outdates_what_was_cached_before_the_commit(django_capture_on_commit_callbacks):
    """A reader that computed from the data before the writer's commit, and cached it under the
    version of the writer's first bump, is not read after the commit."""
    values = iter(["before the commit", "after the commit"])

    def read():
        return read_cache.cached_many({"v": (7, "probe", lambda: next(values))})["v"]

    with django_capture_on_commit_callbacks(execute=True):
        read_cache.bump(7)
        assert read() == "before the commit"
    assert read() == "after the commit"


def test_without_a_shared_cache_every_read_is_computed(settings, seat, django_assert_num_queries):
    settings.FTL_READ_CACHE = False
    staff = StaffFactory(partner=seat.partner)
    queue_counts(user=staff)
    with django_assert_num_queries(1):
        queue_counts(user=staff)


def test_while_redis_is_unreachable_reads_are_computed_and_a_write_then_outdates_the_cache(monkeypatch):
    """A process on its own fallback cache neither reads the shared cache nor leaves it stale: a write
    it made meanwhile moves the epoch of every version once Redis answers again."""
    computed = iter(range(100))

    def read():
        return read_cache.cached_many({"v": (3, "probe", lambda: next(computed))})["v"]

    assert read() == read() == 0  # cached
    monkeypatch.setattr(read_cache, "_shared", lambda: False)
    assert (read(), read()) == (1, 2)  # computed every time
    read_cache.bump(4)  # another university's write, never seen by the shared versions
    monkeypatch.setattr(read_cache, "_shared", lambda: True)
    assert read() == read() == 3


def test_a_request_reads_the_versions_once_and_again_after_its_own_write(client, seat, monkeypatch):
    read_versions, reads = read_cache._read_versions, []
    monkeypatch.setattr(read_cache, "_read_versions", lambda scopes: reads.append(scopes) or read_versions(scopes))
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    client.force_login(StaffFactory(partner=seat.partner))
    client.get(reverse("review_application", args=[application.pk]))
    reads.clear()
    client.get(reverse("review_application", args=[application.pk]))  # questions, places, interview stage
    read_once = [str(scope) for scopes in reads for scope in scopes]
    assert sorted(read_once) == sorted([read_cache.CHOICES, str(seat.partner_id)])  # each once, of three reads

    computed = iter(["first", "after the write", "next request"])

    def read():
        return read_cache.cached_many({"v": (7, "probe", lambda: next(computed))})["v"]

    read_cache._request_began()  # as one request
    try:
        assert read() == read() == "first"
        read_cache.bump(7)
        assert read() == "after the write"
    finally:
        read_cache._request_ended()
    read_cache._request_began()
    assert read() == "after the write"  # the bump's version, read afresh by the next request
    read_cache._request_ended()


def test_a_value_read_before_comes_from_the_process_as_a_copy_of_its_own_until_a_write(monkeypatch):
    """The process keeps what it read under each version: the next read makes the versions' round
    trip only, and gets a fresh copy, whatever the last reader did to theirs; a bump outdates it."""
    computed = iter([["first"], ["after the write"]])

    def read():
        return read_cache.cached_many({"v": (7, "probe", lambda: next(computed))})["v"]

    read().append("changed by its reader")
    get_many, fetched = read_cache.cache.get_many, []
    monkeypatch.setattr(
        read_cache, "cache", SimpleNamespace(get_many=lambda keys: fetched.append(keys) or get_many(keys))
    )
    assert read() == ["first"]
    assert [key for keys in fetched for key in keys] == ["admissions:version:epoch", "admissions:version:7"]
    monkeypatch.undo()
    read_cache.bump(7)
    assert read() == ["after the write"]


def test_the_process_keeps_only_its_most_recently_used_values():
    recent = read_cache._Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get_many(["a"]) == {"a": 1}  # used: "b" is now the oldest
    recent.put("c", 3)
    assert recent.get_many(["a", "b", "c"]) == {"a": 1, "c": 3}


def test_the_kept_queue_queries_follow_reviews_blind_passes_and_moves_at_once(client, seat):
    """review_queue keeps each reader's built query (unevaluated): the same filters asked again see
    every write since, and a reader moved to another university is asked about that one."""
    blind = university_in_cohort(cohort=CohortFactory(name="Blind cohort", blind_first_review=True))
    staff = StaffFactory(partner=seat.partner)
    first = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, course="Imaging science")
    hidden = SubmittedApplicationFactory(
        cohort=blind.cohort, partner=seat.partner, student=StudentFactory(full_name="Ada Franklin")
    )
    client.force_login(staff)
    to_review = {"mine": "to_review"}
    assert "2 applications match" in queue_page(client, to_review)
    assert "0 applications match" in queue_page(client, {"q": "Franklin"})  # blind: the name finds nothing
    submit_review(application=first, reviewer=staff, scores=SCORES, comment="", recommendation="yes")
    assert "1 application match" in queue_page(client, to_review)
    SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, course="Imaging physics")
    assert "2 applications match" in queue_page(client, {"q": "imaging"})
    blind.cohort.blind_first_review = False
    blind.cohort.save()
    assert f"Applicant #{hidden.pk}" not in queue_page(client, {"q": "Franklin"})
    assert "Ada Franklin" in queue_page(client, {"q": "Franklin"})
    other = university_in_cohort(cohort=seat.cohort)
    staff.partner = other.partner
    staff.save()
    assert "0 applications match" in queue_page(client, to_review)


def test_a_university_filter_follows_a_renamed_slug_at_once(client, seat):
    SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    SubmittedApplicationFactory(cohort=seat.cohort, partner=university_in_cohort(cohort=seat.cohort).partner)
    client.force_login(CoordinatorFactory())
    slug = seat.partner.slug
    assert "1 application match" in queue_page(client, {"partner": slug})
    seat.partner.slug = "renamed"
    seat.partner.save()
    assert "1 application match" in queue_page(client, {"partner": "renamed"})
    assert "2 applications match" in queue_page(client, {"partner": slug})  # no longer offered: ignored


def queue_page(client, params):
    return client.get(reverse("review_queue"), params).content.decode()
