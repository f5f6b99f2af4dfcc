"""Reads for the decision board and the release confirmation: each staged decision with the
applicant as the reader may see them (name, or "Applicant #42" in a blind pass), their university,
the decision and the review score, in a fixed number of queries whatever the number staged."""

from accounts.permissions import may
from ftl_portal.confirmation import fingerprint
from programmes.admissions import read_cache
from programmes.admissions.models import Decision
from programmes.admissions.selectors.board_rows import board_rows, staged_of
from programmes.admissions.selectors.decisions import cohort_partners_in_scope, places_taken_in_scope
from programmes.admissions.selectors.reviews import attach_review_figures, reader_of

DECISION_LABELS = dict(Decision.choices)


def staged_for(*, cohort_partner):
    """One university's staged decisions in one cohort, in the order release shows them."""
    return staged_of(application__cohort_id=cohort_partner.cohort_id, application__partner_id=cohort_partner.partner_id)


def release_items(staged):
    """What a release would do, as its confirmation fingerprints it: which application gets which
    decision."""
    return [(item.application_id, item.decision) for item in staged]


def release_audience(staged):
    return fingerprint(release_items(staged))


def with_figures(staged, *, user):
    """The staged decisions with their applications' review figures (show_name, show_scores,
    mean_score), in one more query."""
    staged = list(staged)
    attach_review_figures(applications=[item.application for item in staged], user=user)
    return staged


def applicant_label(application):
    student = application.student
    return _applicant(application.show_name, student.full_name, student.email, application.pk)


def _applicant(show_name, full_name, email, pk):
    return (full_name or email) if show_name else f"Applicant #{pk}"


def score_label(application):
    return _score(application.show_scores, application.mean_score, application.review_count)


def _score(show_scores, mean_score, review_count):
    if not show_scores:
        return "Not shown until you review"
    if mean_score is None:
        return "No scores yet"
    return f"{mean_score:.2f} ({review_count})"


def decision_board(*, user):
    """Each of the user's universities in each cohort: quota, places taken, and its staged
    decisions as plain rows (applicant, university, decision, score, staged_by, staged_at)."""
    cohort_partners = list(cohort_partners_in_scope(user=user))
    taken = places_taken_in_scope(cohort_partners=cohort_partners, scope=read_cache.university_scope(user))
    rows = board_rows(partner_ids={cp.partner_id for cp in cohort_partners}, reader=reader_of(user))
    by_pair = {}
    for s in rows:
        by_pair.setdefault((s["application__cohort_id"], s["application__partner_id"]), []).append(
            {
                "application_id": s["application_id"],
                "applicant": _applicant(
                    s["show_name"],
                    s["application__student__full_name"],
                    s["application__student__email"],
                    s["application_id"],
                ),
                "university": s["application__partner__short_name"] or s["application__partner__name"],
                "decision": DECISION_LABELS.get(s["decision"], s["decision"]),
                "score": _score(s["show_scores"], s["mean_score"], s["review_count"]),
                "staged_by": s["staged_by__full_name"] or s["staged_by__email"] or "",
                "staged_at": s["staged_at"],
            }
        )
    return [
        {
            "cohort_partner": cp,
            "taken": taken[cp.pk],
            "staged": by_pair.get((cp.cohort_id, cp.partner_id), []),
            "may_release": may(user, "admissions.release_decisions", cp),
        }
        for cp in cohort_partners
    ]
