"""Demo applications, made through the real services so the portal shows a living cohort:
the ARU demo student holds a confirmed place (and can book sessions), a dozen demo students of
both universities wait in the review queue (two of Warwick's reviewed, with decisions staged for
the coordinator to release), and the Warwick demo student has not applied yet so
a person can try the apply journey. The cohort asks questions of its own (one in a built-in
section, one hidden in a blind pass, a section of its own), which the demo students answer.
Idempotent: an application or question that exists is left as it is."""

import io

import pypdf
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile

from accounts import demo as accounts_demo
from accounts.demo import demo_password_hash
from accounts.models import Role, User
from programmes.admissions import demo_reviews
from programmes.admissions.models import SHORTLISTED, Application, ApplicationNote, Question, QuestionKind, Review
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.models.interviews import default_interview_rubric
from programmes.admissions.rubrics import rubric_of
from programmes.admissions.services import interviews, notes
from programmes.admissions.services.applications import set_state
from programmes.admissions.services.decisions import stage_decision
from programmes.admissions.services.questions import add_question
from programmes.admissions.services.reviews import submit_review
from programmes.admissions.services.student_applications import save_cv, save_section, start_application, submit
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


PLACEMENT = "Placement preferences"
# (label, fields, the demo students' answer)
DEMO_QUESTIONS = [
    (
        "Could you come to sessions in person in Birmingham?",
        {"kind": QuestionKind.YES_NO, "section": "availability", "help_text": "Travel costs are paid."},
        True,
    ),
    (
        "Your LinkedIn or portfolio address",
        {"kind": QuestionKind.SHORT_TEXT, "section": "about", "required": False, "identifying": True},
        "",
    ),
    (
        "Which setting would you most like to see?",
        {
            "kind": QuestionKind.SINGLE_CHOICE,
            "own_section_title": PLACEMENT,
            "choices": ["A medtech company", "An NHS trust", "A university research lab"],
        },
        "A medtech company",
    ),
    (
        "Tell us about a device that changed someone's care",
        {"kind": QuestionKind.LONG_TEXT, "own_section_title": PLACEMENT, "word_limit": 150, "required": False},
        "A continuous glucose monitor let my cousin stop finger-prick tests and sleep through the night.",
    ),
    (
        "When could you start a placement?",
        {"kind": QuestionKind.DATE, "own_section_title": PLACEMENT, "required": False},
        "2027-06-14",
    ),
]


def _seed_questions(cohort):
    """The cohort's own questions, once; {question: the demo students' answer}."""
    if not Question.objects.filter(cohort=cohort).exists():
        for label, fields, _ in DEMO_QUESTIONS:
            add_question(cohort=cohort, fields={"label": label, "section": "", "required": True, **fields})
    answers = {label: answer for label, _, answer in DEMO_QUESTIONS}
    return {q: answers[q.label] for q in Question.objects.filter(cohort=cohort, label__in=answers)}


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


def _submitted_application(*, cohort, student, partner, course, level, year, pathway_slugs, question_answers):
    """A new draft, answered and submitted, or None if the student already has an application."""
    if Application.objects.filter(cohort=cohort, student=student).exists():
        return None
    application = start_application(cohort=cohort, student=student, partner=partner, level_of_study=level)
    pathways = list(Pathway.objects.filter(slug__in=pathway_slugs))
    application = save_section(
        application=application,
        question_answers=question_answers,
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
    question_answers = _seed_questions(cohort)
    password_hash = demo_password_hash()
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
                question_answers=question_answers,
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
        question_answers=question_answers,
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
    demo_reviews.seed(cohort=cohort, partners=partners)
    seed_notes_and_shortlist(cohort)
    return created


# The shortlist, with the notes and tags reviewers shared; the first two are invited to interview, the
# third waits for the coordinator's confirmation page.
SHORTLIST = ["ella.hughes@warwick.ac.uk", "ruby.king@aru.ac.uk", "grace.owusu@warwick.ac.uk"]
NOTES = [
    ("ella.hughes@warwick.ac.uk", "staff@warwick.ac.uk", "Placement year at a wearables start-up: ask about it."),
    ("ruby.king@aru.ac.uk", "staff@aru.ac.uk", "HTQ route; a strong fit for the manufacturing and quality pathway."),
    ("grace.owusu@warwick.ac.uk", "coordinator@medilink.test", "Imaging PhD: Medilink has a mentor in this area."),
]


def seed_notes_and_shortlist(cohort):
    """Notes, tags, the shortlist and the cohort's interview stage, once."""
    applications = {
        a.student.email: a
        for a in Application.objects.filter(cohort=cohort, student__email__in=SHORTLIST).select_related("student")
    }
    if len(applications) < len(SHORTLIST) or ApplicationNote.objects.filter(application__cohort=cohort).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__in={author for _, author, _ in NOTES})}
    coordinator = people["coordinator@medilink.test"]
    for email, author, text in NOTES:
        notes.add_note(application=applications[email], author=people[author], text=text)
    for email in SHORTLIST:
        notes.add_tag(application=applications[email], actor=coordinator, label=SHORTLISTED)
    notes.add_tag(application=applications["grace.owusu@warwick.ac.uk"], actor=coordinator, label="strong cv")
    interviews.set_up_interviews(cohort=cohort, rubric=default_interview_rubric(), actor=coordinator)
    interviews.invite_shortlisted(
        cohort=cohort, actor=coordinator, application_ids=[applications[e].pk for e in SHORTLIST[:2]]
    )
