"""Who may do what with applications, reviews and decisions: asked by views, services and templates.

Asked without an object (a route, a link in a template), a permission asks only who the person is;
asked with one, it also asks whether that application or university is theirs. Which objects a
person may read at all stays the selectors' job (404 for another university's application)."""

import rules

from accounts.rules import is_coordinator, is_student, is_university_staff
from programmes.admissions.models import Application, ApplicationState, Review, ReviewerProfile


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


@rules.predicate
def has_confirmed_place(user):
    """The student holds a confirmed place on some cohort; asked by every page's menu, so read once
    per request (the user object lives as long as the request)."""
    cached = getattr(user, "_has_confirmed_place", None)
    if cached is None:
        cached = Application.objects.filter(student=user, state=ApplicationState.CONFIRMED).exists()
        user._has_confirmed_place = cached
    return cached


@rules.predicate
def is_lead_reviewer(user, partner):
    """A member of staff who leads their university's reviewing; asked with a partner university,
    only that one's (their own)."""
    try:
        profile = user.reviewer_profile
    except (ReviewerProfile.DoesNotExist, AttributeError):
        return False
    return profile.is_lead and (partner is None or partner.pk == user.partner_id)


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

# Sessions and mentoring are offered (in the menu and on the dashboard) once a student's place is
# confirmed: before that they would be offered what they cannot have.
rules.add_perm("admissions.take_part", is_student & has_confirmed_place)

# Deadline extensions are Medilink's.
rules.add_perm("admissions.grant_extensions", is_coordinator)

# The applications funnel: coordinators see every university's, staff their own university's
# (the funnel selectors scope it; another university's is a 404).
rules.add_perm("admissions.view_funnel", is_coordinator | is_university_staff)

# The questions a cohort's application asks beyond the built-in sections are Medilink's to shape.
rules.add_perm("admissions.build_questions", is_coordinator)

# Assigning applications to reviewers (automatically or by hand), reassigning them and watching
# each reviewer's progress: coordinators for every university, a lead reviewer for their own (the
# object is the Partner).
rules.add_perm("admissions.manage_assignments", is_coordinator | (is_university_staff & is_lead_reviewer))

# A reviewer's own "My assignments" queue.
rules.add_perm("admissions.work_through_assignments", is_university_staff)

# Notes and tags (the shortlist among them) on an application: shared by coordinators and the staff
# of its university; never the student's to read.
rules.add_perm("admissions.annotate_applications", is_coordinator | unconflicted_staff)

# Interviews, the optional second stage: coordinators set a cohort's interview rubric, invite the
# shortlist and publish the slots; coordinators and the university's staff interview and score.
rules.add_perm("admissions.manage_interviews", is_coordinator)
rules.add_perm("admissions.score_interviews", is_coordinator | unconflicted_staff)
