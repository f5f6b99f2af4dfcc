"""A run's summary in the coordinator's words: how many are matched, who is not and why, how the
mentors' places are used, how this run differs from the last and from the stable mode. Solver
figures stay in the run's details."""

from collections import Counter

WHY = {
    "no_allowed_mentor": "no mentor their rules allow",
    "places_taken": "the mentors who suit them are full",
    "below_min_score": "every allowed mentor scores below the minimum",
    "excluded_by_coordinator": "a coordinator excluded them or forbade every suitable mentor",
    "university_quota": "their university's limit is reached",
}


def _n(count, word, plural=None):
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def matched(summary, partner_names):
    per = summary.get("per_university", {})
    parts = [
        f"{partner_names.get(slug, slug)} {r['matched']} of {r['students']}"
        for slug, r in sorted(per.items(), key=lambda item: partner_names.get(item[0], item[0]))
    ]
    text = f"{summary.get('matched', 0)} of {_n(summary.get('students', 0), 'student')} are matched"
    return text + (f" ({', '.join(parts)})." if len(parts) > 1 else ".")


def not_matched(unmatched):
    if not unmatched:
        return "Every student is matched."
    counts = Counter(u["code"] for u in unmatched)
    reasons = "; ".join(f"{n} because {WHY.get(code, code)}" for code, n in counts.most_common())
    return f"{_n(len(unmatched), 'student is', 'students are')} not matched: {reasons}."


def places(summary):
    load = summary.get("mentor_load", {})
    text = f"{load.get('used', 0)} of the mentors' {_n(load.get('places', 0), 'place')} are used here"
    if load.get("elsewhere"):
        text += f", {load['elsewhere']} by their mentees in other cohorts"
    idle = load.get("idle", 0)
    text += f"; {_n(idle, 'mentor has', 'mentors have')} no mentee in this run."
    if load.get("spread_load"):
        text += f" Each extra mentee cost a mentor {load['spread_load']:g} points, to spread the load."
    return text


def changes(previous_pairs, current, previous_id):
    if previous_id is None:
        return ""
    moved = sum(1 for s, m in current.items() if s in previous_pairs and previous_pairs[s] != m)
    new = sum(1 for s in current if s not in previous_pairs)
    lost = sum(1 for s in previous_pairs if s not in current)
    same = sum(1 for s, m in current.items() if previous_pairs.get(s) == m)
    if not (moved or new or lost):
        return f"Compared with run {previous_id}: no change; all {same} pairs are the same."
    parts = [f"{same} keep their mentor"]
    if moved:
        parts.append(f"{_n(moved, 'student has', 'students have')} a different mentor")
    if new:
        parts.append(f"{new} newly matched")
    if lost:
        parts.append(f"{lost} no longer matched")
    return f"Compared with run {previous_id}: " + ", ".join(parts) + "."


def stability(summary):
    """The two modes side by side, as rows of (what, this run, stable mode)."""
    comparison = summary.get("comparison")
    if not comparison:
        return []
    this, stable = comparison["this_run"], comparison["stable"]
    return [
        ("Students matched", this["matched"], stable["matched"]),
        ("Total score", f"{this['total']:,.1f}", f"{stable['total']:,.1f}"),
        ("Lowest pair score", f"{this['lowest']:.1f}", f"{stable['lowest']:.1f}"),
        ("Student and mentor who would both rather be together", this["blocking"], stable["blocking"]),
    ]
