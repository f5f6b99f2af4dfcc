"""What a reviewer may read: their university's submitted applications (coordinators: every
university's), each with its review figures as far as the reader may see them."""

import statistics
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, FilteredRelation, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.permissions import may
from ftl_portal.errors import PortalError
from programmes.admissions import read_cache
from programmes.admissions.models import Application, ApplicationState, ApplicationTag, Review, ReviewAssignment
from programmes.admissions.rubrics import rubric_of
from programmes.admissions.selectors import queue_rows
from programmes.admissions.selectors.decisions import seat_of
from programmes.cohorts.models import Cohort, CohortPartner, Partner, Pathway

SORTS = {
    "newest": ["-submitted_at", "-pk"],
    "oldest": ["submitted_at", "pk"],
    "score": [Coalesce("mean_score", -1.0).desc(), "-submitted_at", "-pk"],
    "score_low": [Coalesce("mean_score", 99.0).asc(), "-submitted_at", "-pk"],
}
QUEUE_STATES = [s for s in ApplicationState if s != ApplicationState.DRAFT]


@dataclass(frozen=True)
class QueueFilters:
    cohort: int | None = None
    partner: str = ""
    status: str = ""
    level: str = ""
    pathway: str = ""
    mine: str = ""  # "to_review" | "reviewed" | "assigned" | ""
    tag: str = ""  # a tag's label, such as "shortlisted"
    q: str = ""
    sort: str = "newest"

    def narrow(self):
        """Whether these filters leave out any of the reader's applications (sorting does not)."""
        return any((self.cohort, self.partner, self.status, self.level, self.pathway, self.mine, self.tag, self.q))


def applications_in_scope(*, user):
    """Submitted (and later) applications the user may review: their own university's, or all."""
    applications = Application.objects.filter(submitted_at__isnull=False)
    if user.role == Role.COORDINATOR:
        return applications
    if user.role == Role.STAFF:
        return applications.filter(partner_id=user.partner_id)
    raise Http404


def _my_reviews(reader_id, **flags):
    return Review.objects.filter(application=OuterRef("pk"), reviewer_id=reader_id, **flags)


class _Scope(NamedTuple):
    """What the queue's query depends on of its reader (applications_in_scope reads role and partner)."""

    pk: int
    role: str
    partner_id: int | None


def review_queue(*, user, filters):
    """The filtered, sorted queue; an unknown or foreign partner filter is a 404. Review figures
    are not part of it: attach_review_figures adds them to the page shown (sorting by score
    alone computes the mean for every row).

    The query is built once per reader and filters and kept, unevaluated, and each caller is given
    a copy, as Django's generic views copy their queryset: building a filtered or searched queue's
    query cost 0.5-0.7 ms of Python. It reads no data as it is built, so a kept one is never out of date;
    a university filter, which looks the university up, is built afresh each time."""
    scope = _Scope(user.pk, user.role, user.partner_id)
    if filters.partner:
        return _queue_query(scope, filters)
    return _kept_queue_query(scope, filters).all()


def _queue_query(scope, filters):
    applications = applications_in_scope(user=scope)
    if filters.partner:
        partner = Partner.objects.filter(slug=filters.partner).first()
        if partner is None or (scope.role == Role.STAFF and partner.pk != scope.partner_id):
            raise Http404
        applications = applications.filter(partner=partner)
    if filters.cohort:
        applications = applications.filter(cohort_id=filters.cohort)
    if filters.status:
        applications = applications.filter(state=filters.status)
    if filters.level:
        applications = applications.filter(level_of_study=filters.level)
    if filters.pathway:
        applications = applications.filter(pathways__slug=filters.pathway)
    if filters.tag:
        applications = applications.filter(
            Exists(ApplicationTag.objects.filter(application=OuterRef("pk"), label=filters.tag))
        )
    if filters.mine == "reviewed":
        applications = applications.filter(Exists(_my_reviews(scope.pk, conflict_declared=False)))
    elif filters.mine == "to_review":
        applications = applications.filter(~Exists(_my_reviews(scope.pk)))
    elif filters.mine == "assigned":
        applications = applications.filter(
            Exists(ReviewAssignment.objects.filter(application=OuterRef("pk"), reviewer_id=scope.pk))
        )
    if filters.q:
        # The name copied onto the application (student_name), so the match runs on the queue index
        # and stops at the page's cap: the students' names first, on their own, walked every account
        # with a matching name, and grew with them.
        name = Q(student_name__icontains=filters.q)
        if scope.role != Role.COORDINATOR:
            # In a blind pass a name only matches where the reader may already see it. The cohorts
            # as a subquery rather than a join keep the whole search one filter on the queue
            # index, so PostgreSQL looks the matching students up once.
            open_cohorts = Cohort.objects.filter(blind_first_review=False).values("pk")
            name &= Q(cohort__in=open_cohorts) | Q(Exists(_my_reviews(scope.pk)))
        applications = applications.filter(Q(course__icontains=filters.q) | name)
    if filters.sort in ("score", "score_low"):
        mean = (
            Review.objects.filter(application=OuterRef("pk"), conflict_declared=False)
            .values("application")
            .annotate(v=Avg("weighted_score"))
            .values("v")
        )
        applications = applications.annotate(mean_score=Subquery(mean))
    return applications.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


