"""Reads for the decision board and the release confirmation: each staged decision with the
applicant as the reader may see them (name, or "Applicant #42" in a blind pass), their university,
the decision and the review score, in a fixed number of queries whatever the number staged."""

from accounts.permissions import may
from ftl_portal.confirmation import fingerprint
from programmes.admissions import read_cache
from programmes.admissions.selectors.board_rows import board_rows, score_text, staged_of
from programmes.admissions.selectors.decisions import board_seats, places_taken_in_scope
from programmes.admissions.selectors.reviews import attach_review_figures, reader_of


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


def score_label(application):
    return score_text(application.show_scores, application.mean_score, application.review_count)


def decision_board(*, user):
    """Each of the user's universities in each cohort: quota, places taken, and its staged
    decisions as plain rows (applicant, university, decision, score, staged_by, staged_at)."""
    cohort_partners = board_seats(user=user)
    taken = places_taken_in_scope(cohort_partners=cohort_partners, scope=read_cache.university_scope(user))
    by_pair = board_rows(partner_ids={cp.partner_id for cp in cohort_partners}, reader=reader_of(user))
    return [
        {
            "cohort_partner": cp,
            "taken": taken[cp.pk],
            "staged": by_pair.get((cp.cohort_id, cp.partner_id), []),
            "may_release": may(user, "admissions.release_decisions", cp),
        }
        for cp in cohort_partners
    ]
