"""solve(problem) → Result: the exactly optimal assignment within the hard rules, explained."""

import random
import time
from dataclasses import dataclass

import numpy as np

from . import balance, checks, pins, stability
from . import candidates as candidates_mod
from .flow import SCALE, TIE_LEVELS, assign, first_arcs, greedy
from .reach import Reach
from .report import build_result
from .types import PARTICIPATION, STABLE

NEAR_POINTS = 5  # left-out pairs this close to improving the optimum join early (flow.assign)


def _with_ties(cost, arc_s, kept, n_students, seed):
    """Ties between assignments of equal objective go first to the one keeping more pairs of the
    previous run (with a stay bonus), then by the students' order: the input order, or shuffled by
    random.Random(seed) when `rules.tie_seed` is set, cut into TIE_LEVELS equal bands; the
    assignment whose matched students sit in earlier bands wins. These points add up to less than
    one hundredth of a score point, so they never outweigh a real difference; ties left within a band
    go to the solver, which is deterministic."""
    position = np.arange(n_students)
    if seed is not None:
        order = list(range(n_students))
        random.Random(seed).shuffle(order)
        position[order] = np.arange(n_students)
    band = TIE_LEVELS - 1 - (position * TIE_LEVELS) // max(n_students, 1)
    return cost * tie_scale(n_students) + TIE_LEVELS * kept + band[arc_s]


def tie_scale(n_students):
    """One score hundredth in the flow's integer costs: room below it for the tie points."""
    return 2 * TIE_LEVELS * (n_students + 1)


def _spread_steps(rules, mentors, pinned, n_s):
    """With `rules.spread_load`, the points each mentor's next mentee costs: a mentor already
    carrying t mentees (other cohorts and pins included) pays spread × t for one more."""
    if not rules.spread_load:
        return None
    step = int(round(rules.spread_load * SCALE)) * tie_scale(n_s)
    carried = np.array([m.elsewhere for m in mentors], np.int64)
    carried += np.bincount(np.fromiter(pinned.values(), np.int64, len(pinned)), minlength=len(mentors))
    return step, np.minimum(carried, n_s + 1)


@dataclass
class Prepared:
    """The problem as index arrays: what the flow, the baseline and the report all read."""

    n_s: int
    cands: object
    table: np.ndarray
    cost: np.ndarray
    pinned: dict
    excluded: set
    uni_of: np.ndarray
    universities: list
    n_per_uni: np.ndarray
    pinned_per_uni: np.ndarray
    quotas: np.ndarray
    uni_caps: np.ndarray
    mentor_caps: np.ndarray
    spread: tuple | None


def _prepare(problem):
    students, mentors, rules = problem.students, problem.mentors, problem.rules
    n_s = len(students)
    student_index = {s.id: i for i, s in enumerate(students)}
    mentor_index = {m.id: j for j, m in enumerate(mentors)}
    # A mentor's places count their active mentees in every cohort; more places than students
    # change nothing, and keep huge capacities within 64 bits.
    mentor_caps = np.array([min(max(m.capacity - m.elsewhere, 0), n_s + 1) for m in mentors], np.int64)
    pinned = pins.resolve(problem, student_index, mentor_index, mentor_caps)
    excluded = {student_index[s] for s in rules.excluded_students if s in student_index}
    active = np.ones(n_s, bool)
    active[list(pinned) + list(excluded)] = False
    cands = candidates_mod.build(problem, active)
    universities = sorted({s.university for s in students})
    uni_of = np.array([universities.index(s.university) for s in students], np.int64)
    n_per_uni = np.bincount(uni_of, minlength=len(universities))
    pinned_per_uni = np.bincount(uni_of[list(pinned)], minlength=len(universities)) if pinned else 0 * n_per_uni
    quotas = np.array([rules.university_quotas.get(u, n_per_uni[k]) for k, u in enumerate(universities)], np.int64)
    uni_caps = np.maximum(np.minimum(quotas, n_per_uni) - pinned_per_uni, 0)
    spread = _spread_steps(rules, mentors, pinned, n_s)
    for j in pinned.values():
        mentor_caps[j] -= 1
    cost = np.rint(cands.score * SCALE).astype(np.int64)
    if problem.previous and rules.stay_bonus:
        previous = np.full(n_s, -1, np.int64)
        for s, m in problem.previous.items():
            if s in student_index and m in mentor_index:
                previous[student_index[s]] = mentor_index[m]
        kept = previous[cands.student] == cands.mentor
        cost[kept] += int(round(rules.stay_bonus * SCALE))
    else:
        kept = np.zeros(len(cost), bool)
    cost = _with_ties(cost, cands.student, kept, n_s, rules.tie_seed)
    table = candidates_mod.score_table(cands, n_s, len(mentors))
    return Prepared(
        n_s,
        cands,
        table,
        cost,
        pinned,
        excluded,
        uni_of,
        universities,
        n_per_uni,
        pinned_per_uni,
        quotas,
        uni_caps,
        mentor_caps,
        spread,
    )


