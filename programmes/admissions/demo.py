"""Demo applications, made through the real services so the portal shows a living cohort:
the ARU demo student holds a confirmed place (and can book sessions), a dozen demo students of
both universities wait in the review queue (two of Warwick's reviewed, with decisions staged for
the coordinator to release), and the Warwick demo student has not applied yet so
a person can try the apply journey. Idempotent: an application that exists is left as it is."""

import io

import pypdf
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from accounts import demo as accounts_demo
from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from programmes.admissions.models import Application, Review
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.rubrics import rubric_of
from programmes.admissions.services.applications import set_state
from programmes.admissions.services.decisions import stage_decision
from programmes.admissions.services.reviews import submit_review
from programmes.admissions.services.student_applications import save_answers, save_cv, start_application, submit
from programmes.cohorts.models import LevelOfStudy, Pathway

# (email, full name, course, level of study, year)
QUEUE_STUDENTS = {
    "warwick": [
        ("ella.hughes@warwick.ac.uk", "Ella Hughes", "MEng Biomedical Systems Engineering", "ug", 3),
        ("omar.siddiqui@warwick.ac.uk", "Omar Siddiqui", "MSc Health Economics", "pgt", 1),
        ("grace.owusu@warwick.ac.uk", "Grace Owusu", "PhD Medical Imaging", "pgr", 2),
        ("liam.carter@warwick.ac.uk", "Liam Carter", "BSc Computer Science", "ug", 2),
        ("mei.chen@warwick.ac.uk", "Mei Chen", "MSc Data Science", "pgt", 1),
        ("noah.evans@warwick.ac.uk", "Noah Evans", "BSc Biomedical Science", "ug", 3),
    ],
    "aru": [
        ("ruby.king@aru.ac.uk", "Ruby King", "HTQ Healthcare Science", "htq", 1),
        ("daniel.reid@aru.ac.uk", "Daniel Reid", "BSc Medical Engineering", "ug", 2),
        ("fatima.ali@aru.ac.uk", "Fatima Ali", "MSc Medical Device Regulation", "pgt", 1),
        ("jack.morgan@aru.ac.uk", "Jack Morgan", "BEng Mechanical Engineering", "ug", 3),
        ("sofia.rossi@aru.ac.uk", "Sofia Rossi", "PhD Biomedical Science", "pgr", 1),
        ("kwame.boateng@aru.ac.uk", "Kwame Boateng", "HTQ Engineering Technician", "htq", 2),
    ],
}
# Reviewed by the Warwick demo reviewer and staged, so the coordinator's "Release 2 decisions"
# opens a confirmation with names, scores and the emails: (student, scores, decision).
STAGED_DEMO_DECISIONS = [
    ("ella.hughes@warwick.ac.uk", 5, S.OFFERED),
    ("omar.siddiqui@warwick.ac.uk", 3, S.WAITLISTED),
]
STAGED_DEMO_REVIEWER = "staff@warwick.ac.uk"
CONFIRMED_STUDENT = ("student@aru.ac.uk", "aru", "BSc Biomedical Science", LevelOfStudy.UNDERGRADUATE, 2)
CONFIRMED_STUDENT_REVIEWER = "staff@aru.ac.uk"
PATHWAY_ROTATION = [
    ["regulatory-affairs", "clinical-nhs"],
    ["ai-health-devices", "research-innovation"],
    ["commercialisation"],
    ["manufacturing-quality", "regulatory-affairs"],
]


def demo_cv():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name="cv.pdf")


def _student(email, full_name, password_hash):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, role=Role.STUDENT, is_demo=True)
        user.password = password_hash
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _submitted_application(*, cohort, student, partner, course, level, year, pathway_slugs):
    """A new draft, answered and submitted, or None if the student already has an application."""
    if Application.objects.filter(cohort=cohort, student=student).exists():
        return None
    application = start_application(cohort=cohort, student=student, partner=partner, level_of_study=level)
    pathways = list(Pathway.objects.filter(slug__in=pathway_slugs))
    application = save_answers(
        application=application,
        answers={
            "course": course,
            "year_of_study": year,
            "pathways": pathways,
            "motivation": (
                f"I am studying {course} and want to work in medtech, where my skills can help patients "
                "directly. The FTL programme would show me how devices reach the clinic and who builds them."
            ),
            "career_goals": "A graduate role in a medtech company, then a specialist role within five years.",
            "availability": "Weekday afternoons and some evenings.",
            "consent": True,
        },
    )
    application = save_cv(application=application, upload=demo_cv())
    return submit(application=application, student=student)


def _stage_demo_decisions(*, cohort, reviewer):
    """Review and stage the STAGED_DEMO_DECISIONS once: an application already reviewed by the
    demo reviewer, or no longer submitted, is left as it is."""
    for email, score, decision in STAGED_DEMO_DECISIONS:
        application = Application.objects.filter(cohort=cohort, student__email=email, state=S.SUBMITTED).first()
        if application is None or Review.objects.filter(application=application, reviewer=reviewer).exists():
            continue
        scores = {criterion["key"]: score for criterion in rubric_of(cohort)}
        submit_review(application=application, reviewer=reviewer, scores=scores, comment="Demo review.")
        stage_decision(application=application, decision=decision, actor=reviewer)


def seed(*, cohort, partners):
    """Returns how many applications this run created."""
    users = accounts_demo.seed(partners)  # idempotent: the demo student and reviewer these need
    if not cohort.is_accepting_applications():
        # An old demo database whose cohort has closed keeps what it has.
        return 0
    created = 0
    # Hashing is deliberately slow; one hash serves every demo student.
    password_hash = make_password(DEMO_PASSWORD)
    for slug, rows in QUEUE_STUDENTS.items():
        for index, (email, name, course, level, year) in enumerate(rows):
            student = _student(email, name, password_hash)
            pathways = PATHWAY_ROTATION[index % len(PATHWAY_ROTATION)]
            application = _submitted_application(
                cohort=cohort,
                student=student,
                partner=partners[slug],
                course=course,
                level=level,
                year=year,
                pathway_slugs=pathways,
            )
            created += application is not None
    _stage_demo_decisions(cohort=cohort, reviewer=users[STAGED_DEMO_REVIEWER])
    email, slug, course, level, year = CONFIRMED_STUDENT
    student = users[email]
    application = _submitted_application(
        cohort=cohort,
        student=student,
        partner=partners[slug],
        course=course,
        level=level,
        year=year,
        pathway_slugs=["regulatory-affairs", "commercialisation"],
    )
    if application is not None:
        application = set_state(
            application=application,
            to_state=S.OFFERED,
            actor=users[CONFIRMED_STUDENT_REVIEWER],
            reason="Demo: a strong application.",
        )
        set_state(application=application, to_state=S.CONFIRMED, actor=student)
        created += 1
    return created
