"""The engine's input, read from the database once and stored on the run as plain JSON."""

import re

from django.db.models import Count, Q

from programmes.admissions.models import Application, ApplicationState
from programmes.cohorts.models import Pathway

from ..matching import Mentor, Problem, Rules, Student, Weights
from ..models import Match, MatchState, MentoringPreference, MentorProfile, PairRule, Region, RuleKind, TimeOfWeek

ALL_TIMES = [t for t, _ in TimeOfWeek.choices]


def labels():
    out = {a.slug: a.name.lower() for a in Pathway.objects.all()}
    out.update({k: str(v).lower() for k, v in TimeOfWeek.choices})
    out.update({k: str(v) for k, v in Region.choices})
    return out


def _normal(text):
    return " ".join(text.casefold().split())


def avoided_mentors(text, profiles):
    """The mentors a student's free text names: each part (split at semicolons or new lines) that
    is, as whole words and in any case, the mentor's full name or organisation or part of one. A
    student writing "Smith" avoids every Smith: an exclusion errs on the side of the student."""
    terms = [_normal(part) for part in re.split(r"[;\n]", text or "")]
    patterns = [re.compile(rf"(?<!\w){re.escape(term)}(?!\w)") for term in terms if len(term) >= 2]
    avoided = []
    for profile in profiles:
        fields = (_normal(profile.user.full_name), _normal(profile.organisation))
        if any(pattern.search(field) for pattern in patterns for field in fields):
            avoided.append(profile.user_id)
    return avoided


def _student(application, preference, profiles):
    if preference is None:
        return {
            "id": application.student_id,
            "name": str(application.student),
            "university": application.partner.slug,
            "pathways": sorted(a.slug for a in application.pathways.all()),
            "sectors": [],
            "level": application.level_of_study,
            "mode": "either",
            "regions": [],
            "times": ALL_TIMES,
            "avoid_mentors": [],
        }
    return {
        "id": application.student_id,
        "name": str(application.student),
        "university": application.partner.slug,
        "pathways": sorted(a.slug for a in preference.pathways.all())
        or sorted(a.slug for a in application.pathways.all()),
        "sectors": preference.sectors,
        "level": application.level_of_study,
        "mode": preference.mode,
        "regions": [preference.region] if preference.region else [],
        "times": preference.times or ALL_TIMES,
        "avoid_mentors": avoided_mentors(preference.not_matched_with, profiles),
    }


def _mentor(profile):
    return {
        "elsewhere": profile.elsewhere,
        "id": profile.user_id,
        "name": str(profile.user),
        "organisation": profile.organisation,
        "capacity": profile.capacity,
        "pathways": sorted(a.slug for a in profile.pathways.all()),
        "sector": profile.sector,
        "seniority": profile.seniority,
        "mode": profile.mode,
        "regions": profile.regions,
        "times": profile.times or ALL_TIMES,
        "excluded_universities": sorted(p.slug for p in profile.excluded_partners.all()),
        "excluded_people": sorted(u.pk for u in profile.excluded_people.all()),
    }


def take(*, cohort, previous_run=None):
    applications = (
        Application.objects.filter(cohort=cohort, state=ApplicationState.CONFIRMED)
        .select_related("student", "partner")
        .prefetch_related("pathways")
        .order_by("student_id")
    )
    preferences = {
        p.student_id: p
        for p in MentoringPreference.objects.filter(student__in=[a.student_id for a in applications]).prefetch_related(
            "pathways"
        )
    }
    # A mentor's places count their active mentees in every other cohort.
    elsewhere = Count(
        "user__mentee_matches",
        filter=Q(user__mentee_matches__state=MatchState.ACTIVE) & ~Q(user__mentee_matches__cohort=cohort),
    )
    profiles = list(
        MentorProfile.objects.filter(user__role="mentor", user__is_active=True)
        .annotate(elsewhere=elsewhere)
        .select_related("user")
        .prefetch_related("pathways", "excluded_partners", "excluded_people")
        .order_by("user_id")
    )
    rules = PairRule.objects.filter(cohort=cohort).values_list("student_id", "mentor_id", "kind")
    if previous_run is not None and previous_run.result.get("pairs"):
        previous = {str(p["student"]): p["mentor"] for p in previous_run.result["pairs"]}
    else:
        active = Match.objects.filter(cohort=cohort, state=MatchState.ACTIVE).values_list("student_id", "mentor_id")
        previous = {str(s): m for s, m in active}
    return {
        "students": [_student(a, preferences.get(a.student_id), profiles) for a in applications],
        "mentors": [_mentor(p) for p in profiles],
        "pins": [[s, m] for s, m, kind in rules if kind == RuleKind.PIN],
        "forbids": [[s, m] for s, m, kind in rules if kind == RuleKind.FORBID],
        "previous": previous,
        "labels": labels(),
    }


def problem_from(snapshot, *, objective, weights, options):
    students = tuple(
        Student(**{k: tuple(v) if isinstance(v, list) else v for k, v in s.items()}) for s in snapshot["students"]
    )
    mentors = tuple(
        Mentor(**{k: tuple(v) if isinstance(v, list) else v for k, v in m.items() if k != "organisation"})
        for m in snapshot["mentors"]
    )
    return Problem(
        students=students,
        mentors=mentors,
        weights=Weights(**weights),
        rules=Rules(
            objective=objective,
            min_score=float(options.get("min_score", 0)),
            balance_universities=bool(options.get("balance_universities", False)),
            university_quotas=dict(options.get("university_quotas", {})),
            stay_bonus=float(options.get("stay_bonus", Rules().stay_bonus)),
            spread_load=float(options.get("spread_load", 0)),
            tie_seed=options.get("tie_seed"),
        ),
        pins=tuple(tuple(p) for p in snapshot["pins"]),
        forbids=tuple(tuple(f) for f in snapshot["forbids"]),
        previous={int(s): m for s, m in snapshot["previous"].items()},
        labels=snapshot["labels"],
    )
