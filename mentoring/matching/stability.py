"""Stability: a pair blocks an assignment when both would rather be together, reading the pair's
score as both sides' preference. The student gains when unmatched (and their university has room)
or matched to a lower score; the mentor gains when they have a free place or a mentee with a lower
score. Pinned pairs are the coordinator's and are left out on both sides.

The "stable" mode is deferred acceptance with capacities. Scores are common to both sides, so the
pairs have one strict ranking (score, then student order, then mentor order) and deferred
acceptance has a single outcome: the pairs taken best first while places and quotas last (the
global greedy). The engine computes it that way; the tests check it against deferred acceptance.
It has no blocking pair: when the greedy passes a pair by, the student already has a pair scoring
at least as much, or the mentor is full of such pairs, or the university's quota is used."""

import numpy as np

BLOCKING_SHOWN = 20


def _mentee_floor(chosen, table, n_mentors):
    """Per mentor, the lowest score among their (flow) mentees; a large number for none."""
    floor = np.full(n_mentors, np.iinfo(np.int32).max, np.int64)
    matched = np.flatnonzero(chosen >= 0)
    np.minimum.at(floor, chosen[matched], table[matched, chosen[matched]].astype(np.int64))
    return floor


def blocking(*, chosen, table, arc_s, arc_m, mentor_caps, student_uni, uni_caps):
    """Indices into the arcs of every blocking pair, best score first. `chosen` holds the flow's
    students only (pins apart); mentor_caps and uni_caps are the places left beside the pins."""
    n_m = table.shape[1]
    score = table[arc_s, arc_m].astype(np.int64)
    current = chosen[arc_s]
    own = np.where(current >= 0, table[arc_s, np.maximum(current, 0)], -1).astype(np.int64)
    matched_per_uni = np.bincount(student_uni[chosen >= 0], minlength=len(uni_caps))
    room = matched_per_uni < uni_caps
    student_gains = np.where(current >= 0, score > own, room[student_uni[arc_s]])
    load = np.bincount(chosen[chosen >= 0], minlength=n_m)
    free = load < mentor_caps
    mentor_gains = free[arc_m] | (score > _mentee_floor(chosen, table, n_m)[arc_m])
    hits = np.flatnonzero(student_gains & mentor_gains & (current != arc_m))
    return hits[np.argsort(-score[hits], kind="stable")]


def figures(pair_scores, n_blocking):
    return {
        "matched": len(pair_scores),
        "total": round(float(np.sum(pair_scores)), 2),
        "lowest": float(np.min(pair_scores)) if len(pair_scores) else 0.0,
        "blocking": int(n_blocking),
    }
