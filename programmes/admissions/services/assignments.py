"""Assignment: coordinators, or a university's lead reviewer, give applications to reviewers,
automatically (the engine in admissions.assignment) or by hand, and move them between reviewers."""

from django.db import IntegrityError, transaction

from accounts.models import Role, User
from accounts.permissions import may
from ftl_portal.errors import PortalError
from programmes.admissions.assignment import Reviewer, Wanted, assign
from programmes.admissions.models import Application, ApplicationState, Review, ReviewAssignment, ReviewerProfile
from programmes.cohorts.models import CohortPartner

MAX_REVIEWERS_PER_APPLICATION = 10


class AssignmentRefused(PortalError):
    """An assignment the person may not make or the data do not allow; the message is for them."""


def _check_manager(*, actor, partner):
    if not may(actor, "admissions.manage_assignments", partner):
        raise AssignmentRefused("Only a coordinator or this university's lead reviewer assigns its applications.")


def reviewers_of(partner):
    return User.objects.filter(role=Role.STAFF, partner=partner, is_active=True).order_by("full_name", "email")


def _profiles(reviewers):
    return {p.user_id: p for p in ReviewerProfile.objects.filter(user__in=reviewers)}


def _same_department(application, profile):
    return profile is not None and profile.teaches(application.course)


def auto_assign(*, cohort, partner, per_application, keep_departments_apart, actor):
    """Give each of the university's applications awaiting a decision in `cohort` `per_application`
    reviewers in all (those already assigned or who reviewed it count), with loads balanced. Never a
    reviewer who declared a conflict, nor, if asked, one whose department teaches the applicant's
    course. Returns the engine's Assignment (pairs made, applications left short)."""
    _check_manager(actor=actor, partner=partner)
    if not 1 <= per_application <= MAX_REVIEWERS_PER_APPLICATION:
        raise AssignmentRefused(f"Give each application from 1 to {MAX_REVIEWERS_PER_APPLICATION} reviewers.")
    reviewers = list(reviewers_of(partner))
    if not reviewers:
        raise AssignmentRefused(f"{partner} has no reviewers yet: invite university staff first.")
    if per_application > len(reviewers):
        raise AssignmentRefused(
            f"{partner} has {len(reviewers)} reviewer{'s'[: len(reviewers) != 1]}, so no application can have "
            f"{per_application}."
        )
    with transaction.atomic():
        # One run at a time per university and cohort: a second one waits and sees the first's pairs.
        CohortPartner.objects.select_for_update().filter(cohort=cohort, partner=partner).first()
        applications = list(
            Application.objects.filter(cohort=cohort, partner=partner, state=ApplicationState.SUBMITTED).order_by("pk")
        )
        result = assign(**_engine_input(applications, reviewers, per_application, keep_departments_apart))
        ReviewAssignment.objects.bulk_create(
            [ReviewAssignment(application_id=a, reviewer_id=r, assigned_by=actor) for a, r in result.pairs]
        )
    return result


def _engine_input(applications, reviewers, per_application, keep_departments_apart):
    ids = [a.pk for a in applications]
    taken = set(ReviewAssignment.objects.filter(application_id__in=ids).values_list("application_id", "reviewer_id"))
    reviews = Review.objects.filter(application_id__in=ids).values_list(
        "application_id", "reviewer_id", "conflict_declared"
    )
    reviewed = {(a, r) for a, r, _ in reviews}
    conflicts = {(a, r) for a, r, conflict in reviews if conflict}
    forbidden = taken | reviewed
    profiles = _profiles(reviewers)
    if keep_departments_apart:
        forbidden |= {(a.pk, r.pk) for a in applications for r in reviewers if _same_department(a, profiles.get(r.pk))}
    # Who already counts towards an application's reviewers: assigned or reviewed, but not conflicted.
    holding = {}
    for a_id, r_id in (taken | reviewed) - conflicts:
        holding.setdefault(a_id, set()).add(r_id)
    loads = {}
    for _, r_id in taken:
        loads[r_id] = loads.get(r_id, 0) + 1
    return {
        "applications": [Wanted(id=a.pk, needed=per_application - len(holding.get(a.pk, ()))) for a in applications],
        "reviewers": [Reviewer(id=r.pk, load=loads.get(r.pk, 0)) for r in reviewers],
        "forbidden": forbidden,
    }


def _check_pair(*, application, reviewer):
    if reviewer.role != Role.STAFF or reviewer.partner_id != application.partner_id or not reviewer.is_active:
        raise AssignmentRefused(f"{reviewer} does not review {application.partner}'s applications.")
    if Review.objects.filter(application=application, reviewer=reviewer, conflict_declared=True).exists():
        raise AssignmentRefused(f"{reviewer} declared a conflict of interest with application #{application.pk}.")


def assign_by_hand(*, application, reviewer, actor):
    _check_manager(actor=actor, partner=application.partner)
    _check_pair(application=application, reviewer=reviewer)
    try:
        with transaction.atomic():
            return ReviewAssignment.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
    except IntegrityError as exc:
        raise AssignmentRefused(f"Application #{application.pk} is already assigned to {reviewer}.") from exc


def reassign(*, assignment, reviewer, actor):
    """Move an assignment not yet reviewed to another reviewer of the same university."""
    application = assignment.application
    _check_manager(actor=actor, partner=application.partner)
    if Review.objects.filter(application=application, reviewer_id=assignment.reviewer_id).exists():
        raise AssignmentRefused(f"{assignment.reviewer} has already reviewed application #{application.pk}.")
    _check_pair(application=application, reviewer=reviewer)
    try:
        with transaction.atomic():
            assignment.delete()
            return ReviewAssignment.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
    except IntegrityError as exc:
        raise AssignmentRefused(f"Application #{application.pk} is already assigned to {reviewer}.") from exc


def unassign(*, assignment, actor):
    _check_manager(actor=actor, partner=assignment.application.partner)
    assignment.delete()


def save_reviewer_profile(*, reviewer, department, courses, is_lead=None, actor):
    """A reviewer's department and its courses, set by a coordinator or their lead; only a coordinator
    makes someone a lead reviewer (is_lead None leaves it as it is)."""
    _check_manager(actor=actor, partner=reviewer.partner)
    if reviewer.role != Role.STAFF:
        raise AssignmentRefused(f"{reviewer} is not university staff.")
    if is_lead is not None and actor.role != Role.COORDINATOR:
        raise AssignmentRefused("Only a coordinator names a lead reviewer.")
    profile, _ = ReviewerProfile.objects.get_or_create(user=reviewer)
    profile.department = department
    profile.department_courses = [c.strip() for c in courses if c.strip()]
    if is_lead is not None:
        profile.is_lead = is_lead
    profile.save()
    return profile
