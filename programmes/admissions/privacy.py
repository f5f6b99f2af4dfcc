"""Applications, their audit trail, extensions, and reviews about an applicant. Drafts are erased;
an application that reached review is kept without its answers or CV, so the funnel's counts per
state stay true."""

from django.db import transaction
from django.db.models import Q

from ftl_portal.privacy import ERASE_DELETE, ERASE_KEEP, register
from programmes.admissions.models import (
    Answer,
    Application,
    ApplicationEvent,
    ApplicationExtension,
    ApplicationNote,
    ApplicationState,
    ApplicationTag,
    InterviewInvitation,
    InterviewScore,
    Review,
    ReviewAssignment,
    ReviewerProfile,
    StagedDecision,
)
from programmes.admissions.questions import answer_text


def _export_application(a):
    return {
        "cohort": a.cohort.name,
        "university": a.partner.name,
        "state": a.get_state_display(),
        "course": a.course,
        "level_of_study": a.get_level_of_study_display(),
        "year_of_study": a.year_of_study,
        "pathways": [p.name for p in a.pathways.all()],
        "motivation": a.motivation,
        "career_goals": a.career_goals,
        "availability": a.availability,
        "cv": a.cv.name.rsplit("/", 1)[-1] if a.cv else "",
        "submitted": a.submitted_at.isoformat() if a.submitted_at else None,
    }


def _delete_cvs(applications):
    for application in applications.exclude(cv=""):
        storage, name = application.cv.storage, application.cv.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _erase_applications(applications):
    _delete_cvs(applications)
    Answer.objects.filter(application__in=applications).delete()
    applications.filter(state=ApplicationState.DRAFT).delete()
    for application in applications:
        application.pathways.clear()
    applications.update(
        course="", year_of_study=None, motivation="", career_goals="", availability="", cv="", campaign_ref=""
    )


def _export_review(r):
    # Reviewers' names are withheld: the applicant sees what was said, not who said it.
    return {
        "scores": r.scores,
        "comment": r.comment,
        "feedback_for_applicant": r.applicant_feedback,
        "recommendation": r.get_recommendation_display(),
    }


register(
    Application,
    rows=lambda user: Application.objects.filter(student=user).select_related("cohort", "partner"),
    export=_export_application,
    erase=_erase_applications,
    why="Your applications to the programme. A draft is erased; a submitted one is kept without your answers "
    "or CV so the programme's counts per stage stay true.",
    label="Applications",
)
register(
    Answer,
    rows=lambda user: Answer.objects.filter(application__student=user).select_related(
        "question", "application__cohort"
    ),
    export=lambda a: {
        "cohort": a.application.cohort.name,
        "question": a.question.label,
        "answer": answer_text(a.question, a.value),
    },
    erase=ERASE_DELETE,
    why="Your answers to the questions a cohort added to its application form.",
    label="Answers to a cohort's own questions",
)
register(
    ApplicationEvent,
    rows=lambda user: ApplicationEvent.objects.filter(Q(application__student=user) | Q(actor=user)),
    export=lambda e: {
        "from": e.get_from_state_display(),
        "to": e.get_to_state_display(),
        "at": e.created_at.isoformat(),
        "reason": e.reason,
    },
    erase=lambda events: events.update(reason=""),
    why="The history of each application's stages, kept as an audit trail without the reasons given.",
    label="Application history",
)
register(
    ApplicationExtension,
    rows=lambda user: ApplicationExtension.objects.filter(Q(student=user) | Q(granted_by=user)),
    export=lambda x: {"cohort": x.cohort.name, "until": x.until.isoformat(), "reason": x.reason},
    erase=ERASE_DELETE,
    why="Extra time a coordinator gave you to finish an application.",
    label="Deadline extensions",
)
register(
    Review,
    rows=lambda user: Review.objects.filter(Q(application__student=user) | Q(reviewer=user)),
    export=_export_review,
    erase=lambda reviews: reviews.update(comment="", applicant_feedback="", conflict_reason=""),
    why="Reviews of your application (reviewers' names withheld), or reviews you wrote. Scores stay without "
    "comments so the programme's decisions can be audited.",
    label="Reviews",
)
register(
    StagedDecision,
    rows=lambda user: StagedDecision.objects.filter(Q(application__student=user) | Q(staged_by=user)),
    export=lambda d: {"decision": d.get_decision_display()},
    erase=ERASE_KEEP,
    why="A decision on your application waiting to be released; it holds no identity of its own.",
    label="Staged decisions",
)
register(
    ReviewerProfile,
    rows=lambda user: ReviewerProfile.objects.filter(user=user),
    export=lambda p: {"lead_reviewer": p.is_lead, "department": p.department, "courses": p.department_courses},
    erase=ERASE_DELETE,
    why="Your department and whether you lead your university's reviewing, used to assign applications.",
    label="Reviewer profile",
)
register(
    ReviewAssignment,
    rows=lambda user: ReviewAssignment.objects.filter(Q(application__student=user) | Q(reviewer=user)),
    # Reviewers' names are withheld from the applicant, as with their reviews.
    export=lambda a: {"application": a.application_id, "assigned": a.assigned_at.isoformat()},
    erase=ERASE_KEEP,
    why="Which applications were given to which reviewer; it holds no identity beyond the two it joins.",
    label="Review assignments",
)
register(
    ApplicationNote,
    rows=lambda user: ApplicationNote.objects.filter(application__student=user).select_related("application__cohort"),
    # As with reviews, what was written goes to the applicant, not who wrote it.
    export=lambda n: {"cohort": n.application.cohort.name, "note": n.text, "at": n.created_at.isoformat()},
    erase=ERASE_DELETE,
    why="Notes the programme's reviewers and coordinators kept about your application (authors withheld). "
    "They are never shown on the portal to you, and are deleted with your data.",
    label="Reviewers' notes",
)
register(
    ApplicationTag,
    rows=lambda user: ApplicationTag.objects.filter(application__student=user).select_related("application__cohort"),
    export=lambda t: {"cohort": t.application.cohort.name, "tag": t.label},
    erase=ERASE_DELETE,
    why="Labels reviewers put on your application, such as shortlisted.",
    label="Application tags",
)
register(
    InterviewInvitation,
    rows=lambda user: InterviewInvitation.objects.filter(application__student=user).select_related(
        "application__cohort"
    ),
    export=lambda i: {
        "cohort": i.application.cohort.name,
        "invited": i.invited_at.isoformat(),
        "slot": i.slot_starts_at.isoformat() if i.slot_starts_at else None,
    },
    erase=ERASE_KEEP,
    why="Your invitation to interview; it holds no identity of its own once your account is anonymised.",
    label="Interview invitations",
)
register(
    InterviewScore,
    rows=lambda user: InterviewScore.objects.filter(Q(application__student=user) | Q(interviewer=user)),
    export=lambda s: {"scores": s.scores, "weighted_score": s.weighted_score, "comment": s.comment},
    erase=lambda scores: scores.update(comment=""),
    why="Interview scores of your application (interviewers' names withheld), or scores you gave. Scores stay "
    "without comments so the programme's decisions can be audited.",
    label="Interview scores",
)
