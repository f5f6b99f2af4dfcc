"""The assignment as a min-cost flow (OR-Tools, array API), and the greedy baseline.

Network: source → university (capacity = its quota) → student (1) → mentor (1, cost = −score)
→ sink (capacity = the mentor's free places). "participation" takes the maximum flow of minimum
cost (as many students as possible, then the best total); "score" adds a free source → sink arc so
leaving a student unmatched is allowed and only the total counts."""

import numpy as np
from ortools.graph.python import min_cost_flow

from .types import SCORE, EngineError

SCALE = 100  # scores carry two decimals; costs are integers


def assign(*, n_students, student_uni, uni_caps, mentor_caps, arc_s, arc_m, arc_cost, objective):
    """Returns the mentor index per student (−1 when unmatched). arc_cost is the integer gain per arc."""
    n_u, n_m = len(uni_caps), len(mentor_caps)
    uni0, stu0 = 2, 2 + n_u
    men0 = stu0 + n_students
    tails = [np.zeros(n_u, np.int64), uni0 + student_uni, stu0 + arc_s, men0 + np.arange(n_m)]
    heads = [uni0 + np.arange(n_u), stu0 + np.arange(n_students), men0 + arc_m, np.ones(n_m, np.int64)]
    caps = [np.asarray(uni_caps, np.int64), np.ones(n_students, np.int64), np.ones(len(arc_s), np.int64)]
    caps.append(np.asarray(mentor_caps, np.int64))
    costs = [np.zeros(n_u, np.int64), np.zeros(n_students, np.int64), -np.asarray(arc_cost, np.int64)]
    costs.append(np.zeros(n_m, np.int64))
    if objective == SCORE:
        tails.append(np.zeros(1, np.int64))
        heads.append(np.ones(1, np.int64))
        caps.append(np.array([n_students], np.int64))
        costs.append(np.zeros(1, np.int64))
    graph = min_cost_flow.SimpleMinCostFlow()
    graph.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails), np.concatenate(heads), np.concatenate(caps), np.concatenate(costs)
    )
    supplies = np.zeros(men0 + n_m, np.int64)
    supplies[0], supplies[1] = n_students, -n_students
    graph.set_nodes_supplies(np.arange(len(supplies)), supplies)
    status = graph.solve() if objective == SCORE else graph.solve_max_flow_with_min_cost()
    if status != graph.OPTIMAL:
        raise EngineError(f"the solver stopped without an optimal assignment ({status})")
    first_arc = n_u + n_students
    used = graph.flows(np.arange(first_arc, first_arc + len(arc_s))) > 0
    chosen = np.full(n_students, -1, np.int64)
    chosen[arc_s[used]] = arc_m[used]
    return chosen


def greedy(*, n_students, student_uni, uni_caps, mentor_caps, arc_s, arc_m, arc_score):
    """Global greedy: the best remaining pair first, while places and quotas last."""
    order = np.argsort(-arc_score, kind="stable")
    places = list(mentor_caps)
    quota = list(uni_caps)
    unis = student_uni.tolist()
    chosen = [-1] * n_students
    left = len(set(arc_s.tolist()))
    for s, m in zip(arc_s[order].tolist(), arc_m[order].tolist(), strict=True):
        if chosen[s] >= 0 or places[m] == 0 or quota[unis[s]] == 0:
            continue
        chosen[s] = m
        places[m] -= 1
        quota[unis[s]] -= 1
        left -= 1
        if left == 0:
            break
    return np.array(chosen, np.int64)
