"""Who may do what with applications, reviews and decisions: asked by views, services and templates.

Asked without an object (a route, a link in a template), a permission asks only who the person is;
asked with one, it also asks whether that application or university is theirs. Which objects a
person may read at all stays the selectors' job (404 for another university's application)."""

import rules

from accounts.rules import is_coordinator, is_student, is_university_staff
from programmes.admissions.models import Review


@rules.predicate
def is_applicant(user, application):
    """The student whose application this is."""
    return application is None or user.pk == application.student_id


@rules.predicate
def is_staff_of_applicants_university(user, application):
    """University staff review and decide only their own university's applications."""
    return application is None or user.partner_id == application.partner_id


@rules.predicate
def declared_conflict(user, application):
    """The reviewer declared a conflict of interest with this application: from then on they read
    none of it and take no part in its decision. The reviews application_for_review already read
    answer it without another query."""
    if application is None:
        return False
    reviews = getattr(application, "reviews_read", None)
    if reviews is not None:
        return any(r.reviewer_id == user.pk and r.conflict_declared for r in reviews)
    return Review.objects.filter(application=application, reviewer=user, conflict_declared=True).exists()


# Staff of the applicant's university who have not declared a conflict of interest with it.
unconflicted_staff = is_university_staff & is_staff_of_applicants_university & ~declared_conflict


@rules.predicate
def releases_own_decisions(user, cohort_partner):
    """Staff release their university's decisions only where the cohort lets them (otherwise
    coordinators do)."""
    if cohort_partner is None:
        return True
    return user.partner_id == cohort_partner.partner_id and cohort_partner.cohort.staff_may_release


# A student applies, fills in, submits, withdraws and answers the offer of their own application.
rules.add_perm("admissions.apply", is_student & is_applicant)

# The review queue, an application's page and CV, the CSV export and calibration: coordinators see
# every university's applications, staff their own university's except those they declared a
# conflict with.
rules.add_perm("admissions.review_applications", is_coordinator | unconflicted_staff)

# Coordinators read across universities: the queue shows the university column and its filter.
rules.add_perm("admissions.review_every_university", is_coordinator)

# Scoring an application or declaring a conflict is for staff of the applicant's university.
rules.add_perm("admissions.score_applications", unconflicted_staff)

# Offer, waiting list or do not offer: staged on the decision board, and the moves set_state makes
# as a reviewer. A reviewer who declared a conflict has no say.
rules.add_perm("admissions.stage_decision", is_coordinator | unconflicted_staff)

# Releasing one university's staged decisions in one cohort (the object is its CohortPartner).
rules.add_perm("admissions.release_decisions", is_coordinator | (is_university_staff & releases_own_decisions))

# Deadline extensions are Medilink's.
rules.add_perm("admissions.grant_extensions", is_coordinator)

# The applications funnel: coordinators see every university's, staff their own university's
# (the funnel selectors scope it; another university's is a 404).
rules.add_perm("admissions.view_funnel", is_coordinator | is_university_staff)
