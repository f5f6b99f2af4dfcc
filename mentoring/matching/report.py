"""Turns the solver's choice into what a coordinator reads: pairs with their breakdown and
explanation, unmatched students with a reason code, alternatives and regret, summary figures."""

import numpy as np

from . import pins, stability
from .scoring import RULES, criterion_fractions, explain, scores, weighted_points
from .types import CRITERIA, Alternative, Pair, Result, Unmatched

NO_ALLOWED_MENTOR = "no_allowed_mentor"
PLACES_TAKEN = "places_taken"
BELOW_MIN_SCORE = "below_min_score"
EXCLUDED_BY_COORDINATOR = "excluded_by_coordinator"
UNIVERSITY_QUOTA = "university_quota"
ALTERNATIVES_SHOWN = 3


def _pair_points(problem, enc, si, mi):
    fractions = criterion_fractions(enc, si, mi)
    return weighted_points(problem.weights, fractions), scores(problem.weights, fractions)


def _best_mentors(table, k):
    """Per student, the k best allowed mentors (index, score), best first; −1 pads."""
    k = min(k, table.shape[1])
    if k == 0:
        return np.zeros((table.shape[0], 0), np.int64), np.zeros((table.shape[0], 0), np.int32)
    top = (
        np.argpartition(-table, k - 1, axis=1)[:, :k] if k < table.shape[1] else np.tile(np.arange(k), (len(table), 1))
    )
    scores = np.take_along_axis(table, top, axis=1)
    order = np.argsort(-scores, axis=1, kind="stable")
    top, scores = np.take_along_axis(top, order, axis=1), np.take_along_axis(scores, order, axis=1)
    return np.where(scores >= 0, top, -1), scores


def _pairs(problem, prep, chosen):
    students, mentors, enc = problem.students, problem.mentors, prep.cands.encoded
    matched_idx = np.flatnonzero(chosen >= 0)
    points, pair_scores = _pair_points(problem, enc, matched_idx, chosen[matched_idx])
    score_of = dict(zip(matched_idx.tolist(), pair_scores.tolist(), strict=True))
    overridden = pins.overrides(
        problem, enc, prep.pinned, score_of, prep.uni_of, prep.universities, np.minimum(prep.quotas, prep.n_per_uni)
    )
    pairs = []
    for k, i in enumerate(matched_idx.tolist()):
        j = int(chosen[i])
        pairs.append(
            Pair(
                student=students[i].id,
                mentor=mentors[j].id,
                score=float(pair_scores[k]),
                breakdown={c: float(points[c][k]) for c in CRITERIA},
                explanation=explain(students[i], mentors[j], problem.labels),
                pinned=i in prep.pinned,
                kept=problem.previous.get(students[i].id) == mentors[j].id,
                overrides=overridden.get(i, []),
            )
        )
    return matched_idx, pair_scores, pairs


def _alternatives(problem, prep, chosen, load, capacity, own_score):
    sid = [s.id for s in problem.students]
    mid = [m.id for m in problem.mentors]
    best_mentor, best_score = _best_mentors(prep.table, ALTERNATIVES_SHOWN + 1)
    alternatives, regret = {}, {}
    for i, (mentors_i, scores_i) in enumerate(zip(best_mentor.tolist(), best_score.tolist(), strict=True)):
        if not mentors_i or mentors_i[0] < 0:
            continue
        alternatives[sid[i]] = [
            Alternative(mentor=mid[j], score=score / 100, full=bool(load[j] >= capacity[j]))
            for j, score in zip(mentors_i, scores_i, strict=True)
            if j >= 0 and j != chosen[i]
        ][:ALTERNATIVES_SHOWN]
        regret[sid[i]] = round(max(0.0, scores_i[0] / 100 - own_score.get(i, 0.0)), 2)
    return alternatives, regret, best_mentor, best_score


def _blocking_list(problem, prep, hits):
    sid = [s.id for s in problem.students]
    mid = [m.id for m in problem.mentors]
    arc_s, arc_m = prep.cands.student[hits], prep.cands.mentor[hits]
    return [
        {"student": sid[i], "mentor": mid[j], "score": float(prep.table[i, j]) / 100}
        for i, j in zip(
            arc_s[: stability.BLOCKING_SHOWN].tolist(), arc_m[: stability.BLOCKING_SHOWN].tolist(), strict=True
        )
    ]


