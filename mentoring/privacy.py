"""Mentor profiles, mentoring preferences, matches with their meetings, goals and feedback, and
matching runs and pair rules. Matches are kept (mentoring counts) without notes or comments."""

from django.db.models import Q

from ftl_portal.privacy import ERASE_DELETE, ERASE_KEEP, register
from mentoring.models import Goal, Match, MatchFeedback, MatchRun, Meeting, MentoringPreference, MentorProfile, PairRule


def _matches(user):
    return Match.objects.filter(Q(student=user) | Q(mentor=user))


register(
    MentorProfile,
    rows=lambda user: MentorProfile.objects.filter(user=user),
    export=lambda p: {
        "organisation": p.organisation,
        "role": p.job_title,
        "sector": p.get_sector_display(),
        "bio": p.bio,
        "pathways": [x.name for x in p.pathways.all()],
    },
    erase=ERASE_DELETE,
    why="Your mentor profile, used to match you with students.",
    label="Mentor profile",
)
register(
    MentoringPreference,
    rows=lambda user: MentoringPreference.objects.filter(student=user),
    export=lambda p: {
        "goals": p.goals,
        "sectors": p.sectors,
        "mode": p.get_mode_display(),
        "region": p.get_region_display(),
        "pathways": [x.name for x in p.pathways.all()],
    },
    erase=ERASE_DELETE,
    why="What you told us you want from a mentor.",
    label="Mentoring preferences",
)
register(
    Match,
    rows=lambda user: _matches(user).select_related("cohort"),
    export=lambda m: {
        "cohort": m.cohort.name,
        "state": m.get_state_display(),
        "explanation": m.explanation,
        "close_reason": m.close_reason,
    },
    erase=lambda rows: rows.update(explanation="", close_reason="", breakdown={}),
    why="Your mentoring matches; kept without their explanation so mentoring counts stay true.",
    label="Mentoring matches",
)
register(
    Meeting,
    rows=lambda user: Meeting.objects.filter(match__in=_matches(user)),
    export=lambda m: {"date": m.met_on.isoformat(), "topic": m.topic, "minutes": m.duration_minutes, "notes": m.notes},
    erase=lambda rows: rows.update(topic="(erased)", notes=""),
    why="Mentoring meetings logged; their length is kept for programme totals, the topic and notes are erased.",
    label="Mentoring meetings",
)
register(
    Goal,
    rows=lambda user: Goal.objects.filter(match__in=_matches(user)),
    export=lambda g: {"goal": g.text, "met": g.met_at.isoformat() if g.met_at else None},
    erase=lambda rows: rows.update(text="(erased)"),
    why="Goals you and your mentor set.",
    label="Mentoring goals",
)
register(
    MatchFeedback,
    rows=lambda user: MatchFeedback.objects.filter(Q(respondent=user) | Q(match__in=_matches(user))),
    export=lambda f: {"stage": f.get_stage_display(), "rating": f.rating, "comment": f.comment},
    erase=lambda rows: rows.update(comment=""),
    why="Feedback on mentoring; the rating is kept without the comment.",
    label="Mentoring feedback",
)
register(
    PairRule,
    rows=lambda user: PairRule.objects.filter(Q(student=user) | Q(mentor=user) | Q(created_by=user)),
    export=lambda r: {"kind": r.get_kind_display()},
    erase=ERASE_DELETE,
    why="A coordinator's rule that you must, or must not, be paired with someone.",
    label="Pairing rules",
)
register(
    MatchRun,
    rows=lambda user: MatchRun.objects.filter(Q(created_by=user) | Q(published_by=user)),
    export=lambda r: {"cohort_id": r.cohort_id, "status": r.status},
    erase=ERASE_KEEP,
    why="Matching runs you started or published as a coordinator.",
    label="Matching runs",
)
