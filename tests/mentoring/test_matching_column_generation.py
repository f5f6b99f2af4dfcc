"""The engine solves large cohorts over a subset of the allowed pairs and proves the answer exact for all
of them (reduced costs for the min-cost flow, the minimum cut for the balance's maximum flows). These
instances are too big for brute force and start from subsets far too small, so the proofs must bring in
the missing pairs; SciPy's exact solvers, run over every allowed pair, are the reference."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from mentoring.matching import PARTICIPATION, SCORE, Problem, Rules, flow, solve
from mentoring.matching import candidates as candidates_mod
from mentoring.matching.reach import Reach
from mentoring.matching.synthetic import cohort

SOME = settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def scipy_max_flow(n_s, n_m, student_uni, uni_caps, mentor_caps, arc_s, arc_m):
    """Source 0, sink 1, universities, students, mentors: SciPy's maximum flow over every arc."""
    n_u = len(uni_caps)
    uni0, stu0 = 2, 2 + n_u
    men0 = stu0 + n_s
    tails = np.concatenate([np.zeros(n_u, int), uni0 + student_uni, stu0 + arc_s, men0 + np.arange(n_m)])
    heads = np.concatenate([uni0 + np.arange(n_u), stu0 + np.arange(n_s), men0 + arc_m, np.ones(n_m, int)])
    caps = np.concatenate([uni_caps, np.ones(n_s + len(arc_s), int), mentor_caps]).astype(np.int32)
    n = men0 + n_m
    graph = csr_matrix((caps, (tails, heads)), shape=(n, n))
    return maximum_flow(graph, 0, 1).flow_value


@SOME
@given(st.integers(0, 2**32 - 1))
def test_reach_equals_a_maximum_flow_over_every_arc(seed):
    rng = np.random.default_rng(seed)
    n_s, n_m, n_u = int(rng.integers(30, 120)), int(rng.integers(5, 40)), int(rng.integers(1, 4))
    allowed = rng.random((n_s, n_m)) < rng.uniform(0.05, 0.5)
    arc_s, arc_m = np.nonzero(allowed)
    student_uni = rng.integers(0, n_u, n_s)
    mentor_caps = rng.integers(0, 4, n_m)
    first = rng.random(len(arc_s)) < 0.03  # far too few: the cut must bring in the rest
    reach = Reach(
        n_students=n_s,
        student_uni=student_uni,
        mentor_caps=mentor_caps,
        arc_s=arc_s,
        arc_m=arc_m,
        score=rng.random(len(arc_s)),
        first=first,
    )
    for _ in range(3):  # questions in turn share the subset, as the balance's group questions do
        uni_caps = rng.integers(0, n_s // n_u + 2, n_u)
        expected = scipy_max_flow(n_s, n_m, student_uni, uni_caps, mentor_caps, arc_s, arc_m)
        assert reach(uni_caps) == expected


def slot_optimum(problem, bonus):
    """SciPy's Hungarian method over every allowed pair, mentors' places expanded into slots; `bonus`
    per matched student makes the number matched come first (the participation objective)."""
    cands = candidates_mod.build(problem, np.ones(len(problem.students), bool))
    caps = [m.capacity for m in problem.mentors]
    slot_of_mentor = np.cumsum([0] + caps)
    gain = np.zeros((len(problem.students), slot_of_mentor[-1]))
    for k in range(max(caps)):
        has = np.array([c > k for c in caps])[cands.mentor]
        gain[cands.student[has], slot_of_mentor[cands.mentor[has]] + k] = cands.score[has] + bonus
    rows, cols = linear_sum_assignment(gain, maximize=True)
    picked = gain[rows, cols] > 0
    return int(picked.sum()), round(float(gain[rows, cols][picked].sum() - bonus * picked.sum()), 2)


def tiny_first_subsets(monkeypatch):
    """Start the min-cost flow from two arcs per student and none spare per mentor."""
    monkeypatch.setattr(flow, "FIRST_ARCS_PER_STUDENT", 2)
    monkeypatch.setattr(flow, "FIRST_SPARE_ARCS_PER_MENTOR", 0)


@SOME
@given(st.integers(0, 10_000), st.sampled_from((PARTICIPATION, SCORE)))
def test_engine_from_tiny_subsets_equals_the_hungarian_method(seed, objective):
    students, mentors = cohort(160, 40, seed=seed)
    problem = Problem(students=students, mentors=mentors, rules=Rules(objective=objective))
    with pytest.MonkeyPatch.context() as monkeypatch:
        tiny_first_subsets(monkeypatch)
        result = solve(problem)
    matched, total = slot_optimum(problem, bonus=1e5 if objective == PARTICIPATION else 0.0)
    assert result.summary["total_score"] == pytest.approx(total, abs=0.02)
    if objective == PARTICIPATION:
        assert result.summary["matched"] == matched


def best_lowest_rate(problem):
    """The highest rate both universities can reach together, from SciPy maximum flows: a floor per
    university is reachable exactly when no group of universities needs more than it can get."""
    cands = candidates_mod.build(problem, np.ones(len(problem.students), bool))
    universities = sorted({s.university for s in problem.students})
    student_uni = np.array([universities.index(s.university) for s in problem.students])
    n_per_uni = np.bincount(student_uni, minlength=2)
    caps = np.array([m.capacity for m in problem.mentors])

    def rank(uni_caps):
        args = (len(problem.students), len(caps), student_uni, np.array(uni_caps), caps, cands.student, cands.mentor)
        return scipy_max_flow(*args)

    rank_a, rank_b, rank_ab = rank([n_per_uni[0], 0]), rank([0, n_per_uni[1]]), rank(n_per_uni)
    rates = sorted({k / n for n in n_per_uni for k in range(n + 1)}, reverse=True)
    for rate in rates:
        need = [math.ceil(rate * n - 1e-9) for n in n_per_uni]
        if need[0] <= rank_a and need[1] <= rank_b and sum(need) <= rank_ab:
            return rate, rank_ab
    return 0.0, rank_ab


@SOME
@given(st.integers(0, 10_000))
def test_balance_from_tiny_subsets_reaches_the_best_lowest_rate(seed):
    students, mentors = cohort(160, 40, seed=seed)
    problem = Problem(students=students, mentors=mentors, rules=Rules(balance_universities=True))
    with pytest.MonkeyPatch.context() as monkeypatch:
        tiny_first_subsets(monkeypatch)
        result = solve(problem)
    rate, most = best_lowest_rate(problem)
    per_university = result.summary["per_university"].values()
    assert min(u["matched"] / u["students"] for u in per_university) == pytest.approx(rate)
    assert result.summary["matched"] == most
