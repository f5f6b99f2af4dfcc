"""The engine against an independent exact solver: every assignment of a tiny instance tried by
brute force (balance, pins, forbids, quotas, load across cohorts and the spread of load), and its
stable mode against deferred acceptance run proposal by proposal."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.matching import PARTICIPATION, SCORE, STABLE, Mentor, Problem, Rules, Student, solve
from mentoring.matching.scoring import PASS, criterion_fractions, encode, first_broken_rule, scores

TIMES = ("mon", "tue", "wed")
UNIVERSITIES = ("aru", "warwick")
FAST = settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw, *, objective=None, balance=None, spread=False):
    n_s, n_m = draw(st.integers(2, 6)), draw(st.integers(1, 3))
    pathways = st.lists(st.sampled_from(("reg", "ai", "rnd")), max_size=2, unique=True).map(tuple)
    times = st.lists(st.sampled_from(TIMES), min_size=2, max_size=3, unique=True).map(tuple)
    students = tuple(
        Student(
            id=i + 1,
            name=f"S{i + 1}",
            university=draw(st.sampled_from(UNIVERSITIES)),
            pathways=draw(pathways),
            times=draw(times),
            level=draw(st.sampled_from(("ug", "pgr", ""))),
            mode="online",
        )
        for i in range(n_s)
    )
    mentors = tuple(
        Mentor(
            id=100 + j,
            name=f"M{j}",
            capacity=draw(st.integers(1, 4)),
            elsewhere=draw(st.integers(0, 1)),
            pathways=draw(pathways),
            times=draw(times),
            seniority=draw(st.integers(1, 4)),
            excluded_universities=draw(st.sampled_from(((), (), (), ("aru",)))),
        )
        for j in range(n_m)
    )
    pairs = [(s.id, m.id) for s in students for m in mentors]
    forbids = tuple(draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True)))
    pins = {}
    for s, m in draw(st.lists(st.sampled_from(pairs), max_size=1 + (n_s > 3), unique=True)):
        pins.setdefault(s, m)
    quotas = draw(st.dictionaries(st.sampled_from(UNIVERSITIES), st.integers(0, 3), max_size=2))
    rules = Rules(
        objective=objective or draw(st.sampled_from((PARTICIPATION, SCORE))),
        balance_universities=draw(st.booleans()) if balance is None else balance,
        university_quotas=quotas,
        spread_load=draw(st.sampled_from((0.0, 3.0, 20.0))) if spread else 0.0,
    )
    return Problem(students=students, mentors=mentors, rules=rules, pins=tuple(pins.items()), forbids=forbids)


def pair_scores(problem):
    """Every pair's score, and whether the hard rules, forbids allow it (NaN when not)."""
    n_s, n_m = len(problem.students), len(problem.mentors)
    enc = encode(problem.students, problem.mentors)
    si, mi = np.repeat(np.arange(n_s), n_m), np.tile(np.arange(n_m), n_s)
    score = scores(problem.weights, criterion_fractions(enc, si, mi)).reshape(n_s, n_m)
    allowed = (first_broken_rule(enc, si, mi) == PASS).reshape(n_s, n_m)
    for s, m in problem.forbids:
        allowed[s - 1, m - 100] = False
    return score, allowed


def places(problem):
    return [max(m.capacity - m.elsewhere, 0) for m in problem.mentors]


def feasible_assignments(problem):
    """Every assignment the hard rules allow, pins fixed (they may break the rules)."""
    score, allowed = pair_scores(problem)
    pins = {s - 1: m - 100 for s, m in problem.pins}
    caps = places(problem)
    unis = [s.university for s in problem.students]
    quota = {u: problem.rules.university_quotas.get(u, len(unis)) for u in UNIVERSITIES}
    options = [
        [pins[i]] if i in pins else [None] + [j for j in range(len(caps)) if allowed[i, j]]
        for i in range(len(problem.students))
    ]
    for choice in itertools.product(*options):
        load = np.bincount([j for j in choice if j is not None], minlength=len(caps))
        if (load > caps).any():
            continue
        free = [i for i, j in enumerate(choice) if j is not None and i not in pins]
        taken = {u: sum(1 for i, j in enumerate(choice) if j is not None and unis[i] == u) for u in UNIVERSITIES}
        pinned = {u: sum(1 for i in pins if unis[i] == u) for u in UNIVERSITIES}
        if any(taken[u] - pinned[u] > max(min(quota[u], unis.count(u)) - pinned[u], 0) for u in UNIVERSITIES):
            continue
        yield choice, free, score


