"""Which reviewer reads which application, as a min-cost max-flow (OR-Tools), like the mentor matcher.

Network: source → application (capacity = the reviewers it still needs) → reviewer (1 per allowed
pair) → sink through one unit arc per further application the reviewer could take, the k-th of them
costing 2k − 1. Those marginal costs add up to the square of the reviewer's load, so among the
assignments that place the most reviewers (max flow), the one found has the least sum of squared
loads: loads as even as the constraints allow. Forbidden pairs (declared conflicts, the same
department, a reviewer already on the application) have no arc at all, so they are never made."""

from dataclasses import dataclass, field

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
    n_apps = len(applications)
    source, sink = 0, 1 + n_apps + len(reviewers)
    flow = min_cost_flow.SimpleMinCostFlow()
    for i, a in enumerate(applications):
        flow.add_arc_with_capacity_and_unit_cost(source, 1 + i, a.needed, 0)
    pair_arcs = []
    for i, a in enumerate(applications):
        for j, r in enumerate(reviewers):
            if (a.id, r.id) not in forbidden:
                arc = flow.add_arc_with_capacity_and_unit_cost(1 + i, 1 + n_apps + j, 1, 0)
                pair_arcs.append((arc, a.id, r.id))
    for j, r in enumerate(reviewers):
        room = n_apps if r.capacity is None else max(min(r.capacity - r.load, n_apps), 0)
        for k in range(r.load + 1, r.load + room + 1):
            flow.add_arc_with_capacity_and_unit_cost(1 + n_apps + j, sink, 1, 2 * k - 1)
    result = Assignment(loads={r.id: r.load for r in reviewers})
    if pair_arcs:
        # With supplies as an upper bound: the solver sends as much of them as the network carries.
        total = sum(a.needed for a in applications)
        flow.set_node_supply(source, total)
        flow.set_node_supply(sink, -total)
        status = flow.solve_max_flow_with_min_cost()
        if status != flow.OPTIMAL:  # pragma: no cover - a well-formed network always solves
            raise RuntimeError(f"the assignment network did not solve: {status}")
        result.pairs = [(a_id, r_id) for arc, a_id, r_id in pair_arcs if flow.flow(arc)]
    placed = {}
    for a_id, r_id in result.pairs:
        placed[a_id] = placed.get(a_id, 0) + 1
        result.loads[r_id] += 1
    result.short = {a.id: a.needed - placed.get(a.id, 0) for a in applications if placed.get(a.id, 0) < a.needed}
    return result
