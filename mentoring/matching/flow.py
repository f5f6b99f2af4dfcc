"""The assignment as a min-cost flow (OR-Tools, array API), and the greedy baseline.

Network: source → university (capacity = its quota) → student (1) → mentor (1, cost = −gain)
→ sink (capacity = the mentor's free places), plus a free source → sink arc for the students left
unmatched. For "participation" that arc carries exactly the students the most complete assignment
leaves out (reach.py finds how many can be matched), so the optimum is the best total among the
fullest assignments; for "score" it may carry anyone.

Large cohorts have millions of allowed pairs; the solver starts from each student's and each
mentor's best arcs, then proves the result optimal for all arcs with node potentials (shortest
distances in the residual network): an arc left out with negative reduced cost is added and the
network solved again, so the answer is exact, not a heuristic.

A university floor (balance) is a lower bound on its source → university arc, written the usual
way: the university node supplies its floor itself and the arc keeps only the rest."""

import numpy as np
from ortools.graph.python import min_cost_flow

from .types import EngineError

SCALE = 100  # scores carry two decimals; costs are integers
TIE_LEVELS = 8  # bands of the tie-breaking order (engine._with_ties)
FIRST_ARCS_PER_STUDENT = 24
FIRST_SPARE_ARCS_PER_MENTOR = 8
ADDED_ARCS_PER_STUDENT = 16
GREEDY_FIRST_BLOCK = 1 << 12
GREEDY_BLOCK = 1 << 16


def first_arcs(*, arc_s, arc_m, table, mentor_caps):
    """Each student's best arcs and each mentor's best (places + spare) arcs, found with row and
    column partitions of the dense score table (ties at the threshold are all kept)."""
    n_students, n_m = table.shape
    score = table[arc_s, arc_m]
    keep = np.zeros(len(arc_s), bool)
    if n_m > FIRST_ARCS_PER_STUDENT:
        row_cut = np.partition(table, n_m - FIRST_ARCS_PER_STUDENT, axis=1)[:, n_m - FIRST_ARCS_PER_STUDENT]
        keep |= score >= row_cut[arc_s]
    else:
        keep[:] = True
    per_mentor = int(mentor_caps.max(initial=0)) + FIRST_SPARE_ARCS_PER_MENTOR
    if n_students > per_mentor:
        column_cut = np.partition(table.T, n_students - per_mentor, axis=1)[:, n_students - per_mentor]
        keep |= score >= column_cut[arc_m]
    else:
        keep[:] = True
    return keep


def _potentials(n_nodes, tails, heads, costs):
    """Shortest distances from a virtual root joined to every node (Bellman-Ford, vectorised)."""
    order = np.argsort(heads, kind="stable")
    tails, heads, costs = tails[order], heads[order], costs[order]
    targets, starts = np.unique(heads, return_index=True)
    distance = np.zeros(n_nodes, np.int64)
    for _ in range(n_nodes + 1):
        best = np.minimum.reduceat(distance[tails] + costs, starts)
        improved = best < distance[targets]
        if not improved.any():
            return distance
        distance[targets[improved]] = best[improved]
    raise EngineError("the residual network has a negative cycle")


def _solve_subset(net, arc_s, arc_m, gain):
    n_u, n_s, n_m = net["n_u"], net["n_s"], net["n_m"]
    uni0, stu0 = 2, 2 + n_u
    men0 = stu0 + n_s
    n_nodes = men0 + n_m
    floors = net["uni_floors"]
    mentor_tails, mentor_caps, mentor_costs = net["mentor_arcs"]
    unmatched = n_s if net["matched"] is None else n_s - net["matched"]
    tails = np.concatenate([np.zeros(n_u, np.int64), uni0 + net["student_uni"], stu0 + arc_s, men0 + mentor_tails, [0]])
    heads = np.concatenate(
        [uni0 + np.arange(n_u), stu0 + np.arange(n_s), men0 + arc_m, np.ones(len(mentor_tails), np.int64), [1]]
    )
    caps = np.concatenate([net["uni_caps"] - floors, np.ones(n_s + len(arc_s), np.int64), mentor_caps, [unmatched]])
    costs = np.concatenate([np.zeros(n_u + n_s, np.int64), -gain, mentor_costs, [0]])
    graph = min_cost_flow.SimpleMinCostFlow()
    graph.add_arcs_with_capacity_and_unit_cost(tails, heads, caps.astype(np.int64), costs)
    supplies = np.zeros(n_nodes, np.int64)
    supplies[0], supplies[1] = n_s - floors.sum(), -n_s
    supplies[uni0 : uni0 + n_u] = floors
    graph.set_nodes_supplies(np.arange(n_nodes), supplies)
    status = graph.solve()
    if status != graph.OPTIMAL:  # the subset carries the floors and the number to match (reach.py)
        raise EngineError(f"the solver stopped without an optimal assignment ({status})")
    flow = graph.flows(np.arange(len(tails)))
    forward, backward = flow < caps, flow > 0
    residual_tails = np.concatenate([tails[forward], heads[backward]])
    residual_heads = np.concatenate([heads[forward], tails[backward]])
    residual_costs = np.concatenate([costs[forward], -costs[backward]])
    distance = _potentials(n_nodes, residual_tails, residual_heads, residual_costs)
    first = n_u + n_s
    used = flow[first : first + len(arc_s)] > 0
    return used, distance[stu0 : stu0 + n_s], distance[men0:]