# A process meets a few hundred readers and filter combinations at most: the rest are built again.
_kept_queue_query = lru_cache(maxsize=512)(_queue_query)


def _ids_sql(*, user, filters):
    """(start, stop) -> the SQL and parameters of the ids of the queue's matches from start to stop,
    for queue_rows' pre-written statement. Compiled once per reader, filters and slice, as
    review_queue builds the query once: compiling it was another 0.3 ms of a filtered page. None for
    a university filter's (built afresh): queue_rows then compiles the queue as given."""
    if filters.partner:
        return None
    return partial(_kept_ids_sql, _Scope(user.pk, user.role, user.partner_id), filters)


@lru_cache(maxsize=1024)
def _kept_ids_sql(scope, filters, start, stop):
    return queue_rows.compile_ids(_kept_queue_query(scope, filters), start, stop)


def for_display(applications):
    return applications.select_related("student", "partner", "cohort", "staged_decision").prefetch_related(
        Prefetch("pathways", queryset=Pathway.objects.only("name", "slug"))
    )


class Reader(NamedTuple):
    """Who reads the figures: their id, and whether they see every review (coordinators)."""

    pk: int
    sees_all: bool


def reader_of(user):
    # Read once a page, not once for each review its figures weigh.
    return Reader(pk=user.pk, sees_all=user.role == Role.COORDINATOR)


def queue_page(*, user, filters, number, per_page, unfiltered_count=None):
    """One page of the queue, its object_list the rows as plain values (queue_rows.page_of).
    unfiltered_count, the number of applications in the reader's scope when the caller already
    has it (the queue's counts), spares counting them again when no filter narrows the queue.
    Above COUNT_CAP matches the count stops (page.capped): the page then says "More than 250"."""
    queue = review_queue(user=user, filters=filters)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    past_the_end = 2**31 // per_page
    if not 1 <= number <= past_the_end:  # as Paginator.get_page: the last page (found as a page past the end)
        number = past_the_end
    known = unfiltered_count if unfiltered_count is not None and not filters.narrow() else None
    reader = reader_of(user)
    ids_sql = _ids_sql(user=user, filters=filters)
    rows, matches = queue_rows.page_of(
        queue, start=(number - 1) * per_page, per_page=per_page, known_count=known, reader=reader, ids_sql=ids_sql
    )
    paginator = Paginator((), per_page)  # the count is known; the rows are the page's own
    paginator.count = matches
    if not rows and number > 1:  # past the last page: the last page, as Paginator.get_page does
        number = paginator.num_pages
        rows, _ = queue_rows.page_of(
            queue, start=(number - 1) * per_page, per_page=per_page, known_count=matches, reader=reader, ids_sql=ids_sql
        )
    page = paginator.page(number)
    page.object_list = rows
    page.capped = known is None and matches > queue_rows.COUNT_CAP
    page.cap = f"{queue_rows.COUNT_CAP:,}"
    return page


def attach_review_figures(*, applications, user):
    """Give each application its review figures (count, weighted mean and median of the scored
    reviews) and the reader's own part (reviewed, conflict), with show_name and show_scores for
    what the reader may see. One query for any number of applications."""
    applications = list(applications)
    by_application = queue_rows.reviews_by_application([a.pk for a in applications])
    return _with_review_figures(applications, by_application, user=user)


def _with_review_figures(applications, by_application, *, user):
    reader = reader_of(user)
    for a in applications:
        figures = queue_rows.figures_for(by_application.get(a.pk, []), reader=reader, blind=a.cohort.blind_first_review)
        a.__dict__.update(figures)
    return applications


def queue_reads(*, user):
    """The queue's header counts and its filters' choices, from the cache when nothing they depend
    on changed (read_cache: every write of the reader's university bumps the counts' version, every
    set-up change the choices'): two cache round trips, no query."""
    return read_cache.cached_many(
        {
            "counts": (read_cache.university_scope(user), f"queue-counts:{user.pk}", lambda: _queue_counts(user)),
            "choices": (read_cache.CHOICES, f"filter-choices:{user.role}:{user.partner_id}", lambda: _choices(user)),
        }
    )


def queue_counts(*, user):
    """Counts for the queue's header and the staff dashboard (cached as queue_reads says)."""
    key = f"queue-counts:{user.pk}"
    return read_cache.cached_many({"counts": (read_cache.university_scope(user), key, lambda: _queue_counts(user))})[
        "counts"
    ]


def filter_choices(*, user):
    """The queue's filters' choices: universities, cohorts, pathways (cached per university)."""
    key = f"filter-choices:{user.role}:{user.partner_id}"
    return read_cache.cached_many({"choices": (read_cache.CHOICES, key, lambda: _choices(user))})["choices"]


