"""Scores and hard rules, vectorised over aligned (student, mentor) index arrays so the whole
candidate matrix and a single pair are scored by the same code."""

from dataclasses import dataclass

import numpy as np

from .types import CRITERIA, EITHER, IN_PERSON, ONLINE

MODE_BITS = {ONLINE: 1, IN_PERSON: 2, EITHER: 3}
# The mentor seniority (1 early career … 4 executive) that suits each level of study best.
DESIRED_SENIORITY = {"htq": 2, "ug": 2, "pgt": 3, "pgr": 3, "ecr": 4}
SENIORITY_NAMES = {1: "early-career", 2: "mid-career", 3: "senior", 4: "executive"}

# Hard rules in the order they are checked; a removed pair is charged to the first it breaks.
RULES = ("student_avoids", "university_excluded", "person_excluded", "mode", "region", "availability")
PASS = len(RULES)


class Vocabulary:
    """One bit per distinct key (pathway, time slot, region, sector, university), in as many 64-bit
    words as the keys need: a set of keys is a row of words, so any number of values is allowed."""

    def __init__(self, key_sets):
        self.index = {}
        for keys in key_sets:
            for key in keys:
                self.index.setdefault(key, len(self.index))
        self.words = max(1, -(-len(self.index) // 64))

    def masks(self, key_sets):
        out = np.zeros((len(key_sets), self.words), np.uint64)
        for row, keys in enumerate(key_sets):
            for key in keys:
                k = self.index[key]
                out[row, k // 64] |= np.uint64(1 << (k % 64))
        return out


@dataclass
class Encoded:
    students: dict  # name -> array over students (bit sets: students × words)
    mentors: dict  # name -> array over mentors
    avoid_pairs: set  # (student index, mentor index) a student or mentor ruled out by name


def _vocabularies(students, mentors):
    fields = {
        "pathways": [x.pathways for x in students] + [x.pathways for x in mentors],
        "times": [x.times for x in students] + [x.times for x in mentors],
        "regions": [x.regions for x in students] + [x.regions for x in mentors],
        "sectors": [x.sectors for x in students] + [(x.sector,) if x.sector else () for x in mentors],
        "universities": [(x.university,) for x in students] + [x.excluded_universities for x in mentors],
    }
    return {name: Vocabulary(key_sets) for name, key_sets in fields.items()}


def encode(students, mentors):
    vocab = _vocabularies(students, mentors)
    mentor_index = {m.id: j for j, m in enumerate(mentors)}
    student_index = {s.id: i for i, s in enumerate(students)}

    def arr(values):
        return np.fromiter(values, dtype=np.int64, count=-1)

    s = {
        "pathways": vocab["pathways"].masks([x.pathways for x in students]),
        "n_pathways": arr(len(set(x.pathways)) for x in students),
        "times": vocab["times"].masks([x.times for x in students]),
        "regions": vocab["regions"].masks([x.regions for x in students]),
        "sectors": vocab["sectors"].masks([x.sectors for x in students]),
        "university": vocab["universities"].masks([(x.university,) for x in students]),
        "mode": arr(MODE_BITS[x.mode] for x in students),
        "seniority": arr(DESIRED_SENIORITY.get(x.level, 3) for x in students),
    }
    m = {
        "pathways": vocab["pathways"].masks([x.pathways for x in mentors]),
        "times": vocab["times"].masks([x.times for x in mentors]),
        "regions": vocab["regions"].masks([x.regions for x in mentors]),
        "sector": vocab["sectors"].masks([(x.sector,) if x.sector else () for x in mentors]),
        "excluded_universities": vocab["universities"].masks([x.excluded_universities for x in mentors]),
        "mode": arr(MODE_BITS[x.mode] for x in mentors),
        "seniority": arr(x.seniority for x in mentors),
    }
    avoid = set()
    for i, x in enumerate(students):
        avoid.update((i, mentor_index[mid], 0) for mid in x.avoid_mentors if mid in mentor_index)
    for j, x in enumerate(mentors):
        avoid.update((student_index[sid], j, 1) for sid in x.excluded_people if sid in student_index)
    return Encoded(s, m, avoid)


def _count(bits):
    return np.bitwise_count(bits).sum(axis=-1, dtype=np.int64)


def _meet(a, b):
    return (a & b).any(axis=-1)


def _broken(enc, si, mi):
    """(rule index, boolean array over the pairs) for each hard rule."""
    s, m = enc.students, enc.mentors
    common_mode = s["mode"][si] & m["mode"][mi]
    checks = [
        (1, _meet(s["university"][si], m["excluded_universities"][mi])),
        (3, common_mode == 0),
        (4, (common_mode == MODE_BITS[IN_PERSON]) & ~_meet(s["regions"][si], m["regions"][mi])),
        (5, ~_meet(s["times"][si], m["times"][mi])),
    ]
    if enc.avoid_pairs:
        n_m = len(m["mode"])
        keys = si.astype(np.int64) * n_m + mi
        for by, rule in ((1, 2), (0, 0)):
            avoid = np.fromiter((i * n_m + j for i, j, who in enc.avoid_pairs if who == by), dtype=np.int64)
            if avoid.size:
                checks.append((rule, np.isin(keys, avoid)))
    return checks


def first_broken_rule(enc, si, mi):
    """For aligned index arrays, the index in RULES of the first hard rule each pair breaks (PASS if none)."""
    code = np.full(si.shape, PASS, dtype=np.int8)
    # Later rules first, so the earliest broken rule is the one written last.
    for rule, broken in sorted(_broken(enc, si, mi), key=lambda c: -c[0]):
        code[broken] = rule
    return code


def broken_rules(enc, si, mi):
    """Every hard rule each pair breaks: a boolean array, pairs × len(RULES)."""
    out = np.zeros((len(si), PASS), bool)
    for rule, broken in _broken(enc, si, mi):
        out[:, rule] |= broken
    return out


def criterion_fractions(enc, si, mi):
    """Each criterion's fit in [0, 1] for aligned index arrays."""
    s, m = enc.students, enc.mentors
    shared = _count(s["pathways"][si] & m["pathways"][mi])
    n_paths = s["n_pathways"][si]
    pathways = np.where(n_paths > 0, shared / np.maximum(n_paths, 1), 0.5)
    overlap = _count(s["times"][si] & m["times"][mi])
    availability = np.minimum(overlap, 3) / 3.0
    # A shared way of meeting suits fully: an "either" mentor is as good for an online student as an
    # online one (pairs sharing none are removed by the mode rule).
    mode = ((s["mode"][si] & m["mode"][mi]) != 0).astype(float)
    seniority = 1.0 - np.abs(s["seniority"][si] - m["seniority"][mi]) / 3.0
    sectors = s["sectors"][si]
    sector = np.where(~sectors.any(axis=-1), 0.5, _meet(sectors, m["sector"][mi]).astype(float))
    return {
        "pathways": pathways,
        "availability": availability,
        "mode": mode,
        "seniority": seniority,
        "sector": sector,
    }


def _exact_points(weights, fractions):
    w = weights.as_dict()
    total = sum(w.values())
    return {c: 100.0 * w[c] * fractions[c] / total for c in CRITERIA}


def weighted_points(weights, fractions):
    """Each criterion's points, to two decimals; they add up to the pair's score within 0.02."""
    return {c: np.round(v, 2) for c, v in _exact_points(weights, fractions).items()}


def scores(weights, fractions):
    """The pair's score out of 100, rounded once (so a perfect pair scores exactly 100, not 99.99)."""
    points = _exact_points(weights, fractions)
    return np.round(sum(points[c] for c in CRITERIA), 2)


def _names(keys, labels):
    return ", ".join(labels.get(k, str(k).replace("_", " ")) for k in keys)


def explain(student, mentor, labels):
    """A sentence a coordinator can read: what fits in this pair, and what does not."""
    parts = []
    shared = [p for p in student.pathways if p in set(mentor.pathways)]
    if shared:
        parts.append(f"shared pathways: {_names(shared, labels)}")
    elif student.pathways:
        parts.append("no shared pathway")
    times = [t for t in student.times if t in set(mentor.times)]
    common = MODE_BITS.get(student.mode, 3) & MODE_BITS.get(mentor.mode, 3)
    how = "online" if common & 1 else "in person"
    if len(times) == 1:
        parts.append(f"only one shared slot, {_names(times, labels)} ({how})")
    elif times:
        parts.append(f"both free {_names(times[:3], labels)} ({how})")
    if common == MODE_BITS[IN_PERSON]:
        regions = [r for r in student.regions if r in set(mentor.regions)]
        if regions:
            parts.append(f"both in {_names(regions, labels)}")
    gap = abs(DESIRED_SENIORITY.get(student.level, 3) - mentor.seniority)
    fit = "fits" if gap == 0 else ("is close" if gap == 1 else "is a stretch")
    parts.append(f"seniority {fit} ({SENIORITY_NAMES.get(mentor.seniority, mentor.seniority)} mentor)")
    if mentor.sector and mentor.sector in set(student.sectors):
        parts.append(f"works in their preferred sector ({_names([mentor.sector], labels)})")
    elif student.sectors:
        parts.append("not in a sector they prefer")
    return "; ".join(parts)