def _mentor_arcs(mentor_caps, arc_m, spread):
    """Mentor → sink arcs: one per mentor with their free places, or with `spread` = (step, carried)
    one arc per place, the k-th costing step × (carried + k): a rising (convex) cost per mentee, which
    a min-cost flow honours exactly. A mentor gets no more unit arcs than they have allowed pairs."""
    n_m = len(mentor_caps)
    if spread is None:
        return np.arange(n_m, dtype=np.int64), mentor_caps, np.zeros(n_m, np.int64)
    step, carried = spread
    places = np.minimum(mentor_caps, np.bincount(arc_m, minlength=n_m))
    tails = np.repeat(np.arange(n_m, dtype=np.int64), places)
    rank = np.arange(len(tails)) - np.repeat(np.cumsum(places) - places, places)
    return tails, np.ones(len(tails), np.int64), step * (carried[tails] + rank)


def assign(
    *,
    n_students,
    student_uni,
    uni_caps,
    mentor_caps,
    arc_s,
    arc_m,
    arc_cost,
    table,
    matched=None,
    uni_floors=None,
    spread=None,
    first=None,
    near=0,
):
    """Returns the mentor index per student (−1 when unmatched). arc_cost is the integer gain per arc.
    matched (optional) is the number of students the flow must match: for the participation objective
    the most that can be (reach.py), so the best total among the fullest assignments; None lets the
    gains decide. uni_floors (optional) is the least number of matches each university must get; spread
    (optional) is (step, mentees carried per mentor) for a rising cost per extra mentee; first (optional)
    marks the arcs to start from, which must carry `matched` and the floors. Left-out arcs whose reduced
    cost is below `near` join with the negative ones: they are the likeliest to turn negative once those
    join, so fewer rounds reach the same optimum."""
    n_m = len(mentor_caps)
    mentor_arcs = _mentor_arcs(np.asarray(mentor_caps, np.int64), arc_m, spread)
    gain = np.asarray(arc_cost, np.int64)
    net = {
        "n_u": len(uni_caps),
        "n_s": n_students,
        "n_m": n_m,
        "matched": matched,
        "student_uni": np.asarray(student_uni, np.int64),
        "uni_caps": np.asarray(uni_caps, np.int64),
        "uni_floors": np.zeros(len(uni_caps), np.int64) if uni_floors is None else np.asarray(uni_floors, np.int64),
        "mentor_caps": np.asarray(mentor_caps, np.int64),
        "mentor_arcs": mentor_arcs,
    }
    if first is None:
        first = first_arcs(arc_s=arc_s, arc_m=arc_m, table=table, mentor_caps=net["mentor_caps"])
    active = first.copy()
    while True:
        subset = np.flatnonzero(active)
        used, student_potential, mentor_potential = _solve_subset(net, arc_s[subset], arc_m[subset], gain[subset])
        # Reduced cost of a left-out arc: −gain + d(student) − d(mentor); negative means it could improve.
        reduced = student_potential[arc_s] - mentor_potential[arc_m] - gain
        violated = np.flatnonzero(~active & (reduced < near))
        if not (reduced[violated] < 0).any():
            break
        # Each student's most improving arcs join; the rest wait for the next round's check.
        order = violated[np.lexsort((reduced[violated], arc_s[violated]))]
        first = np.searchsorted(arc_s[order], arc_s[order], side="left")
        active[order[np.arange(len(order)) - first < ADDED_ARCS_PER_STUDENT]] = True
    chosen = np.full(n_students, -1, np.int64)
    chosen[arc_s[subset[used]]] = arc_m[subset[used]]
    return chosen


def greedy(*, n_students, student_uni, uni_caps, mentor_caps, arc_s, arc_m, table):
    """Global greedy: the best remaining pair first, while places and quotas last. Pairs are taken
    in blocks; a block's pairs whose student or mentor is already done are dropped with NumPy first.
    The blocks start small, where nearly every pair is still open, and grow as fewer are."""
    # Scores ×100 fit 16 bits, where NumPy's stable sort is a radix sort.
    order = np.argsort(-table[arc_s, arc_m].astype(np.int16), kind="stable")
    places = np.asarray(mentor_caps, np.int64).copy()
    quota = np.asarray(uni_caps, np.int64).copy()
    chosen = np.full(n_students, -1, np.int64)
    start, size = 0, GREEDY_FIRST_BLOCK
    while start < len(order):
        block = order[start : start + size]
        start, size = start + size, min(2 * size, GREEDY_BLOCK)
        s, m = arc_s[block], arc_m[block]
        open_ = (chosen[s] < 0) & (places[m] > 0) & (quota[student_uni[s]] > 0)
        for si, mi in zip(s[open_].tolist(), m[open_].tolist(), strict=True):
            u = student_uni[si]
            if chosen[si] >= 0 or places[mi] == 0 or quota[u] == 0:
                continue
            chosen[si] = mi
            places[mi] -= 1
            quota[u] -= 1
        if not places.any() or not quota.any():
            break
    return chosen
