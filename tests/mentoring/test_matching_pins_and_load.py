"""Pins (every conflict named, each pin's overridden rules), places across cohorts, the spread of
load, and "why not mentor X?"."""

from dataclasses import replace

import pytest

from mentoring.matching import EngineError, Mentor, Problem, Rules, Student, solve
from mentoring.matching.whynot import why_not
from tests.mentoring.test_matching_engine import person


def test_every_pin_conflict_is_listed_by_name():
    problem = Problem(
        students=tuple(person(Student, k) for k in (1, 2, 3)),
        mentors=(person(Mentor, 10), person(Mentor, 11)),
        pins=((1, 10), (2, 10), (3, 10), (3, 11)),
    )
    with pytest.raises(EngineError) as refused:
        solve(problem)
    message = str(refused.value)
    assert "Student 3 is pinned to 2 mentors (Mentor 10 and Mentor 11)" in message
    assert "Mentor 10 has 2 pinned mentees (Student 1, Student 2) but 1 free place" in message


def test_each_pin_says_which_rules_it_overrides():
    ana = Student(id=1, name="Ana", university="warwick", mode="online", times=("mon",), avoid_mentors=(10,))
    ben = Student(id=2, name="Ben", university="warwick", times=("mon",))
    mo = Mentor(id=10, name="Mo", capacity=2, mode="in_person", times=("mon",), excluded_universities=("warwick",))
    problem = Problem(
        students=(ana, ben),
        mentors=(mo,),
        pins=((1, 10), (2, 10)),
        forbids=((2, 10),),
        rules=Rules(university_quotas={"warwick": 1}),
    )
    result = solve(problem)
    overrides = {p.student: p.overrides for p in result.pairs}
    assert overrides[1] == ["student_avoids", "university_excluded", "mode", "university_quota"]
    assert overrides[2] == ["university_excluded", "region", "forbidden", "university_quota"]
    assert result.summary["overridden_pins"] == 2
    plain = solve(
        Problem(students=(ben,), mentors=(replace(mo, excluded_universities=(), mode="either"),), pins=((2, 10),))
    )
    assert plain.pairs[0].overrides == [] and plain.summary["overridden_pins"] == 0


def test_places_count_mentees_in_other_cohorts():
    students = tuple(person(Student, k) for k in (1, 2, 3))
    busy = person(Mentor, 10, capacity=2, elsewhere=1)
    result = solve(Problem(students=students, mentors=(busy,)))
    assert len(result.pairs) == 1
    assert result.summary["mentor_load"]["elsewhere"] == 1
    full = solve(Problem(students=students, mentors=(replace(busy, elsewhere=2),)))
    assert not full.pairs and {u.code for u in full.unmatched} == {"places_taken"}


def test_spread_load_charges_each_extra_mentee_more():
    """Every student prefers A to B by 44.45 points; the k-th mentee of a mentor costs spread × (k − 1)."""
    students = tuple(person(Student, k, pathways=("a",)) for k in range(1, 7))
    a = person(Mentor, 100, capacity=6, pathways=("a",))
    b = person(Mentor, 101, capacity=6, pathways=("b",))
    gap = solve(Problem(students=students[:1], mentors=(a,))).pairs[0].score
    gap -= solve(Problem(students=students[:1], mentors=(b,))).pairs[0].score
    assert gap == pytest.approx(44.45, abs=0.01)
    for spread, on_a in ((0, 6), (10, 5), (20, 4), (50, 3)):
        result = solve(Problem(students=students, mentors=(a, b), rules=Rules(spread_load=spread)))
        assert sum(p.mentor == 100 for p in result.pairs) == on_a, spread
    # A's 3 mentees elsewhere count too: their next costs 60, then 80, 100; B's 0, 20, 40, 60, ...
    result = solve(Problem(students=students, mentors=(replace(a, elsewhere=3), b), rules=Rules(spread_load=20)))
    assert sum(p.mentor == 100 for p in result.pairs) == 3


def test_why_not_names_the_rules_and_the_cost_of_forcing():
    ana, ben = person(Student, 1, pathways=("a",)), person(Student, 2, pathways=("a",))
    cat = person(Student, 3, pathways=("b",), avoid_mentors=(10,))
    mo, zed = person(Mentor, 10, pathways=("a",)), person(Mentor, 11, pathways=("b",))
    problem = Problem(students=(ana, ben, cat), mentors=(mo, zed))
    run = solve(problem).as_dict()
    with_mo = next(p["student"] for p in run["pairs"] if p["mentor"] == 10)
    assert why_not(problem, student=with_mo, mentor=10, run_result=run)["in_run"]
    answer = why_not(problem, student=3, mentor=10, run_result=run)
    assert answer["rules"] == ["student_avoids"] and answer["current_mentor"] == 11
    forced = answer["forced"]
    # Cat takes Mo: Mo's mentee moves to Zed (Cat's place) and the other student stays unmatched.
    assert forced["matched_change"] == 0 and forced["moved"] == [{"student": with_mo, "before": 10, "after": 11}]
    assert forced["total_change"] < 0
    pinned = why_not(replace(problem, pins=((1, 10), (2, 11))), student=3, mentor=10, run_result=run)
    assert "Mentor 10 has 2 pinned mentees" in pinned["refused"]
