"""The engine's inputs checked before anything is built: every refusal is an EngineError whose
sentence names the people or the setting to correct, so a coordinator can act on it."""

import math
from collections import Counter
from numbers import Integral, Real

from .scoring import DESIRED_SENIORITY, MODE_BITS, SENIORITY_NAMES
from .types import CRITERIA, OBJECTIVES, STABLE, EngineError

MODES = "online, in person or either"
LEVELS = ", ".join(DESIRED_SENIORITY)


def _names(people, ids):
    return ", ".join(p.name for p in people if p.id in ids)


def _number(value):
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value):
    return isinstance(value, Integral) and not isinstance(value, bool)


def _unique_ids(people, kind):
    twice = {pk for pk, n in Counter(p.id for p in people).items() if n > 1}
    if twice:
        raise EngineError(
            f"These {kind} appear more than once (same id): {_names(people, twice)}. "
            "Each person must be listed once; remove the copies and run again."
        )


def _weights(weights):
    values = weights.as_dict()
    for name in CRITERIA:
        value = values[name]
        if not _number(value) or value < 0:
            raise EngineError(f"The weight for {name} is {value!r}; give each weight a number of 0 or more.")
    if not any(values.values()):
        raise EngineError("Every weight is 0, so no pair can be scored; give at least one criterion a weight above 0.")


def _rules(rules):
    if rules.objective not in OBJECTIVES:
        raise EngineError(f"The objective {rules.objective!r} is unknown; choose one of {', '.join(OBJECTIVES)}.")
    if rules.objective == STABLE and rules.balance_universities:
        raise EngineError("The stable mode cannot also balance universities; choose one of the two.")
    if not _number(rules.spread_load) or rules.spread_load < 0:
        raise EngineError(f"The cost of an extra mentee is {rules.spread_load!r}; give a number of 0 or more.")
    if not _number(rules.min_score) or not 0 <= rules.min_score <= 100:
        raise EngineError(f"The minimum score is {rules.min_score!r}; give a number from 0 to 100.")
    if not _number(rules.stay_bonus) or rules.stay_bonus < 0:
        raise EngineError(f"The stay bonus is {rules.stay_bonus!r}; give a number of 0 or more.")
    for university, quota in rules.university_quotas.items():
        if not _whole(quota) or quota < 0:
            raise EngineError(f"The quota for {university} is {quota!r}; give a whole number of 0 or more.")


def check(problem):
    students, mentors = problem.students, problem.mentors
    _unique_ids(students, "students")
    _unique_ids(mentors, "mentors")
    _weights(problem.weights)
    _rules(problem.rules)
    for m in mentors:
        if not _whole(m.capacity) or m.capacity < 0:
            raise EngineError(
                f"{m.name} has {m.capacity!r} places; a mentor's places must be a whole number, 0 or more."
            )
        if not _whole(m.elsewhere) or m.elsewhere < 0:
            raise EngineError(f"{m.name} has {m.elsewhere!r} mentees in other cohorts; give a whole number, 0 or more.")
        if not _whole(m.seniority) or m.seniority not in SENIORITY_NAMES:
            raise EngineError(f"{m.name}'s seniority is {m.seniority!r}; it must be 1 to {max(SENIORITY_NAMES)}.")
    for person in (*students, *mentors):
        if person.mode not in MODE_BITS:
            raise EngineError(f"{person.name}'s way of meeting is {person.mode!r}; it must be {MODES}.")
    for s in students:
        if s.level and s.level not in DESIRED_SENIORITY:
            raise EngineError(f"{s.name}'s level of study is {s.level!r}; it must be one of {LEVELS}, or blank.")
