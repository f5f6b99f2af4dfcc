"""Reads for assignment: a reviewer's own assignments with their progress, each reviewer's progress
for a lead or coordinator, and the next application for "save and next"."""

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from accounts.permissions import require_or_404
from programmes.admissions.identity import applicant_label
from programmes.admissions.models import Application, ApplicationState, Review, ReviewAssignment
from programmes.admissions.selectors.reviews import applications_in_scope
from programmes.cohorts.models import CohortPartner, Partner

MINE_VALUES = (
    *("pk", "application_id", "application__course", "application__state", "application__submitted_at"),
    *("application__student__full_name", "application__student__email", "application__cohort__name"),
    "application__cohort__blind_first_review",
)


def _review_by(reviewer_field, **flags):
    return Review.objects.filter(application=OuterRef("application_id"), reviewer=OuterRef(reviewer_field), **flags)


def my_assignments(*, user):
    """The reviewer's assignments, oldest first, each with whether they reviewed it or declared a
    conflict, and the progress over them all. Two queries however many there are."""
    rows = list(
        ReviewAssignment.objects.filter(reviewer=user)
        .annotate(
            reviewed=Exists(_review_by("reviewer_id", conflict_declared=False)),
            conflict=Exists(_review_by("reviewer_id", conflict_declared=True)),
        )
        .order_by("assigned_at", "pk")
        .values(*MINE_VALUES, "reviewed", "conflict")
    )
    for row in rows:
        seen = row["reviewed"] or row["conflict"] or not row["application__cohort__blind_first_review"]
        name = row["application__student__full_name"] or row["application__student__email"]
        row["name"] = applicant_label(show_name=seen, name=name, pk=row["application_id"])
        row["status"] = "Reviewed" if row["reviewed"] else "Conflict declared" if row["conflict"] else "To review"
    done = sum(1 for r in rows if r["reviewed"] or r["conflict"])
    return {"rows": rows, "done": done, "total": len(rows), "percent": round(100 * done / len(rows)) if rows else 0}


def next_to_review(*, user, after=None):
    """The application "save and next" opens: the reviewer's oldest assigned application they have
    neither reviewed nor declared a conflict with, else the oldest such one in their queue. None when
    nothing is left."""
    pending = applications_in_scope(user=user).filter(state=ApplicationState.SUBMITTED)
    pending = pending.exclude(Exists(Review.objects.filter(application=OuterRef("pk"), reviewer=user)))
    if after is not None:
        pending = pending.exclude(pk=after)
    assigned = pending.filter(Exists(ReviewAssignment.objects.filter(application=OuterRef("pk"), reviewer=user)))
    return (
        assigned.order_by("submitted_at", "pk").values_list("pk", flat=True).first()
        or pending.order_by("submitted_at", "pk").values_list("pk", flat=True).first()
    )


def manageable_partners(*, user):
    """The universities whose assignments the reader manages: all for coordinators, their own for a lead."""
    if user.role == Role.COORDINATOR:
        return list(Partner.objects.order_by("name"))
    require_or_404(user, "admissions.manage_assignments", user.partner)
    return [user.partner]


def assignment_scope(*, user, partner_slug, cohort_id):
    """The (partner, cohort, cohorts to choose from) the assignment page shows; another
    university, or a cohort it takes no part in, is a 404."""
    partners = manageable_partners(user=user)
    partner = next((p for p in partners if p.slug == partner_slug), None) if partner_slug else partners[0]
    if partner is None:
        raise Http404
    seats = list(
        CohortPartner.objects.filter(partner=partner).select_related("cohort").order_by("-cohort__applications_open_at")
    )
    cohorts = [s.cohort for s in seats]
    if cohort_id:
        cohort = next((c for c in cohorts if str(c.pk) == str(cohort_id)), None)
        if cohort is None:
            raise Http404
    else:
        cohort = cohorts[0] if cohorts else None
    return {"partners": partners, "partner": partner, "cohorts": cohorts, "cohort": cohort}


def reviewer_progress(*, partner, cohort):
    """Each reviewer of the university with their assignments in the cohort and how many are done."""
    in_cohort = Q(review_assignments__application__cohort=cohort)
    reviewers = (
        User.objects.filter(role=Role.STAFF, partner=partner, is_active=True)
        .select_related("reviewer_profile")
        .annotate(assigned=Count("review_assignments", filter=in_cohort, distinct=True))
        .order_by("full_name", "email")
    )
    done_by = dict(
        ReviewAssignment.objects.filter(application__cohort=cohort, reviewer__partner=partner)
        .filter(Exists(_review_by("reviewer_id")))
        .values("reviewer_id")
        .annotate(n=Count("pk"))
        .values_list("reviewer_id", "n")
    )
    rows = []
    for r in reviewers:
        profile = getattr(r, "reviewer_profile", None)
        n_done = done_by.get(r.pk, 0)
        rows.append(
            {
                "reviewer": r,
                "profile": profile,
                "assigned": r.assigned,
                "done": n_done,
                "percent": round(100 * n_done / r.assigned) if r.assigned else 0,
            }
        )
    return rows


def open_assignments(*, partner, cohort):
    """The cohort's assignments at the university not yet reviewed, for reassigning."""
    return list(
        ReviewAssignment.objects.filter(application__cohort=cohort, application__partner=partner)
        .exclude(Exists(_review_by("reviewer_id")))
        .select_related("reviewer", "application")
        .order_by("application_id", "reviewer__full_name")
    )


def assignment_for_managing(*, user, pk):
    assignment = get_object_or_404(ReviewAssignment.objects.select_related("application__partner", "reviewer"), pk=pk)
    require_or_404(user, "admissions.manage_assignments", assignment.application.partner)
    return assignment


def application_for_assigning(*, user, pk):
    application = get_object_or_404(applications_in_scope(user=user).select_related("partner"), pk=pk)
    require_or_404(user, "admissions.manage_assignments", application.partner)
    return application


def reviewer_for_assigning(*, user, pk):
    reviewer = get_object_or_404(User.objects.filter(role=Role.STAFF), pk=pk)
    require_or_404(user, "admissions.manage_assignments", reviewer.partner)
    return reviewer


def application_by_number(*, scope, number):
    """The scope's application numbered `number` awaiting review, or None (also for another
    university's: the typed number tells nothing about it)."""
    return (
        Application.objects.filter(
            pk=number, partner=scope["partner"], cohort=scope["cohort"], state=ApplicationState.SUBMITTED
        )
        .select_related("partner")
        .first()
    )
