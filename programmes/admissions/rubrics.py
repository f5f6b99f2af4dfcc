"""A cohort's rubric and the score it gives: pure functions of the data, shared by reviews written
(services) and read (selectors)."""

SCORES = range(1, 6)


def rubric_of(cohort):
    """The cohort's criteria, each with a positive integer weight (a missing weight counts 1) and a
    descriptor for each score 1–5 (blank where the cohort set none)."""
    return criteria_of(cohort.rubric)


def criteria_of(rubric):
    """A stored rubric (the review's or the interview's) as criteria with positive integer weights,
    each with its five score descriptors (blank where none was set)."""
    return [
        {
            "key": c["key"],
            "label": c.get("label") or c["key"],
            "weight": max(int(c.get("weight") or 1), 1),
            "descriptors": [*(c.get("descriptors") or [])[:5], *[""] * 5][:5],
        }
        for c in rubric or []
    ]


def weighted_score(*, rubric, scores):
    total_weight = sum(c["weight"] for c in rubric)
    if not total_weight:
        return None
    return round(sum(scores[c["key"]] * c["weight"] for c in rubric) / total_weight, 3)
