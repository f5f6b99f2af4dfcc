"""Demo reviewing: a second reviewer at each university, each university's demo reviewer as its lead
reviewer with a department (so the same-department rule shows), the queue assigned two reviewers
per application by the engine, and one ARU applicant turned down with the reviewers' feedback on
their dashboard. Idempotent: a second run assigns nothing more and leaves decided applications."""

from allauth.account.models import EmailAddress

from accounts.demo import demo_password_hash
from accounts.models import Role, User
from programmes.admissions.models import Application, ReviewerProfile
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.services.applications import set_state
from programmes.admissions.services.assignments import auto_assign
from programmes.admissions.services.reviews import submit_review

SECOND_REVIEWERS = {
    "warwick": ("reviewer2@warwick.ac.uk", "Priya Shah"),
    "aru": ("reviewer2@aru.ac.uk", "Ben Okafor"),
}
LEADS = {
    "warwick": ("staff@warwick.ac.uk", "School of Engineering", ["MEng Biomedical Systems Engineering"]),
    "aru": ("staff@aru.ac.uk", "School of Allied Health", ["HTQ Healthcare Science"]),
}
FEEDBACK_STUDENT = "kwame.boateng@aru.ac.uk"
FEEDBACK = [
    "Tell us which medtech problem you want to work on and why: your answer stayed general.",
    "Your technician experience is valuable; link it to a pathway such as manufacturing and quality.",
]


def _reviewer(email, full_name, partner, password_hash):
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "role": Role.STAFF, "partner": partner, "is_demo": True}
    )
    if created:
        user.password = password_hash
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _feedback_given(*, cohort, reviewers):
    application = Application.objects.filter(cohort=cohort, student__email=FEEDBACK_STUDENT, state=S.SUBMITTED).first()
    if application is None:
        return
    scores = {c["key"]: 2 for c in cohort.rubric}
    for reviewer, feedback in zip(reviewers, FEEDBACK, strict=True):
        if not application.reviews.filter(reviewer=reviewer).exists():
            submit_review(
                application=application,
                reviewer=reviewer,
                scores=scores,
                comment="Demo: motivation too general for this cohort.",
                recommendation="reject",
                applicant_feedback=feedback,
            )
    set_state(application=application, to_state=S.REJECTED, actor=reviewers[0], reason="Demo: decision released.")


def seed(*, cohort, partners):
    password_hash = demo_password_hash()
    for slug, partner in partners.items():
        if slug not in LEADS:
            continue
        email, department, courses = LEADS[slug]
        lead = User.objects.get(email=email)
        ReviewerProfile.objects.update_or_create(
            user=lead, defaults={"is_lead": True, "department": department, "department_courses": courses}
        )
        second = _reviewer(*SECOND_REVIEWERS[slug], partner, password_hash)
        if slug == "aru":
            _feedback_given(cohort=cohort, reviewers=[lead, second])
        auto_assign(cohort=cohort, partner=partner, per_application=2, keep_departments_apart=True, actor=lead)