def build_result(*, problem, prep, chosen, baseline, blocking, balanced):
    students, mentors = problem.students, problem.mentors
    n_s = len(students)
    sid = [s.id for s in students]
    mid = [m.id for m in mentors]
    matched_idx, pair_scores, pairs = _pairs(problem, prep, chosen)
    load = np.bincount(chosen[matched_idx], minlength=len(mentors))
    # Places as the flow saw them: other cohorts' mentees taken off, huge capacities cut.
    capacity = np.array([min(max(m.capacity - m.elsewhere, 0), n_s + 1) for m in mentors], np.int64)
    mentees_of = {}
    for i in matched_idx.tolist():
        mentees_of.setdefault(int(chosen[i]), []).append(sid[i])
    own_score = dict(zip(matched_idx.tolist(), pair_scores.tolist(), strict=True))
    alternatives, regret, best_mentor, best_score = _alternatives(problem, prep, chosen, load, capacity, own_score)

    universities, uni_of = prep.universities, prep.uni_of
    uni_caps = prep.uni_caps + prep.pinned_per_uni
    matched_per_uni = np.bincount(uni_of[matched_idx], minlength=len(universities))
    unmatched = []
    for i in np.flatnonzero(chosen < 0).tolist():
        code, detail = _reason(
            i,
            problem,
            prep.cands,
            prep.excluded,
            uni_of,
            universities,
            uni_caps,
            matched_per_uni,
            best_mentor,
            best_score,
        )
        if code == PLACES_TAKEN:
            detail["mentors"] = [
                {"mentor": mid[j], "score": s, "taken_by": mentees_of.get(j, [])} for j, s in detail.pop("top")
            ]
        unmatched.append(Unmatched(student=sid[i], code=code, detail=detail))

    summary = _summary(problem, prep, pairs, pair_scores, load, capacity, matched_per_uni, baseline, blocking)
    summary["balanced"] = balanced
    return Result(pairs, unmatched, alternatives, regret, summary, timings={})


def _reason(i, problem, cands, excluded, uni_of, universities, uni_caps, matched_per_uni, best, scores):
    if i in excluded:
        return EXCLUDED_BY_COORDINATOR, {"why": "excluded from the run"}
    if cands.passed_rules[i] == 0:
        removed = {rule: int(n) for rule, n in zip(RULES, cands.removed_by_rule[i].tolist(), strict=True) if n}
        rule = max(removed, key=removed.get) if removed else "no_mentors"
        return NO_ALLOWED_MENTOR, {"rule": rule, "removed": removed}
    if cands.passed_rules[i] == cands.forbidden[i]:
        return EXCLUDED_BY_COORDINATOR, {"forbidden": int(cands.forbidden[i])}
    if cands.passed_rules[i] - cands.forbidden[i] == cands.below_min[i]:
        return BELOW_MIN_SCORE, {"min_score": problem.rules.min_score, "mentors": int(cands.below_min[i])}
    u = int(uni_of[i])
    if matched_per_uni[u] >= uni_caps[u]:
        return UNIVERSITY_QUOTA, {"university": universities[u], "places": int(uni_caps[u])}
    top = [(int(j), s / 100) for j, s in zip(best[i], scores[i], strict=True) if j >= 0][:ALTERNATIVES_SHOWN]
    return PLACES_TAKEN, {"top": top}


def _summary(problem, prep, pairs, pair_scores, load, capacity, matched_per_uni, baseline, blocking):
    mentors, n_s = problem.mentors, len(problem.students)
    stable_idx = np.flatnonzero(baseline >= 0)
    _, stable_scores = _pair_points(problem, prep.cands.encoded, stable_idx, baseline[stable_idx])
    total = round(float(pair_scores.sum()), 2)
    greedy_total = round(float(stable_scores.sum()), 2)
    summary = {
        "objective": problem.rules.objective,
        "students": n_s,
        "allowed_pairs": len(prep.cands.student),
        "matched": len(pairs),
        "total_score": total,
        "mean_score": round(total / len(pairs), 2) if pairs else 0.0,
        "min_score": float(pair_scores.min()) if pairs else 0.0,
        "per_university": {
            u: {
                "students": int(prep.n_per_uni[k]),
                "matched": int(matched_per_uni[k]),
                "rate": round(float(matched_per_uni[k]) / max(int(prep.n_per_uni[k]), 1), 4),
            }
            for k, u in enumerate(prep.universities)
        },
        "mentor_load": {
            "mentors": len(mentors),
            "places": sum(m.capacity for m in mentors),
            "elsewhere": sum(min(m.elsewhere, m.capacity) for m in mentors),
            "used": int(load.sum()),
            "full": int((load >= capacity).sum()),
            "idle": int((load == 0).sum()),
            "histogram": {str(n): int(c) for n, c in enumerate(np.bincount(load, minlength=1))},
            "spread_load": problem.rules.spread_load,
        },
        "greedy_total": greedy_total,
        "greedy_matched": len(stable_idx),
        "gain_over_greedy_pct": round(100.0 * (total - greedy_total) / greedy_total, 2) if greedy_total else 0.0,
        "comparison": {
            "this_run": stability.figures(pair_scores, len(blocking["chosen"])),
            "stable": stability.figures(stable_scores, len(blocking["stable"])),
        },
        "blocking_pairs": _blocking_list(problem, prep, blocking["chosen"]),
        "kept": sum(p.kept for p in pairs),
        "overridden_pins": sum(bool(p.overrides) for p in pairs),
    }
    return summary
