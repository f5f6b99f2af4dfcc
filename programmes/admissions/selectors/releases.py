"""Reads for the decision board and the release confirmation: each staged decision with the
applicant as the reader may see them (name, or "Applicant #42" in a blind pass), their university,
the decision and the review score, in a fixed number of queries whatever the number staged."""

from accounts.permissions import may
from ftl_portal.confirmation import fingerprint
from programmes.admissions import read_cache
from programmes.admissions.models import StagedDecision
from programmes.admissions.selectors.decisions import cohort_partners_in_scope, places_taken_in_scope
from programmes.admissions.selectors.reviews import attach_review_figures

# What the board shows of each staged decision: the wide rows (the answers, the cohort's rubric and
# texts) cost more to load than the rest of the page.
BOARD_FIELDS = (
    *("decision", "staged_at", "staged_by__full_name", "staged_by__email", "application__state"),
    *("application__cohort__blind_first_review", "application__partner__name", "application__partner__short_name"),
    *("application__student__full_name", "application__student__email"),
)


def _staged(**filters):
    return (
        StagedDecision.objects.filter(**filters)
        .select_related("application__student", "application__cohort", "application__partner", "staged_by")
        .order_by("decision", "application__student__full_name", "application_id")
    )


def staged_for(*, cohort_partner):
    """One university's staged decisions in one cohort, in the order release shows them."""
    return _staged(application__cohort_id=cohort_partner.cohort_id, application__partner_id=cohort_partner.partner_id)


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
    if application.show_name:
        return application.student.full_name or application.student.email
    return f"Applicant #{application.pk}"


def score_label(application):
    if not application.show_scores:
        return "Not shown until you review"
    if application.mean_score is None:
        return "No scores yet"
    return f"{application.mean_score:.2f} ({application.review_count})"


def decision_board(*, user):
    """Each of the user's universities in each cohort: quota, places taken, staged decisions."""
    cohort_partners = list(cohort_partners_in_scope(user=user))
    taken = places_taken_in_scope(cohort_partners=cohort_partners, scope=read_cache.university_scope(user))
    staged = _staged(application__partner_id__in={cp.partner_id for cp in cohort_partners}).only(*BOARD_FIELDS)
    staged = with_figures(staged, user=user)
    by_pair = {}
    for item in staged:
        item.applicant, item.score = applicant_label(item.application), score_label(item.application)
        by_pair.setdefault((item.application.cohort_id, item.application.partner_id), []).append(item)
    return [
        {
            "cohort_partner": cp,
            "taken": taken[cp.pk],
            "staged": by_pair.get((cp.cohort_id, cp.partner_id), []),
            "may_release": may(user, "admissions.release_decisions", cp),
        }
        for cp in cohort_partners
    ]
