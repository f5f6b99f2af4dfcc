"""Calibration: how each reviewer scores against the others on the same applications, and where
reviewers disagree."""

import statistics

from programmes.admissions.models import Review
from programmes.admissions.selectors.reviews import applications_in_scope

DISAGREEMENT_POINTS = 2


def calibration(*, user, cohort_id=None):
    """Per reviewer: reviews, average, spread (standard deviation), the others' average on the same
    applications and the difference. Applications whose reviewers differ by 2 points or more on
    the weighted score or on any one criterion are flagged."""
    applications = applications_in_scope(user=user)
    if cohort_id:
        applications = applications.filter(cohort_id=cohort_id)
    reviews = list(
        Review.objects.filter(application__in=applications, conflict_declared=False, weighted_score__isnull=False)
        .select_related("reviewer")
        .only("application_id", "reviewer__full_name", "reviewer__email", "weighted_score", "scores")
    )
    by_application = {}
    for review in reviews:
        by_application.setdefault(review.application_id, []).append(review)

    reviewers = {}
    for review in reviews:
        entry = reviewers.setdefault(review.reviewer_id, {"reviewer": review.reviewer, "own": [], "others": []})
        entry["own"].append(review.weighted_score)
        entry["others"].extend(
            r.weighted_score for r in by_application[review.application_id] if r.reviewer_id != review.reviewer_id
        )
    rows = []
    for entry in reviewers.values():
        own, others = entry["own"], entry["others"]
        mean = statistics.fmean(own)
        others_mean = statistics.fmean(others) if others else None
        rows.append(
            {
                "reviewer": entry["reviewer"],
                "count": len(own),
                "mean": round(mean, 2),
                "spread": round(statistics.pstdev(own), 2),
                "others_mean": round(others_mean, 2) if others_mean is not None else None,
                "difference": round(mean - others_mean, 2) if others_mean is not None else None,
            }
        )
    rows.sort(key=lambda r: str(r["reviewer"]).lower())

    flagged = []
    for application_id, group in by_application.items():
        if len(group) < 2:
            continue
        gap = _largest_gap(group)
        if gap >= DISAGREEMENT_POINTS:
            flagged.append({"application_id": application_id, "gap": round(gap, 2), "count": len(group)})
    flagged.sort(key=lambda f: (-f["gap"], f["application_id"]))
    return {"reviewers": rows, "flagged": flagged}


def _largest_gap(reviews):
    weighted = [r.weighted_score for r in reviews]
    gap = max(weighted) - min(weighted)
    for key in set().union(*(r.scores.keys() for r in reviews)):
        values = [r.scores[key] for r in reviews if key in r.scores]
        if len(values) >= 2:
            gap = max(gap, max(values) - min(values))
    return gap
