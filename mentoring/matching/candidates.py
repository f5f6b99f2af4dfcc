"""The allowed (student, mentor) arcs with their scores, and per student why the others were removed."""

from dataclasses import dataclass

import numpy as np

from .scoring import PASS, RULES, criterion_fractions, encode, first_broken_rule, scores

# Pairs scored per block: bounds the memory of the temporary arrays (about 2M × 8 bytes each).
BLOCK_PAIRS = 2_000_000


@dataclass
class Candidates:
    student: np.ndarray  # student index per allowed arc
    mentor: np.ndarray
    score: np.ndarray
    removed_by_rule: np.ndarray  # students × len(RULES)
    passed_rules: np.ndarray  # per student: mentors that break no hard rule
    forbidden: np.ndarray  # per student: of those, forbidden by the coordinator
    below_min: np.ndarray  # per student: of the rest, scoring under the minimum
    encoded: object


def _per_student(index, n):
    return np.bincount(index, minlength=n).astype(np.int64)


def build(problem, active):
    """`active` is a boolean array: students taking part in the flow (not pinned, not excluded)."""
    students, mentors = problem.students, problem.mentors
    n_s, n_m = len(students), len(mentors)
    enc = encode(students, mentors)
    student_index = {s.id: i for i, s in enumerate(students)}
    mentor_index = {m.id: j for j, m in enumerate(mentors)}
    forbid_keys = np.fromiter(
        (
            student_index[s] * n_m + mentor_index[m]
            for s, m in problem.forbids
            if s in student_index and m in mentor_index
        ),
        dtype=np.int64,
    )
    removed = np.zeros((n_s, len(RULES) + 1), dtype=np.int64)
    passed = np.zeros(n_s, dtype=np.int64)
    forbidden = np.zeros(n_s, dtype=np.int64)
    below = np.zeros(n_s, dtype=np.int64)
    parts_s, parts_m, parts_score = [], [], []
    active_idx = np.flatnonzero(active)
    block = max(1, BLOCK_PAIRS // max(n_m, 1))
    for start in range(0, len(active_idx), block):
        rows = active_idx[start : start + block]
        si = np.repeat(rows, n_m)
        mi = np.tile(np.arange(n_m, dtype=np.int64), len(rows))
        code = first_broken_rule(enc, si, mi)
        removed += np.bincount(si * (PASS + 1) + code, minlength=n_s * (PASS + 1)).reshape(n_s, PASS + 1)
        ok = code == PASS
        si, mi = si[ok], mi[ok]
        passed += _per_student(si, n_s)
        if forbid_keys.size:
            hit = np.isin(si * n_m + mi, forbid_keys)
            forbidden += _per_student(si[hit], n_s)
            si, mi = si[~hit], mi[~hit]
        score = scores(problem.weights, criterion_fractions(enc, si, mi))
        low = score < problem.rules.min_score
        below += _per_student(si[low], n_s)
        parts_s.append(si[~low])
        parts_m.append(mi[~low])
        parts_score.append(score[~low])

    def cat(parts, dtype):
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)

    return Candidates(
        student=cat(parts_s, np.int64),
        mentor=cat(parts_m, np.int64),
        score=cat(parts_score, np.float64),
        removed_by_rule=removed[:, :PASS],
        passed_rules=passed,
        forbidden=forbidden,
        below_min=below,
        encoded=enc,
    )


def score_table(cands, n_students, n_mentors):
    """Scores ×100 as a dense students × mentors int32 table; −1 where the pair is not allowed."""
    table = np.full((n_students, n_mentors), -1, np.int32)
    table[cands.student, cands.mentor] = np.rint(cands.score * 100)
    return table
