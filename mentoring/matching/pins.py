"""Pins: every conflict among them is refused at once, by name, and each pinned pair says which
of the rules it overrides (a pin is the coordinator's word, so it is kept, but never silently)."""

import numpy as np

from .scoring import PASS, RULES, broken_rules
from .types import EngineError

FORBIDDEN = "forbidden"
UNIVERSITY_QUOTA = "university_quota"
BELOW_MIN_SCORE = "below_min_score"
OVERRIDES = (*RULES, FORBIDDEN, BELOW_MIN_SCORE, UNIVERSITY_QUOTA)


def resolve(problem, student_index, mentor_index, mentor_caps):
    """{student index: mentor index} for the pins, or an EngineError listing every conflict:
    a student pinned to two or more mentors, a mentor pinned more mentees than their free places."""
    students, mentors = problem.students, problem.mentors
    wanted = {}
    for s, m in dict.fromkeys(problem.pins):
        if s in student_index and m in mentor_index:
            wanted.setdefault(student_index[s], []).append(mentor_index[m])
    conflicts = []
    for i, js in wanted.items():
        if len(js) > 1:
            names = " and ".join(mentors[j].name for j in js)
            conflicts.append(f"{students[i].name} is pinned to {len(js)} mentors ({names})")
    by_mentor = {}
    for i, js in wanted.items():
        if len(js) == 1:
            by_mentor.setdefault(js[0], []).append(i)
    for j, pinned in by_mentor.items():
        if len(pinned) > mentor_caps[j]:
            names = ", ".join(students[i].name for i in pinned)
            conflicts.append(
                f"{mentors[j].name} has {len(pinned)} pinned mentees ({names}) "
                f"but {int(mentor_caps[j])} free place{'s' if mentor_caps[j] != 1 else ''}"
            )
    if conflicts:
        raise EngineError("These pins cannot all hold: " + "; ".join(conflicts) + ". Remove or change the pins.")
    return {i: js[0] for i, js in wanted.items()}


def overrides(problem, enc, pinned, pair_scores, uni_of, universities, quotas):
    """Per pinned student index, the codes (from OVERRIDES) of the rules its pin overrides."""
    if not pinned:
        return {}
    si = np.fromiter(pinned, np.int64, len(pinned))
    mi = np.fromiter(pinned.values(), np.int64, len(pinned))
    broken = broken_rules(enc, si, mi)
    forbids = set(problem.forbids)
    sid = [s.id for s in problem.students]
    mid = [m.id for m in problem.mentors]
    pinned_per_uni = np.bincount(uni_of[si], minlength=len(universities))
    out = {}
    for k, (i, j) in enumerate(zip(si.tolist(), mi.tolist(), strict=True)):
        codes = [RULES[r] for r in range(PASS) if broken[k, r]]
        if (sid[i], mid[j]) in forbids:
            codes.append(FORBIDDEN)
        if pair_scores[i] < problem.rules.min_score:
            codes.append(BELOW_MIN_SCORE)
        if pinned_per_uni[uni_of[i]] > quotas[uni_of[i]]:
            codes.append(UNIVERSITY_QUOTA)
        out[i] = codes
    return out
