"""Who may do what with applications, reviews and decisions: asked by views, services and templates.

Asked without an object (a route, a link in a template), a permission asks only who the person is;
asked with one, it also asks whether that application or university is theirs. Which objects a
person may read at all stays the selectors' job (404 for another university's application)."""

import rules

from accounts.rules import is_coordinator, is_student, is_university_staff


@rules.predicate
def is_applicant(user, application):
    """The student whose application this is."""
    return application is None or user.pk == application.student_id


@rules.predicate
def is_staff_of_applicants_university(user, application):
    """University staff review and decide only their own university's applications."""
    return application is None or user.partner_id == application.partner_id


@rules.predicate
def releases_own_decisions(user, cohort_partner):
    """Staff release their university's decisions only where the cohort lets them (otherwise
    coordinators do)."""
    if cohort_partner is None:
        return True
    return user.partner_id == cohort_partner.partner_id and cohort_partner.cohort.staff_may_release


# A student applies, fills in, submits, withdraws and answers the offer of their own application.
rules.add_perm("admissions.apply", is_student & is_applicant)

# The review queue, an application's page, the CSV export and calibration: coordinators see every
# university's applications, staff their own university's.
rules.add_perm(
    "admissions.review_applications", is_coordinator | (is_university_staff & is_staff_of_applicants_university)
)

# Coordinators read across universities: the queue shows the university column and its filter.
rules.add_perm("admissions.review_every_university", is_coordinator)

# Scoring an application or declaring a conflict is for staff of the applicant's university.
rules.add_perm("admissions.score_applications", is_university_staff & is_staff_of_applicants_university)

# Offer, waiting list or do not offer: staged on the decision board, and the moves set_state makes
# as a reviewer.
rules.add_perm("admissions.stage_decision", is_coordinator | (is_university_staff & is_staff_of_applicants_university))

# Releasing one university's staged decisions in one cohort (the object is its CohortPartner).
rules.add_perm("admissions.release_decisions", is_coordinator | (is_university_staff & releases_own_decisions))

# Deadline extensions and the applications funnel are Medilink's.
rules.add_perm("admissions.grant_extensions", is_coordinator)
rules.add_perm("admissions.view_funnel", is_coordinator)
