"""solve(problem) → Result: the exactly optimal assignment within the hard rules, explained."""

import math
import time

import numpy as np

from . import candidates as candidates_mod
from .flow import SCALE, assign, greedy
from .report import build_result
from .types import EngineError


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


def solve(problem):
    t0 = time.perf_counter()
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
    mentor_caps = np.array([m.capacity for m in mentors], np.int64)
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
    balanced = False
    for _ in range(4 * len(universities) + 4):
        chosen = assign(uni_caps=uni_caps, arc_cost=cost, objective=rules.objective, **flow_args)
        if not rules.balance_universities or len(universities) < 2:
            break
        matched = np.bincount(uni_of[chosen >= 0], minlength=len(universities)) + pinned_per_uni
        rates = matched / np.maximum(n_per_uni, 1)
        high, low, tol = int(rates.argmax()), rates.min(), rules.balance_tolerance
        if rates.max() - low <= tol + 1e-9:
            break
        # Rates move in steps of one student, so "balanced" also accepts the top university one
        # student above a rate further below the other's than the tolerance: no closer balance exists.
        if (matched[high] - 1) / n_per_uni[high] < low - tol:
            break
        within = math.floor((low + tol) * n_per_uni[high] + 1e-9)
        one_step = math.floor((low - tol) * n_per_uni[high] - 1e-9) + 1
        target = min(matched[high] - 1, max(within, one_step)) - pinned_per_uni[high]
        uni_caps[high] = max(0, min(uni_caps[high] - 1, target))
        balanced = True
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