def _queue_counts(user):
    """In one query: each application joined to the reader's own review of it, if any (at most one:
    one review per reviewer)."""
    rows = (
        applications_in_scope(user=user)
        .annotate(mine=FilteredRelation("reviews", condition=Q(reviews__reviewer=user)))
        .order_by()
        .values_list("state")
        .annotate(
            n=Count("pk"),
            unreviewed=Count("pk", filter=Q(mine__conflict_declared__isnull=True)),
            reviewed=Count("pk", filter=Q(mine__conflict_declared=False)),
        )
    )
    by_state = {state: (n, unreviewed, reviewed) for state, n, unreviewed, reviewed in rows}
    return {
        "total": sum(n for n, _, _ in by_state.values()),
        "to_review": by_state.get(ApplicationState.SUBMITTED, (0, 0, 0))[1],
        "reviewed_by_me": sum(reviewed for _, _, reviewed in by_state.values()),
        "by_state": [(str(state.label), by_state.get(state.value, (0,))[0]) for state in QUEUE_STATES],
    }


def _choices(user):
    partners = Partner.objects.all() if user.role == Role.COORDINATOR else Partner.objects.none()
    cohorts = CohortPartner.objects.all()
    if user.role == Role.STAFF:
        cohorts = cohorts.filter(partner_id=user.partner_id)
    return {
        "partners": list(partners.values_list("slug", "name")),
        "cohorts": sorted(set(cohorts.values_list("cohort_id", "cohort__name")), key=lambda c: c[1]),
        "pathways": list(Pathway.objects.values_list("slug", "name")),
    }


class ConflictDeclared(PortalError):
    """The reader declared a conflict of interest with this application."""


def application_for_review(*, user, pk):
    """One application as a reviewer reads it, for its page and every action on it. A reviewer who
    declared a conflict of interest with it is refused (the rule admissions.review_applications)."""
    application = get_object_or_404(
        applications_in_scope(user=user).select_related("student", "partner", "cohort", "staged_decision"), pk=pk
    )
    # The reviews are read once, with their reviewers: for the rule, the figures and review_panel.
    application.reviews_read = list(application.reviews.select_related("reviewer"))
    return checked_for_review(application, user=user)


def checked_for_review(application, *, user):
    """The application, with its reviews_read, refused to a reviewer who declared a conflict of
    interest with it, and given the review figures as the reader may see them."""
    if not may(user, "admissions.review_applications", application):
        raise ConflictDeclared(
            f"You declared a conflict of interest with application #{application.pk}, so you no longer read it or "
            "take part in its decision. The coordinators can see your declaration."
        )
    reviews = [(r.reviewer_id, r.conflict_declared, r.weighted_score) for r in application.reviews_read]
    return _with_review_figures([application], {application.pk: reviews}, user=user)[0]


def in_blind_pass(*, application, user):
    """Whether the reader has yet to review this application of a blind-first-review cohort: until
    they have (or have declared a conflict), nothing they are shown names the applicant."""
    if user.role == Role.COORDINATOR or not application.cohort.blind_first_review:
        return False
    return not Review.objects.filter(application=application, reviewer=user).exists()


def _history(application, *, blind):
    """The application's state changes (its events_read), each with who made it as the reader may see
    it: in a blind pass the student is "Applicant" and staff or coordinators are their role."""
    events = application.events_read
    for event in events:
        if event.actor is None:
            event.who = "The portal"
        elif event.actor_id == application.student_id:
            event.who = "Applicant" if blind else str(event.actor)
        else:
            event.who = event.actor.get_role_display() if blind else str(event.actor)
    return events


def review_panel(*, application, user):
    """The review figures and the reviews the reader may see on one application's page (one got
    from review_page.application_page)."""
    reviews = application.reviews_read
    scored = [r for r in reviews if not r.conflict_declared and r.weighted_score is not None]
    weights = {c["key"]: c["weight"] for c in rubric_of(application.cohort)}
    values = [r.weighted_score for r in scored]
    my_review = next((r for r in reviews if r.reviewer_id == user.pk), None)
    cohort_partner, taken = seat_of(cohort=application.cohort, partner_id=application.partner_id)
    return {
        "rubric": rubric_of(application.cohort),
        "weights": weights,
        "my_review": my_review,
        "reviews": scored if application.show_scores else [],
        "conflicts": [r for r in reviews if r.conflict_declared] if user.role == Role.COORDINATOR else [],
        "review_count": len(scored),
        "reviews_needed": max(application.cohort.min_reviews_for_decision - len(scored), 0),
        "mean": round(statistics.fmean(values), 2) if values and application.show_scores else None,
        "median": round(statistics.median(values), 2) if values and application.show_scores else None,
        "may_review": may(user, "admissions.score_applications", application) and my_review is None,
        "events": _history(application, blind=not application.show_name),
        "quota": cohort_partner.quota if cohort_partner else 0,
        "places_taken": taken,
        "may_release": bool(cohort_partner) and may(user, "admissions.release_decisions", cohort_partner),
    }
