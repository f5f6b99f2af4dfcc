"""The assignment engine: optimal against brute force on small instances, and its hard constraints
(forbidden pairs, capacity, no reviewer twice on one application) never broken."""

import itertools
import random

import pytest

from programmes.admissions.assignment import Reviewer, Wanted, assign


def brute_force(applications, reviewers, forbidden):
    """The best (most pairs, then least sum of squared loads) over every way to choose reviewers."""
    options = []
    for a in applications:
        allowed = [r.id for r in reviewers if (a.id, r.id) not in forbidden]
        options.append(
            [c for size in range(min(a.needed, len(allowed)) + 1) for c in itertools.combinations(allowed, size)]
        )
    capacity = {r.id: r.capacity for r in reviewers}
    best = None
    for choice in itertools.product(*options):
        loads = {r.id: r.load for r in reviewers}
        for chosen in choice:
            for r_id in chosen:
                loads[r_id] += 1
        if any(capacity[r] is not None and loads[r] > capacity[r] for r in loads):
            continue
        key = (-sum(len(c) for c in choice), sum(n * n for n in loads.values()))
        best = key if best is None or key < best else best
    return best


def check_constraints(result, applications, reviewers, forbidden):
    assert len(set(result.pairs)) == len(result.pairs), "a reviewer twice on one application"
    assert not set(result.pairs) & set(forbidden)
    needed = {a.id: a.needed for a in applications}
    for a_id in needed:
        assert sum(1 for p in result.pairs if p[0] == a_id) <= needed[a_id]
    for r in reviewers:
        if r.capacity is not None:
            assert result.loads[r.id] <= r.capacity
        assert result.loads[r.id] == r.load + sum(1 for p in result.pairs if p[1] == r.id)


def random_instance(rng):
    applications = [Wanted(id=100 + i, needed=rng.randint(0, 3)) for i in range(rng.randint(1, 4))]
    reviewers = [
        Reviewer(id=i, load=rng.randint(0, 2), capacity=rng.choice([None, 2, 3, 4])) for i in range(rng.randint(1, 4))
    ]
    reviewers = [r if r.capacity is None or r.capacity >= r.load else Reviewer(id=r.id, load=r.load) for r in reviewers]
    forbidden = {(a.id, r.id) for a in applications for r in reviewers if rng.random() < 0.25}
    return applications, reviewers, forbidden


@pytest.mark.parametrize("seed", range(150))
def test_optimal_against_brute_force_and_constraints_hold(seed):
    rng = random.Random(seed)
    applications, reviewers, forbidden = random_instance(rng)
    result = assign(applications=applications, reviewers=reviewers, forbidden=forbidden)
    check_constraints(result, applications, reviewers, forbidden)
    assert (-len(result.pairs), result.cost) == brute_force(applications, reviewers, forbidden)


def test_loads_are_balanced_where_nothing_forbids_it():
    result = assign(
        applications=[Wanted(id=i, needed=2) for i in range(9)], reviewers=[Reviewer(id=r) for r in range(6)]
    )
    assert len(result.pairs) == 18
    assert sorted(result.loads.values()) == [3] * 6
    assert result.short == {}


def test_existing_load_is_evened_out():
    result = assign(
        applications=[Wanted(id=i, needed=1) for i in range(4)], reviewers=[Reviewer(id=1, load=4), Reviewer(id=2)]
    )
    assert result.loads == {1: 4, 2: 4}


def test_an_application_without_enough_allowed_reviewers_is_reported_short():
    result = assign(
        applications=[Wanted(id=7, needed=3)],
        reviewers=[Reviewer(id=1), Reviewer(id=2)],
        forbidden={(7, 2)},
    )
    assert result.pairs == [(7, 1)]
    assert result.short == {7: 2}


def test_nothing_to_assign():
    result = assign(applications=[], reviewers=[Reviewer(id=1, load=2)])
    assert result.pairs == [] and result.short == {} and result.loads == {1: 2}