def value(problem, choice, free, score):
    """What the engine maximises, lexicographically, for one assignment."""
    rules = problem.rules
    total = round(sum(score[i, j] for i, j in enumerate(choice) if j is not None), 2)
    carried = [m.elsewhere + sum(1 for s, mm in problem.pins if mm == m.id) for m in problem.mentors]
    load_cost = 0.0
    for j in range(len(problem.mentors)):
        extra = sum(1 for i in free if choice[i] == j)
        load_cost += rules.spread_load * sum(carried[j] + k for k in range(extra))
    matched = sum(j is not None for j in choice)
    flow_total = round(sum(score[i, choice[i]] for i in free) - load_cost, 2)
    unis = [s.university for s in problem.students]
    present = sorted(set(unis))
    if rules.balance_universities and len(present) > 1:
        rates = [
            sum(1 for i, j in enumerate(choice) if j is not None and unis[i] == u) / unis.count(u) for u in present
        ]
        return (round(min(rates), 9), matched, flow_total), total
    if rules.objective == PARTICIPATION:
        return (matched, flow_total), total
    return (flow_total,), total


def engine_value(problem, result):
    ids = {s.id: i for i, s in enumerate(problem.students)}
    choice = [None] * len(problem.students)
    for p in result.pairs:
        choice[ids[p.student]] = p.mentor - 100
    pins = {s - 1 for s, _ in problem.pins}
    free = [i for i, j in enumerate(choice) if j is not None and i not in pins]
    score, _ = pair_scores(problem)
    return choice, value(problem, choice, free, score)


def pins_conflict(problem):
    load = {}
    for _, m in problem.pins:
        load[m] = load.get(m, 0) + 1
    return any(
        load[m.id] > places_m for m, places_m in zip(problem.mentors, places(problem), strict=True) if m.id in load
    )


@FAST
@given(problems(spread=True))
def test_engine_equals_brute_force(problem):
    if pins_conflict(problem):
        return
    result = solve(problem)
    choice, (got, total) = engine_value(problem, result)
    feasible = {tuple(c) for c, _, _ in feasible_assignments(problem)}
    assert tuple(choice) in feasible  # no hard rule, place, quota or pin broken
    best = max(value(problem, c, f, s)[0] for c, f, s in feasible_assignments(problem))
    assert got == pytest.approx(best, abs=1e-6)
    assert result.summary["total_score"] == pytest.approx(total, abs=0.01)


def deferred_acceptance(problem):
    """Students propose in order of score (then mentor order); a mentor keeps their best mentees
    (score, then the earlier student). Pins hold their places; quotas apply as students propose."""
    score, allowed = pair_scores(problem)
    n_s, n_m = score.shape
    pins = {s - 1: m - 100 for s, m in problem.pins}
    caps = places(problem)
    for j in pins.values():
        caps[j] -= 1
    prefs = {
        i: sorted((j for j in range(n_m) if allowed[i, j]), key=lambda j, i=i: (-score[i, j], j))
        for i in range(n_s)
        if i not in pins
    }
    held = {j: [] for j in range(n_m)}
    waiting = sorted(prefs)
    while waiting:
        i = waiting.pop(0)
        if not prefs[i]:
            continue
        j = prefs[i].pop(0)
        held[j].append(i)
        held[j].sort(key=lambda k: (-score[k, j], k))
        if len(held[j]) > caps[j]:
            waiting.append(held[j].pop())
            waiting.sort()
    return {i + 1: j + 100 for j, mentees in held.items() for i in mentees} | {i + 1: j + 100 for i, j in pins.items()}


@FAST
@given(problems(objective=STABLE, balance=False))
def test_stable_mode_is_deferred_acceptance_with_no_blocking_pair(problem):
    problem = Problem(
        students=problem.students,
        mentors=problem.mentors,
        rules=Rules(objective=STABLE),
        pins=problem.pins,
        forbids=problem.forbids,
    )
    if pins_conflict(problem):
        return
    result = solve(problem)
    assert result.summary["comparison"]["this_run"]["blocking"] == 0  # ties or not
    score, allowed = pair_scores(problem)
    # Deferred acceptance needs strict preferences; ties make several stable outcomes.
    if len({round(float(x), 2) for x in score[allowed]}) < int(allowed.sum()):
        return
    assert {p.student: p.mentor for p in result.pairs} == deferred_acceptance(problem)


@FAST
@given(problems(balance=False))
def test_blocking_pairs_are_the_pairs_both_sides_prefer(problem):
    problem = Problem(
        students=problem.students,
        mentors=problem.mentors,
        rules=Rules(objective=problem.rules.objective),
        pins=(),
        forbids=problem.forbids,
    )
    result = solve(problem)
    score, allowed = pair_scores(problem)
    match = {p.student - 1: (p.mentor - 100, p.score) for p in result.pairs}
    caps = places(problem)
    expected = set()
    for i, j in zip(*np.nonzero(allowed), strict=True):
        mine = match.get(i)
        if mine and mine[0] == j:
            continue
        student_gains = mine is None or score[i, j] > mine[1]
        mentees = [s for s, (m, _) in match.items() if m == j]
        mentor_gains = len(mentees) < caps[j] or any(score[i, j] > match[s][1] for s in mentees)
        if student_gains and mentor_gains:
            expected.add((i + 1, j + 100))
    got = {(b["student"], b["mentor"]) for b in result.summary["blocking_pairs"]}
    assert got == expected
    assert result.summary["comparison"]["this_run"]["blocking"] == len(expected)
