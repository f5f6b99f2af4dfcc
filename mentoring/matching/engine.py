"""solve(problem) → Result: the exactly optimal assignment within the hard rules, explained."""

import random
import time

import numpy as np

from . import balance, checks
from . import candidates as candidates_mod
from .flow import SCALE, TIE_LEVELS, assign, greedy
from .report import build_result
from .types import PARTICIPATION, EngineError


def _pins(problem, student_index, mentor_index):
    pinned = {}
    for s, m in problem.pins:
        if s not in student_index or m not in mentor_index:
            continue
        if s in pinned and pinned[s] != m:
            raise EngineError(f"student {s} is pinned to two mentors")
        pinned[s] = m
    load = {}
    for m in pinned.values():
        load[m] = load.get(m, 0) + 1
    for mentor in problem.mentors:
        if load.get(mentor.id, 0) > mentor.capacity:
            raise EngineError(f"{mentor.name} has more pinned mentees than places ({mentor.capacity})")
    return {student_index[s]: mentor_index[m] for s, m in pinned.items()}


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
    return cost * (2 * TIE_LEVELS * (n_students + 1)) + TIE_LEVELS * kept + band[arc_s]


def solve(problem):
    """The best assignment within the hard rules. With `rules.balance_universities` (and two or more
    universities) the objective is lexicographic, whatever `rules.objective` says: first the lowest
    university's match rate as high as possible, then as many students matched as possible, then the
    best total score. No university is held back to level the rates: the matchable students form a
    polymatroid, so raising the floor never costs a match, and the result matches as many students as
    the unbalanced participation objective does."""
    t0 = time.perf_counter()
    checks.check(problem)
    students, mentors, rules = problem.students, problem.mentors, problem.rules
    n_s = len(students)
    student_index = {s.id: i for i, s in enumerate(students)}
    mentor_index = {m.id: j for j, m in enumerate(mentors)}
    pinned = _pins(problem, student_index, mentor_index)
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
    # More places than students change nothing, and keep huge capacities within 64 bits.
    mentor_caps = np.array([min(m.capacity, n_s + 1) for m in mentors], np.int64)
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
    t1 = time.perf_counter()

    table = candidates_mod.score_table(cands, n_s, len(mentors))
    flow_args = dict(
        n_students=n_s,
        student_uni=uni_of,
        mentor_caps=mentor_caps,
        arc_s=cands.student,
        arc_m=cands.mentor,
        table=table,
    )
    floors = None
    balanced = rules.balance_universities and len(universities) > 1
    if balanced:
        reach = {k: flow_args[k] for k in ("n_students", "student_uni", "mentor_caps", "arc_s", "arc_m")}
        floors = balance.floors(n_per_uni=n_per_uni, pinned_per_uni=pinned_per_uni, uni_caps=uni_caps, flow_args=reach)
    objective = PARTICIPATION if balanced else rules.objective
    chosen = assign(uni_caps=uni_caps, uni_floors=floors, arc_cost=cost, objective=objective, **flow_args)
    t2 = time.perf_counter()
    baseline = greedy(uni_caps=uni_caps, **flow_args)
    t3 = time.perf_counter()
    for i, j in pinned.items():
        chosen[i] = j
        baseline[i] = j
    result = build_result(
        problem=problem,
        cands=cands,
        table=table,
        chosen=chosen,
        baseline=baseline,
        pinned=pinned,
        excluded=excluded,
        uni_of=uni_of,
        universities=universities,
        uni_caps=uni_caps + pinned_per_uni,
        balanced=balanced,
    )
    t4 = time.perf_counter()
    result.timings = {
        "prepare": round(t1 - t0, 4),
        "solve": round(t2 - t1, 4),
        "greedy": round(t3 - t2, 4),
        "report": round(t4 - t3, 4),
        "total": round(t4 - t0, 4),
    }
    return result
