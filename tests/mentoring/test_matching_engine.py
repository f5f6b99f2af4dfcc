"""The engine against an independent optimum (SciPy's linear_sum_assignment over mentor places
expanded into slots), its hard rules, and its reason codes."""

import itertools
import random
from dataclasses import replace

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from mentoring.matching import (
    PARTICIPATION,
    SCORE,
    EngineError,
    Mentor,
    Problem,
    Rules,
    Student,
    Weights,
    flow,
    solve,
)
from mentoring.matching.scoring import PASS, criterion_fractions, encode, first_broken_rule, scores
from mentoring.matching.synthetic import cohort


def pair_matrix(problem):
    """Score of every allowed pair (NaN when a hard rule, a forbid or the minimum removes it)."""
    n_s, n_m = len(problem.students), len(problem.mentors)
    enc = encode(problem.students, problem.mentors)
    si, mi = np.repeat(np.arange(n_s), n_m), np.tile(np.arange(n_m), n_s)
    score = scores(problem.weights, criterion_fractions(enc, si, mi))
    allowed = first_broken_rule(enc, si, mi) == PASS
    allowed &= score >= problem.rules.min_score
    matrix = np.where(allowed, score, np.nan).reshape(n_s, n_m)
    ids_s = {s.id: i for i, s in enumerate(problem.students)}
    ids_m = {m.id: j for j, m in enumerate(problem.mentors)}
    for s, m in problem.forbids:
        matrix[ids_s[s], ids_m[m]] = np.nan
    return matrix


