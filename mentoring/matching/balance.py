"""Exact balance between universities: the highest rate the worst-off university can reach.

A university's rate is its matched students (pins included) over its students. The rates that
some assignment reaches are fractions k / n_u, and raising the floor is monotone (the counts of
matchable students per university form a polymatroid, so whatever meets higher floors meets lower
ones), so a binary search over those fractions finds the highest floor every university can meet.
Whether floors can be met is exact: either a maximum flow through every allowed arc with the
floors as the universities' capacities, or, with few universities, the max-flow min-cut condition
that no group S of universities needs more than the most students of S matchable together."""

from itertools import combinations

import numpy as np


def floors(*, n_per_uni, pinned_per_uni, uni_caps, matchable):
    """The least number of flow matches per university (pins apart) that maximises the lowest rate.
    `matchable(caps)` is the most students matchable when university u may have at most caps[u]."""
    n_u = len(n_per_uni)
    numerators = np.concatenate([np.arange(n + 1) for n in n_per_uni])
    denominators = np.concatenate([np.full(n + 1, n) for n in n_per_uni])
    order = np.argsort(numerators / denominators, kind="stable")
    numerators, denominators = numerators[order], denominators[order]

    def floor_at(k):
        need = -(-numerators[k] * n_per_uni // denominators[k])  # ceil(rate × students), exactly
        return np.maximum(need - pinned_per_uni, 0)

    if 2**n_u - 1 <= np.log2(len(numerators)) + 1:  # fewer group flows than the search's checks
        groups = [g for size in range(1, n_u + 1) for g in combinations(range(n_u), size)]
        rank = {}
        for group in groups:
            caps = np.zeros(n_u, np.int64)
            caps[list(group)] = uni_caps[list(group)]
            rank[group] = matchable(caps)

        def feasible(floor):
            return all(floor[list(g)].sum() <= rank[g] for g in groups)
    else:

        def feasible(floor):
            return matchable(floor) == floor.sum()

    low, high = 0, len(numerators) - 1  # the rate at `low` is always reachable (0 at first)
    while low < high:
        mid = (low + high + 1) // 2
        floor = floor_at(mid)
        if (floor <= uni_caps).all() and feasible(floor):
            low = mid
        else:
            high = mid - 1
    return floor_at(low)
