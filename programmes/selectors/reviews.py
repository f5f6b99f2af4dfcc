"""What a reviewer may read: their university's submitted applications (coordinators: every
university's), each with its review figures as far as the reader may see them."""

import statistics
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import Role

from ..models import Application, ApplicationState, CohortPartner, InterestArea, Partner, Review
from ..services.decisions import may_release, places_taken
from ..services.reviews import rubric_of

SORTS = {
    "newest": ["-submitted_at", "-pk"],
    "oldest": ["submitted_at", "pk"],
    "score": [Coalesce("mean_score", -1.0).desc(), "-submitted_at", "-pk"],
    "score_low": [Coalesce("mean_score", 99.0).asc(), "-submitted_at", "-pk"],
}
QUEUE_STATES = [s for s in ApplicationState if s != ApplicationState.DRAFT]


@dataclass
class QueueFilters:
    cohort: int | None = None
    partner: str = ""
    status: str = ""
    level: str = ""
    pathway: str = ""
    mine: str = ""  # "to_review" | "reviewed" | ""
    q: str = ""
    sort: str = "newest"


def applications_in_scope(*, user):
    """Submitted (and later) applications the user may review: their own university's, or all."""
    applications = Application.objects.filter(submitted_at__isnull=False)
    if user.role == Role.COORDINATOR:
        return applications
    if user.role == Role.STAFF:
        return applications.filter(partner_id=user.partner_id)
    raise Http404


def _scored_reviews():
    return Review.objects.filter(application=OuterRef("pk"), conflict_declared=False)


def _with_review_figures(applications, *, user):
    mean = _scored_reviews().values("application").annotate(v=Avg("weighted_score")).values("v")
    count = _scored_reviews().values("application").annotate(v=Count("pk")).values("v")
    return applications.annotate(
        mean_score=Subquery(mean),
        review_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        reviewed_by_me=Exists(_scored_reviews().filter(reviewer=user)),
        conflict_by_me=Exists(Review.objects.filter(application=OuterRef("pk"), reviewer=user, conflict_declared=True)),
    )


def review_queue(*, user, filters):
    """The filtered, sorted queue; an unknown or foreign partner filter is a 404."""
    applications = _with_review_figures(applications_in_scope(user=user), user=user)
    if filters.partner:
        partner = Partner.objects.filter(slug=filters.partner).first()
        if partner is None or (user.role == Role.STAFF and partner.pk != user.partner_id):
            raise Http404
        applications = applications.filter(partner=partner)
    if filters.cohort:
        applications = applications.filter(cohort_id=filters.cohort)
    if filters.status:
        applications = applications.filter(state=filters.status)
    if filters.level:
        applications = applications.filter(level_of_study=filters.level)
    if filters.pathway:
        applications = applications.filter(interests__slug=filters.pathway)
    if filters.mine == "reviewed":
        applications = applications.filter(reviewed_by_me=True)
    elif filters.mine == "to_review":
        applications = applications.filter(reviewed_by_me=False, conflict_by_me=False)
    if filters.q:
        # In a blind pass a name only matches where the reader may already see it.
        name_visible = Q(cohort__blind_first_review=False) | Q(reviewed_by_me=True) | Q(conflict_by_me=True)
        if user.role == Role.COORDINATOR:
            name_visible = Q()
        applications = applications.filter(
            Q(course__icontains=filters.q) | (Q(student__full_name__icontains=filters.q) & name_visible)
        )
    return (
        applications.select_related("student", "partner", "cohort", "staged_decision")
        .prefetch_related(Prefetch("interests", queryset=InterestArea.objects.only("name", "slug")))
        .order_by(*SORTS.get(filters.sort, SORTS["newest"]))
    )


def mark_visibility(*, applications, user):
    """Set show_name and show_scores on each application of a page, for the template."""
    for application in applications:
        own = application.reviewed_by_me or application.conflict_by_me
        application.show_name = user.role == Role.COORDINATOR or not application.cohort.blind_first_review or own
        application.show_scores = user.role == Role.COORDINATOR or application.reviewed_by_me
    return applications


def queue_counts(*, user):
    """Counts for the queue's header and the staff dashboard: one query."""
    applications = applications_in_scope(user=user)
    mine = _scored_reviews().filter(reviewer=user)
    any_mine = Review.objects.filter(application=OuterRef("pk"), reviewer=user)
    counts = applications.aggregate(
        total=Count("pk"),
        to_review=Count("pk", filter=Q(state=ApplicationState.SUBMITTED) & ~Q(Exists(any_mine))),
        reviewed_by_me=Count("pk", filter=Q(Exists(mine))),
        **{state.value: Count("pk", filter=Q(state=state)) for state in QUEUE_STATES},
    )
    counts["by_state"] = [(state.label, counts[state.value]) for state in QUEUE_STATES]
    return counts


def filter_choices(*, user):
    partners = Partner.objects.all() if user.role == Role.COORDINATOR else Partner.objects.none()
    cohorts = CohortPartner.objects.select_related("cohort")
    if user.role == Role.STAFF:
        cohorts = cohorts.filter(partner_id=user.partner_id)
    return {
        "partners": list(partners.values_list("slug", "name")),
        "cohorts": sorted({(cp.cohort_id, cp.cohort.name) for cp in cohorts}, key=lambda c: c[1]),
        "pathways": list(InterestArea.objects.values_list("slug", "name")),
    }


def application_for_review(*, user, pk):
    try:
        application = _with_review_figures(applications_in_scope(user=user), user=user)
        application = application.select_related("student", "partner", "cohort", "staged_decision").get(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    mark_visibility(applications=[application], user=user)
    return application


def review_panel(*, application, user):
    """The review figures and the reviews the reader may see on one application's page."""
    reviews = list(application.reviews.select_related("reviewer"))
    scored = [r for r in reviews if not r.conflict_declared and r.weighted_score is not None]
    weights = {c["key"]: c["weight"] for c in rubric_of(application.cohort)}
    values = [r.weighted_score for r in scored]
    my_review = next((r for r in reviews if r.reviewer_id == user.pk), None)
    cohort_partner = CohortPartner.objects.filter(
        cohort_id=application.cohort_id, partner_id=application.partner_id
    ).first()
    return {
        "rubric": rubric_of(application.cohort),
        "weights": weights,
        "my_review": my_review,
        "reviews": scored if application.show_scores else [],
        "conflicts": [r for r in reviews if r.conflict_declared] if user.role == Role.COORDINATOR else [],
        "review_count": len(scored),
        "mean": round(statistics.fmean(values), 2) if values and application.show_scores else None,
        "median": round(statistics.median(values), 2) if values and application.show_scores else None,
        "may_review": user.role == Role.STAFF and my_review is None,
        "events": application.events.select_related("actor"),
        "quota": cohort_partner.quota if cohort_partner else 0,
        "places_taken": places_taken(cohort_id=application.cohort_id, partner_id=application.partner_id),
        "may_release": bool(cohort_partner) and may_release(user=user, cohort_partner=cohort_partner),
    }


def review_figures_by_application(*, application_ids):
    """Mean, median and count of the scored reviews of many applications, in one query (exports)."""
    scores = {}
    rows = Review.objects.filter(
        application_id__in=application_ids, conflict_declared=False, weighted_score__isnull=False
    ).values_list("application_id", "weighted_score")
    for application_id, score in rows:
        scores.setdefault(application_id, []).append(score)
    return {pk: (round(statistics.fmean(v), 2), round(statistics.median(v), 2), len(v)) for pk, v in scores.items()}
