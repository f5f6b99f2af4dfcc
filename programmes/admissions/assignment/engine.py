"""Which reviewer reads which application, as a min-cost max-flow (OR-Tools), like the mentor matcher.

Network: source → application (capacity = the reviewers it still needs) → reviewer (1 per allowed
pair) → sink through one unit arc per further application the reviewer could take, the k-th of them
costing 2k − 1. Those marginal costs add up to the square of the reviewer's load, so among the
assignments that place the most reviewers (max flow), the one found has the least sum of squared
loads: loads as even as the constraints allow. Forbidden pairs (declared conflicts, the same
department, a reviewer already on the application) have no arc at all, so they are never made."""

from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow


@dataclass(frozen=True)
class Wanted:
    """An application and how many more reviewers it needs."""

    id: int
    needed: int


@dataclass(frozen=True)
class Reviewer:
    """A reviewer, the applications they already hold, and at most how many they take (None: no limit)."""

    id: int
    load: int = 0
    capacity: int | None = None


@dataclass
class Assignment:
    pairs: list = field(default_factory=list)  # (application id, reviewer id)
    short: dict = field(default_factory=dict)  # application id → reviewers it still lacks
    loads: dict = field(default_factory=dict)  # reviewer id → load after the assignment

    @property
    def cost(self):
        """The sum of squared loads: the figure the engine keeps as small as it can."""
        return sum(n * n for n in self.loads.values())


def assign(*, applications, reviewers, forbidden=frozenset()):
    """Give each application up to `needed` distinct reviewers, never a forbidden (application id,
    reviewer id) pair and never past a reviewer's capacity: as many pairs as possible, then the most
    even loads. Deterministic for the same input order."""
    applications = [a for a in applications if a.needed > 0]
    allowed = np.ones((len(applications), len(reviewers)), bool)
    row = {a.id: i for i, a in enumerate(applications)}
    column = {r.id: j for j, r in enumerate(reviewers)}
    for a_id, r_id in forbidden:
        if a_id in row and r_id in column:
            allowed[row[a_id], column[r_id]] = False
    result = Assignment(loads={r.id: r.load for r in reviewers})
    if allowed.any():
        app_index, reviewer_index = _solve(applications, reviewers, allowed)
        result.pairs = [(applications[i].id, reviewers[j].id) for i, j in zip(app_index, reviewer_index, strict=True)]
    placed = {}
    for a_id, r_id in result.pairs:
        placed[a_id] = placed.get(a_id, 0) + 1
        result.loads[r_id] += 1
    result.short = {a.id: a.needed - placed.get(a.id, 0) for a in applications if placed.get(a.id, 0) < a.needed}
    return result


def _solve(applications, reviewers, allowed):
    """Nodes: 0 the source, 1..A the applications, then the reviewers, then the sink. All arcs go in
    one batch (the solver's array API); returns the (application, reviewer) indices that carry flow."""
    n_apps, n_reviewers = allowed.shape
    source, sink = 0, 1 + n_apps + n_reviewers
    needed = np.array([a.needed for a in applications], np.int64)
    pair_apps, pair_reviewers = np.nonzero(allowed)
    loads = np.array([r.load for r in reviewers], np.int64)
    rooms = np.array(
        [n_apps if r.capacity is None else max(min(r.capacity - r.load, n_apps), 0) for r in reviewers], np.int64
    )
    # The k-th further application of a reviewer already holding `load` costs 2(load + k) − 1.
    unit_reviewers = np.repeat(np.arange(n_reviewers), rooms)
    unit_rank = np.arange(len(unit_reviewers)) - np.repeat(np.cumsum(rooms) - rooms, rooms) + 1
    tails = np.concatenate([np.zeros(n_apps, np.int64), 1 + pair_apps, 1 + n_apps + unit_reviewers])
    heads = np.concatenate([1 + np.arange(n_apps), 1 + n_apps + pair_reviewers, np.full(len(unit_reviewers), sink)])
    capacities = np.concatenate([needed, np.ones(len(pair_apps) + len(unit_reviewers), np.int64)])
    costs = np.concatenate([np.zeros(n_apps + len(pair_apps), np.int64), 2 * (loads[unit_reviewers] + unit_rank) - 1])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails.astype(np.int32), heads.astype(np.int32), capacities, costs)
    # With supplies as an upper bound: the solver sends as much of them as the network carries.
    flow.set_node_supply(source, int(needed.sum()))
    flow.set_node_supply(sink, -int(needed.sum()))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:  # pragma: no cover - a well-formed network always solves
        raise RuntimeError(f"the assignment network did not solve: {status}")
    carried = flow.flows(np.arange(n_apps, n_apps + len(pair_apps))) > 0
    return pair_apps[carried].tolist(), pair_reviewers[carried].tolist()
