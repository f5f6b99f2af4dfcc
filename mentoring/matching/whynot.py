""" "Why not mentor X?" for any student and mentor: what the rules say about the pair, how it
scores beside the student's mentor in the run, and what forcing it (a pin) would cost the rest of
the cohort, found by solving again with the pin."""

from dataclasses import replace

import numpy as np

from .engine import solve
from .pins import BELOW_MIN_SCORE, FORBIDDEN
from .scoring import RULES, broken_rules, criterion_fractions, encode, explain, scores
from .types import EngineError


def _pair(problem, i, j):
    enc = encode(problem.students, problem.mentors)
    si, mi = np.array([i]), np.array([j])
    codes = [RULES[r] for r, hit in enumerate(broken_rules(enc, si, mi)[0]) if hit]
    score = float(scores(problem.weights, criterion_fractions(enc, si, mi))[0])
    return codes, score


def why_not(problem, *, student, mentor, run_result):
    """`run_result` is the run's Result.as_dict(); the answer is a dict of plain values."""
    i = next(k for k, s in enumerate(problem.students) if s.id == student)
    j = next(k for k, m in enumerate(problem.mentors) if m.id == mentor)
    codes, score = _pair(problem, i, j)
    if (student, mentor) in set(problem.forbids):
        codes.append(FORBIDDEN)
    if score < problem.rules.min_score:
        codes.append(BELOW_MIN_SCORE)
    before = {p["student"]: p for p in run_result.get("pairs", [])}
    mine = before.get(student)
    answer = {
        "score": score,
        "explanation": explain(problem.students[i], problem.mentors[j], problem.labels),
        "rules": codes,
        "current_mentor": mine["mentor"] if mine else None,
        "current_score": mine["score"] if mine else None,
        "in_run": bool(mine and mine["mentor"] == mentor),
    }
    if answer["in_run"]:
        return answer
    pins = tuple(p for p in problem.pins if p[0] != student) + ((student, mentor),)
    try:
        forced = solve(replace(problem, pins=pins))
    except EngineError as exc:
        answer["refused"] = str(exc)
        return answer
    after = {p.student: p.mentor for p in forced.pairs}
    summary = run_result.get("summary", {})
    answer["forced"] = {
        "total_change": round(forced.summary["total_score"] - summary.get("total_score", 0), 2),
        "matched_change": forced.summary["matched"] - summary.get("matched", 0),
        "moved": [
            {"student": s, "before": p["mentor"], "after": after[s]}
            for s, p in before.items()
            if s != student and s in after and after[s] != p["mentor"]
        ],
        "dropped": [s for s in before if s not in after],
        "added": [s for s in after if s not in before and s != student],
    }
    return answer
