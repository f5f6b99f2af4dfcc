"""The most students that can be matched when university u may have at most caps[u], exactly, without a
maximum flow over every allowed pair.

A maximum flow over a subset of the arcs (each student's and each mentor's best first) is a lower bound,
and its minimum cut is the proof: the students and mentors the source still reaches in the subset's
residual network. If no left-out arc runs from a reached student to an unreached mentor, the same cut
has the same capacity over every arc, so the flow is maximum over every arc (max-flow min-cut). Otherwise
those crossing arcs (each student's best few) join the subset and the flow is solved again, the way the
min-cost flow adds arcs of negative reduced cost. The subset only grows, so a later question starts from
every arc an earlier one needed: after the balance's group questions, the subset reaches every floor
they allow."""

import numpy as np
from ortools.graph.python import max_flow

from .types import EngineError

SOURCE, SINK = 0, 1
ADDED_ARCS_PER_STUDENT = 16


def _ranges(starts, ends):
    """Every index in [starts[k], ends[k]) for all k, concatenated."""
    lengths = ends - starts
    total = int(lengths.sum())
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return np.arange(total, dtype=np.int64) + offsets


class Reach:
    """Asked with each university's cap, answers how many students can be matched at most; the arcs it
    needed for its answers are `arcs_used()`, a subset that carries every answer."""

    def __init__(self, *, n_students, student_uni, mentor_caps, arc_s, arc_m, score, first):
        order = np.argsort(arc_s, kind="stable") if len(arc_s) and (np.diff(arc_s) < 0).any() else None
        self.arc_s = arc_s if order is None else arc_s[order]
        self.arc_m = arc_m if order is None else arc_m[order]
        self.score = score if order is None else score[order]
        self.active = first.copy() if order is None else first[order]
        self.order = order
        self.starts = np.searchsorted(self.arc_s, np.arange(n_students + 1))
        self.n_s, self.n_m = n_students, len(mentor_caps)
        self.student_uni = np.asarray(student_uni, np.int64)
        self.n_u = int(np.max(self.student_uni, initial=-1)) + 1
        self.mentor_caps = np.asarray(mentor_caps, np.int64)
        self.answers = {}  # exact whatever the subset, so a repeated question is not solved again

    def arcs_used(self):
        """The arcs the questions so far needed (in the caller's arc order)."""
        if self.order is None:
            return self.active
        used = np.zeros(len(self.active), bool)
        used[self.order] = self.active
        return used

    def __call__(self, uni_caps):
        uni_caps = np.asarray(uni_caps, np.int64)
        key = tuple(uni_caps.tolist())
        if key not in self.answers:
            self.answers[key] = self._most_matched(uni_caps)
        return self.answers[key]

    def _most_matched(self, uni_caps):
        while True:
            matched = self._max_flow(uni_caps)
            crossing = self._crossing_arcs(matched, uni_caps)
            if crossing is None:
                return int((matched >= 0).sum())
            self.active[crossing] = True

    def _max_flow(self, uni_caps):
        """The mentor index per student (−1 unmatched) in a maximum flow over the subset's arcs."""
        n_u, n_s = self.n_u, self.n_s
        uni0, stu0 = 2, 2 + n_u
        men0 = stu0 + n_s
        subset = np.flatnonzero(self.active)
        graph = max_flow.SimpleMaxFlow()
        for tails, heads, caps in (
            (np.zeros(n_u, np.int64), uni0 + np.arange(n_u), uni_caps),
            (uni0 + self.student_uni, stu0 + np.arange(n_s), np.ones(n_s, np.int64)),
            (stu0 + self.arc_s[subset], men0 + self.arc_m[subset], np.ones(len(subset), np.int64)),
            (men0 + np.arange(self.n_m), np.ones(self.n_m, np.int64), self.mentor_caps),
        ):
            graph.add_arcs_with_capacity(tails, heads, caps)
        if graph.solve(SOURCE, SINK) != graph.OPTIMAL:
            raise EngineError("the maximum-flow solver stopped without an answer")
        first = n_u + n_s
        flow = graph.flows(np.arange(first, first + len(subset)))
        matched = np.full(n_s, -1, np.int64)
        used = subset[flow > 0]
        matched[self.arc_s[used]] = self.arc_m[used]
        return matched

    def _crossing_arcs(self, matched, uni_caps):
        """The arcs left out that cross the subset's minimum cut, each student's best first, or None when
        none do: then the cut's capacity over every arc equals the flow, which is therefore maximum."""
        reached_s, reached_m = self._source_side(matched, uni_caps)
        # A mentor without places is a dead end: on the source side it changes no cut's capacity.
        crossing = ~self.active & reached_s[self.arc_s] & ~reached_m[self.arc_m] & (self.mentor_caps[self.arc_m] > 0)
        arcs = np.flatnonzero(crossing)
        if not len(arcs):
            return None
        order = arcs[np.lexsort((-self.score[arcs], self.arc_s[arcs]))]
        first = np.searchsorted(self.arc_s[order], self.arc_s[order], side="left")
        return order[np.arange(len(order)) - first < ADDED_ARCS_PER_STUDENT]

    def _source_side(self, matched, uni_caps):
        """Students and mentors the source reaches in the subset's residual network (breadth first)."""
        n_s, n_m = self.n_s, self.n_m
        is_matched = matched >= 0
        per_uni = np.bincount(self.student_uni[is_matched], minlength=self.n_u)
        mentees = np.argsort(np.where(is_matched, matched, n_m), kind="stable")[: int(is_matched.sum())]
        mentee_starts = np.searchsorted(matched[mentees], np.arange(n_m + 1))
        subset = np.flatnonzero(self.active)
        subset_starts = np.searchsorted(self.arc_s[subset], np.arange(n_s + 1))
        reached_s, reached_m = np.zeros(n_s, bool), np.zeros(n_m, bool)
        reached_u = per_uni < uni_caps
        new_unis = np.flatnonzero(reached_u)
        frontier = np.zeros(0, np.int64)
        while True:
            if len(new_unis):
                joined = np.flatnonzero(np.isin(self.student_uni, new_unis) & ~is_matched & ~reached_s)
                reached_s[joined] = True
                frontier = np.union1d(frontier, joined)
            if not len(frontier):
                return reached_s, reached_m
            arcs = subset[_ranges(subset_starts[frontier], subset_starts[frontier + 1])]
            mentors = np.unique(self.arc_m[arcs[matched[self.arc_s[arcs]] != self.arc_m[arcs]]])
            mentors = mentors[~reached_m[mentors]]
            reached_m[mentors] = True
            back = mentees[_ranges(mentee_starts[mentors], mentee_starts[mentors + 1])]
            frontier = back[~reached_s[back]]
            reached_s[frontier] = True
            unis = np.unique(self.student_uni[frontier])
            new_unis = unis[~reached_u[unis]]
            reached_u[new_unis] = True