def _flow_args(prep):
    return dict(
        n_students=prep.n_s,
        student_uni=prep.uni_of,
        mentor_caps=prep.mentor_caps,
        arc_s=prep.cands.student,
        arc_m=prep.cands.mentor,
        table=prep.table,
    )


def _optimum(problem, prep, balanced):
    flow_args = _flow_args(prep)
    first = first_arcs(
        arc_s=prep.cands.student, arc_m=prep.cands.mentor, table=prep.table, mentor_caps=prep.mentor_caps
    )
    floors = matched = None
    if balanced or problem.rules.objective == PARTICIPATION:
        reach = {k: flow_args[k] for k in ("n_students", "student_uni", "mentor_caps", "arc_s", "arc_m")}
        matchable = Reach(**reach, score=prep.cands.score, first=first)
        if balanced:
            floors = balance.floors(
                n_per_uni=prep.n_per_uni,
                pinned_per_uni=prep.pinned_per_uni,
                uni_caps=prep.uni_caps,
                matchable=matchable,
            )
        matched = matchable(prep.uni_caps)
        # The arcs these questions needed carry the floors and the most matchable together, so the
        # min-cost flow's first round is feasible.
        first = matchable.arcs_used()
    return assign(
        uni_caps=prep.uni_caps,
        uni_floors=floors,
        arc_cost=prep.cost,
        matched=matched,
        spread=prep.spread,
        first=first,
        near=NEAR_POINTS * SCALE * tie_scale(prep.n_s),
        **flow_args,
    )


def solve(problem):
    """The best assignment within the hard rules. With `rules.balance_universities` (and two or more
    universities) the objective is lexicographic, whatever `rules.objective` says: first the lowest
    university's match rate as high as possible, then as many students matched as possible, then the
    best total score. No university is held back to level the rates: the matchable students form a
    polymatroid, so raising the floor never costs a match, and the result matches as many students as
    the unbalanced participation objective does. The "stable" objective returns the stable
    assignment instead (see stability.py); every run reports both side by side."""
    t0 = time.perf_counter()
    checks.check(problem)
    prep = _prepare(problem)
    t1 = time.perf_counter()
    balanced = problem.rules.balance_universities and len(prep.universities) > 1
    baseline = greedy(uni_caps=prep.uni_caps, **_flow_args(prep))
    stable = problem.rules.objective == STABLE
    chosen = baseline.copy() if stable else _optimum(problem, prep, balanced)
    t2 = time.perf_counter()
    chosen_blocking = stability.blocking(
        chosen=chosen,
        table=prep.table,
        arc_s=prep.cands.student,
        arc_m=prep.cands.mentor,
        mentor_caps=prep.mentor_caps,
        student_uni=prep.uni_of,
        uni_caps=prep.uni_caps,
    )
    # The stable assignment has none by construction (see stability.py), so it is not searched twice.
    block = {"chosen": chosen_blocking, "stable": chosen_blocking[:0]}
    t3 = time.perf_counter()
    for i, j in prep.pinned.items():
        chosen[i] = j
        baseline[i] = j
    result = build_result(
        problem=problem, prep=prep, chosen=chosen, baseline=baseline, blocking=block, balanced=balanced
    )
    t4 = time.perf_counter()
    result.timings = {
        "prepare": round(t1 - t0, 4),
        "solve": round(t2 - t1, 4),
        "stability": round(t3 - t2, 4),
        "report": round(t4 - t3, 4),
        "total": round(t4 - t0, 4),
    }
    return result