def slot_optimum(problem, *, participation):
    """Best total by the Hungarian method on mentor places expanded into slots."""
    matrix = pair_matrix(problem)
    slots = [j for j, m in enumerate(problem.mentors) for _ in range(m.capacity)]
    expanded = matrix[:, slots]
    allowed = ~np.isnan(expanded)
    big = 1e6 if participation else 0.0
    gain = np.where(allowed, np.nan_to_num(expanded) + big, 0.0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    used = allowed[rows, cols]
    return round(float(np.nan_to_num(expanded)[rows, cols][used].sum()), 2), int(used.sum())


def random_problem(rng, *, objective=SCORE, forbids=0, min_score=0.0):
    students, mentors = cohort(rng.randint(3, 14), rng.randint(2, 7), seed=rng.randint(0, 10**6))
    pairs = [(s.id, m.id) for s in students for m in mentors]
    return Problem(
        students=students,
        mentors=mentors,
        rules=Rules(objective=objective, min_score=min_score),
        forbids=tuple(rng.sample(pairs, min(forbids, len(pairs)))),
    )


def assert_no_hard_rule_broken(problem, result):
    matrix = pair_matrix(problem)
    ids_s = {s.id: i for i, s in enumerate(problem.students)}
    ids_m = {m.id: j for j, m in enumerate(problem.mentors)}
    pins = set(problem.pins)
    load = {}
    for pair in result.pairs:
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
        if (pair.student, pair.mentor) not in pins:
            assert not np.isnan(matrix[ids_s[pair.student], ids_m[pair.mentor]]), pair
    for mentor in problem.mentors:
        assert load.get(mentor.id, 0) <= mentor.capacity
    assert len({p.student for p in result.pairs}) == len(result.pairs)
    matched = {p.student: p.mentor for p in result.pairs}
    for s, m in problem.pins:
        assert matched[s] == m


@pytest.mark.parametrize("objective", [SCORE, PARTICIPATION])
@pytest.mark.parametrize("first_arcs", [24, 1], ids=["all-arcs-at-once", "arcs-added-by-the-optimality-check"])
def test_total_equals_the_independent_optimum_and_beats_greedy(objective, first_arcs, monkeypatch):
    monkeypatch.setattr(flow, "FIRST_ARCS_PER_STUDENT", first_arcs)
    monkeypatch.setattr(flow, "FIRST_SPARE_ARCS_PER_MENTOR", first_arcs - 1)
    rng = random.Random(20261122)
    for _ in range(60):
        problem = random_problem(rng, objective=objective, forbids=rng.randint(0, 6), min_score=rng.choice([0, 40]))
        result = solve(problem)
        best_total, best_matched = slot_optimum(problem, participation=objective == PARTICIPATION)
        assert result.summary["total_score"] == pytest.approx(best_total, abs=0.01)
        if objective == PARTICIPATION:
            assert result.summary["matched"] == best_matched
        else:
            assert result.summary["total_score"] >= result.summary["greedy_total"] - 0.01
        assert_no_hard_rule_broken(problem, result)
        for pair in result.pairs:
            assert sum(pair.breakdown.values()) == pytest.approx(pair.score, abs=0.02)


def person(kind, pk, **kw):
    base = {"pathways": ("regulatory",), "times": ("tue_eve",), "mode": "online"}
    if kind is Student:
        base["university"] = "warwick"
    else:
        base["capacity"] = 1
    base.update(kw)
    return kind(id=pk, name=f"{kind.__name__} {pk}", **base)


def reasons(problem):
    return {u.student: (u.code, u.detail) for u in solve(problem).unmatched}


def test_reason_no_allowed_mentor_names_the_rule():
    problem = Problem(
        students=(person(Student, 1, times=("mon_day",)), person(Student, 2, university="aru")),
        mentors=(person(Mentor, 10, excluded_universities=("aru",)),),
    )
    got = reasons(problem)
    assert got[1][0] == "no_allowed_mentor" and got[1][1]["rule"] == "availability"
    assert got[2][0] == "no_allowed_mentor" and got[2][1]["rule"] == "university_excluded"


def test_reason_mode_region_avoid_and_person_excluded():
    problem = Problem(
        students=(
            person(Student, 1, mode="in_person", regions=("east",)),
            person(Student, 2, avoid_mentors=(10,)),
            person(Student, 3),
        ),
        mentors=(person(Mentor, 10, mode="either", regions=("london",), capacity=3, excluded_people=(3,)),),
    )
    got = reasons(problem)
    assert got[1][1]["rule"] == "region"
    assert got[2][1]["rule"] == "student_avoids"
    assert got[3][1]["rule"] == "person_excluded"


def test_reason_places_taken_names_who_took_them():
    problem = Problem(
        students=(person(Student, 1, pathways=("regulatory", "ai")), person(Student, 2, pathways=("ai", "rnd"))),
        mentors=(person(Mentor, 10, pathways=("regulatory", "ai")),),
    )
    result = solve(problem)
    assert [(p.student, p.mentor) for p in result.pairs] == [(1, 10)]
    code, detail = reasons(problem)[2]
    assert code == "places_taken"
    assert detail["mentors"] == [{"mentor": 10, "score": pytest.approx(detail["mentors"][0]["score"]), "taken_by": [1]}]


def test_reason_below_minimum_and_excluded_by_coordinator():
    problem = Problem(
        students=(person(Student, 1, pathways=("clinical",)), person(Student, 2), person(Student, 3)),
        mentors=(person(Mentor, 10, capacity=3),),
        rules=Rules(min_score=80, excluded_students=(3,)),
        forbids=((2, 10),),
    )
    got = reasons(problem)
    assert got[1][0] == "below_min_score"
    assert got[2] == ("excluded_by_coordinator", {"forbidden": 1})
    assert got[3][0] == "excluded_by_coordinator"


def test_pins_override_and_forbids_remove_pairs():
    students, mentors = cohort(30, 8, seed=4)
    free = solve(Problem(students=students, mentors=mentors))
    first = free.pairs[0]
    pinned_student = free.unmatched[0].student if free.unmatched else free.pairs[1].student
    pin = (pinned_student, first.mentor)
    problem = Problem(students=students, mentors=mentors, pins=(pin,), forbids=((first.student, first.mentor),))
    result = solve(problem)
    matched = {p.student: p.mentor for p in result.pairs}
    assert matched[pin[0]] == pin[1]
    assert matched.get(first.student) != first.mentor
    assert next(p for p in result.pairs if p.student == pin[0]).pinned
    assert_no_hard_rule_broken(problem, result)


def test_balance_matches_ana_and_cat_where_the_old_heuristic_matched_nobody():
    monday = {"times": ("mon_eve",), "mode": "online"}
    problem = Problem(
        students=(
            Student(id=1, name="Ana", university="warwick", **monday),
            Student(id=2, name="Ben", university="warwick", **monday),
            Student(id=3, name="Cat", university="aru", **monday),
            Student(id=4, name="Dev", university="aru", times=("fri_day",), mode="online"),
        ),
        mentors=(Mentor(id=10, name="Mo", capacity=2, **monday),),
        rules=Rules(balance_universities=True),
    )
    result = solve(problem)
    assert sorted(p.student for p in result.pairs) == [1, 3]
    assert {u: r["rate"] for u, r in result.summary["per_university"].items()} == {"aru": 0.5, "warwick": 0.5}


def brute_force(problem):
    """Every assignment of the allowed pairs within places and quotas (pins fixed), by exhaustive search."""
    matrix = pair_matrix(problem)
    students, mentors = problem.students, problem.mentors
    pins = dict(problem.pins)
    quotas = problem.rules.university_quotas
    options = []
    for i, s in enumerate(students):
        if s.id in pins:
            options.append([next(j for j, m in enumerate(mentors) if m.id == pins[s.id])])
        else:
            options.append([None] + [j for j in range(len(mentors)) if not np.isnan(matrix[i, j])])
    for choice in itertools.product(*options):
        load = np.bincount([j for j in choice if j is not None], minlength=len(mentors))
        if (load > [m.capacity for m in mentors]).any():
            continue
        per_uni = {}
        for s, j in zip(students, choice, strict=True):
            per_uni[s.university] = per_uni.get(s.university, 0) + (j is not None)
        if any(per_uni[u] > q for u, q in quotas.items() if u in per_uni):
            continue
        total = sum(matrix[i, j] for i, j in enumerate(choice) if j is not None and students[i].id not in pins)
        yield per_uni, sum(j is not None for j in choice), round(float(total), 2)


def rates(problem, per_uni):
    size = {}
    for s in problem.students:
        size[s.university] = size.get(s.university, 0) + 1
    return [per_uni[u] / size[u] for u in size]


@pytest.mark.parametrize("seed", range(4))
def test_balance_is_lexicographically_optimal_against_brute_force(seed):
    """Lowest rate, then matched, then score: equal to the best of every assignment; and no assignment
    with an equal or smaller gap between universities matches more students."""
    rng = random.Random(seed)
    for _ in range(12):
        students, mentors = cohort(rng.randint(3, 7), rng.randint(1, 3), seed=rng.randint(0, 10**6))
        if seed % 2:  # four universities: floors are checked by a maximum flow each, not by groups
            students = tuple(replace(s, university=rng.choice("ABCD")) for s in students)
        pairs = [(s.id, m.id) for s in students for m in mentors]
        quotas = {"Warwick": rng.randint(0, 3)} if rng.random() < 0.3 else {}
        problem = Problem(
            students=students,
            mentors=mentors,
            rules=Rules(
                balance_universities=True, university_quotas=quotas, objective=rng.choice([SCORE, PARTICIPATION])
            ),
            forbids=tuple(rng.sample(pairs, min(rng.randint(0, 3), len(pairs)))),
        )
        result = solve(problem)
        assert_no_hard_rule_broken(problem, result)
        got_uni = {u: r["matched"] for u, r in result.summary["per_university"].items()}
        got_rates = rates(problem, got_uni)
        got = (round(min(got_rates), 9), result.summary["matched"], result.summary["total_score"])
        best = max((round(min(rates(problem, u)), 9), n, t) for u, n, t in brute_force(problem))
        assert got[:2] == best[:2]
        assert got[2] == pytest.approx(best[2], abs=0.01)
        gap = max(got_rates) - min(got_rates)
        for per_uni, matched, _ in brute_force(problem):
            r = rates(problem, per_uni)
            if max(r) - min(r) <= gap + 1e-9:
                assert matched <= result.summary["matched"]


def test_balance_lifts_the_lowest_rate_without_losing_matches():
    students, mentors = cohort(200, 33, seed=9)
    plain = solve(Problem(students=students, mentors=mentors)).summary
    balanced = solve(Problem(students=students, mentors=mentors, rules=Rules(balance_universities=True))).summary
    assert balanced["matched"] == plain["matched"]

    def lowest(summary):
        return min(r["rate"] for r in summary["per_university"].values())

    assert lowest(balanced) >= lowest(plain)


def test_stay_bonus_keeps_previous_pairs_after_forbids():
    students, mentors = cohort(300, 90, seed=3)
    first = solve(Problem(students=students, mentors=mentors))
    previous = {p.student: p.mentor for p in first.pairs}
    forbids = tuple((p.student, p.mentor) for p in first.pairs[:5])
    forbidden_students = {s for s, _ in forbids}

    def knock_on_changes(bonus):
        rules = Rules(stay_bonus=bonus)
        again = solve(Problem(students=students, mentors=mentors, forbids=forbids, previous=previous, rules=rules))
        now = {p.student: p.mentor for p in again.pairs}
        assert all(now.get(s) != previous[s] for s in forbidden_students)
        return {s for s in previous if now.get(s) != previous[s]} - forbidden_students, again.summary["kept"]

    with_bonus, kept = knock_on_changes(3.0)
    without_bonus, _ = knock_on_changes(0.0)
    assert len(with_bonus) <= 5 < len(without_bonus)
    assert kept == len(previous) - len(forbidden_students) - len(with_bonus)


def test_alternatives_and_regret():
    problem = Problem(
        students=(person(Student, 1, pathways=("regulatory", "ai")), person(Student, 2, pathways=("ai",))),
        mentors=(person(Mentor, 10, pathways=("regulatory", "ai")), person(Mentor, 11, pathways=("ai",))),
        rules=Rules(objective=SCORE),
    )
    result = solve(problem)
    assert {(p.student, p.mentor) for p in result.pairs} == {(1, 10), (2, 11)}
    assert [a.mentor for a in result.alternatives[1]] == [11]
    assert result.regret[1] == 0 and "shared pathways: regulatory, ai" in result.pairs[0].explanation


def test_university_quota_caps_matches_and_is_the_reason():
    problem = Problem(
        students=(person(Student, 1), person(Student, 2), person(Student, 3, university="aru")),
        mentors=(person(Mentor, 10, capacity=3),),
        rules=Rules(university_quotas={"warwick": 1}),
    )
    result = solve(problem)
    assert sorted(p.student for p in result.pairs) in ([1, 3], [2, 3])
    (unmatched,) = result.unmatched
    assert unmatched.code == "university_quota" and unmatched.detail["places"] == 1


def test_ties_go_to_the_earlier_student_or_the_seeded_order():
    def winner(seed, students):
        problem = Problem(students=students, mentors=(person(Mentor, 10),), rules=Rules(tie_seed=seed))
        (pair,) = solve(problem).pairs
        return pair.student

    twins = (person(Student, 1), person(Student, 2))
    assert winner(None, twins) == 1 and winner(None, twins[::-1]) == 2
    for seed in range(6):
        order = [0, 1]
        random.Random(seed).shuffle(order)
        assert winner(seed, twins) == twins[order[0]].id
        assert winner(seed, twins) == winner(seed, twins)


def two_sided(**problem):
    base = {"students": (person(Student, 1), person(Student, 2)), "mentors": (person(Mentor, 10, capacity=2),)}
    base.update(problem)
    return Problem(**base)


@pytest.mark.parametrize(
    "problem, message",
    [
        (two_sided(weights=Weights(pathways=float("nan"))), "weight for pathways is nan"),
        (two_sided(weights=Weights(mode=float("inf"))), "weight for mode is inf"),
        (two_sided(weights=Weights(sector=-1.0)), "weight for sector is -1.0"),
        (two_sided(weights=Weights(0, 0, 0, 0, 0)), "Every weight is 0"),
        (two_sided(students=(person(Student, 1), person(Student, 1))), "appear more than once .*Student 1"),
        (two_sided(mentors=(person(Mentor, 10), person(Mentor, 10))), "mentors appear more than once"),
        (two_sided(mentors=(person(Mentor, 10, capacity=-1),)), "Mentor 10 has -1 places"),
        (two_sided(mentors=(person(Mentor, 10, seniority=7),)), "Mentor 10's seniority is 7"),
        (two_sided(students=(person(Student, 1, mode="zoom"),)), "Student 1's way of meeting is 'zoom'"),
        (two_sided(students=(person(Student, 1, level="phd"),)), "Student 1's level of study is 'phd'"),
        (two_sided(rules=Rules(min_score=float("nan"))), "minimum score is nan"),
        (two_sided(rules=Rules(university_quotas={"warwick": -2})), "quota for warwick is -2"),
    ],
)
def test_bad_inputs_are_refused_with_a_sentence_naming_them(problem, message):
    with pytest.raises(EngineError, match=message):
        solve(problem)


@pytest.mark.parametrize("field", ["university", "pathways", "times", "regions", "sectors"])
def test_any_number_of_distinct_values(field):
    students = []
    for i in range(130):
        value = f"{field}-{i}"
        extra = {field: value} if field == "university" else {field: (value, "shared")}
        if field == "regions":
            extra["mode"] = "in_person"
        students.append(person(Student, i, **extra))
    mentor_values = {"regions": ("shared",), "times": ("tue_eve", "shared"), "pathways": ("shared",)}
    mentor = person(Mentor, 1000, capacity=200, mode="either", **{k: v for k, v in mentor_values.items() if k == field})
    if field == "times":
        students = [replace(s, times=(*s.times, "tue_eve")) for s in students]
    result = solve(Problem(students=tuple(students), mentors=(mentor,), rules=Rules(balance_universities=True)))
    assert result.summary["matched"] == 130


def test_huge_capacities_and_small_weights_stay_exact():
    problem = two_sided(
        mentors=(person(Mentor, 10, capacity=10**30), person(Mentor, 11, capacity=2**62)),
        weights=Weights(0.02, 0.02, 0.02, 0.02, 0.02),
    )
    result = solve(problem)
    assert result.summary["mentor_load"]["places"] == 10**30 + 2**62
    assert result.summary["matched"] == 2 and result.summary["mentor_load"]["full"] == 0
    assert all(0 <= p.score <= 100 for p in result.pairs)
    assert result.summary["greedy_total"] == result.summary["total_score"]


def test_either_suits_fully_and_a_perfect_pair_scores_100():
    student = person(Student, 1, level="ug", sectors=("devices",), times=("mon_eve", "tue_eve", "wed_eve"))
    mentor = person(Mentor, 10, mode="either", seniority=2, sector="devices", times=student.times)
    (pair,) = solve(Problem(students=(student,), mentors=(mentor,))).pairs
    assert pair.score == 100.0 and pair.breakdown["mode"] == pytest.approx(100 / 9, abs=0.01)


def test_the_explanation_names_weaknesses_too():
    student = person(Student, 1, pathways=("clinical",), sectors=("pharma",))
    mentor = person(Mentor, 10, pathways=("regulatory",), sector="devices")
    (pair,) = solve(Problem(students=(student,), mentors=(mentor,))).pairs
    assert "no shared pathway" in pair.explanation
    assert "only one shared slot, tue eve (online)" in pair.explanation
    assert "not in a sector they prefer" in pair.explanation
