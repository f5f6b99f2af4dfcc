"""Reads for decisions: each university's quota with its staged decisions, and the funnel."""

from django.db.models import Count, Exists, Func, IntegerField, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.permissions import may, require_or_404
from programmes.admissions.models import Application, Decision, Review, StagedDecision
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import CohortPartner, Partner

# The states that hold one of the university's places.
PLACE_HOLDING_STATES = {S.OFFERED, S.CONFIRMED}


def cohort_partners_in_scope(*, user):
    cohort_partners = CohortPartner.objects.select_related("cohort", "partner").order_by("cohort__name", "partner")
    if user.role == Role.COORDINATOR:
        return cohort_partners
    if user.role == Role.STAFF:
        return cohort_partners.filter(partner_id=user.partner_id)
    raise Http404


def cohort_partner_for(*, user, pk):
    return get_object_or_404(cohort_partners_in_scope(user=user), pk=pk)


STAGED_VALUES = (
    *("application_id", "application__cohort_id", "application__partner_id", "application__course", "decision"),
    *("staged_at", "staged_by__full_name", "staged_by__email"),
)


def decision_board(*, user):
    """Each of the user's universities in each cohort: quota, places taken, staged decisions. Three
    queries for any number of rows: the rows with their places taken, then the staged decisions as
    plain values (not model instances with their applications' answers)."""
    taken = places_taken_expression(cohort=OuterRef("cohort_id"), partner=OuterRef("partner_id"))
    cohort_partners = list(cohort_partners_in_scope(user=user).annotate(taken=taken))
    staged = StagedDecision.objects.filter(
        application__partner_id__in={cp.partner_id for cp in cohort_partners}
    ).values(*STAGED_VALUES)
    by_pair = {}
    for item in staged:
        by_pair.setdefault((item["application__cohort_id"], item["application__partner_id"]), []).append(item)
    board = []
    for cp in cohort_partners:
        board.append(
            {
                "cohort_partner": cp,
                "taken": cp.taken,
                "staged": by_pair.get((cp.cohort_id, cp.partner_id), []),
                "may_release": may(user, "admissions.release_decisions", cp),
            }
        )
    return board


FUNNEL_STAGES = [
    ("draft", "Draft"),
    ("submitted", "Submitted, not yet reviewed"),
    ("reviewed", "Reviewed, awaiting decision"),
    ("offered", "Offered"),
    ("confirmed", "Confirmed"),
    ("waitlisted", "Waitlisted"),
    ("rejected", "Not offered"),
    ("withdrawn", "Withdrawn or declined"),
]


def funnel(*, user, cohort_id=None):
    """Applications per partner at each stage, in one query. Coordinators only."""
    require_or_404(user, "admissions.view_funnel")
    applications = Application.objects.all()
    if cohort_id:
        applications = applications.filter(cohort_id=cohort_id)
    reviewed = Exists(Review.objects.filter(application=OuterRef("pk"), conflict_declared=False))
    rows = (
        applications.annotate(has_review=reviewed)
        .values("partner_id")
        .annotate(
            draft=Count("pk", filter=Q(state=S.DRAFT)),
            submitted=Count("pk", filter=Q(state=S.SUBMITTED, has_review=False)),
            reviewed=Count("pk", filter=Q(state=S.SUBMITTED, has_review=True)),
            offered=Count("pk", filter=Q(state=S.OFFERED)),
            confirmed=Count("pk", filter=Q(state=S.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(state=S.WAITLISTED)),
            rejected=Count("pk", filter=Q(state=S.REJECTED)),
            withdrawn=Count("pk", filter=Q(state__in=[S.WITHDRAWN, S.DECLINED])),
        )
        .order_by()
    )
    by_partner = {row.pop("partner_id"): row for row in rows}
    result = []
    for partner in Partner.objects.all():
        counts = by_partner.get(partner.pk, {})
        result.append({"partner": partner, "stages": [(label, counts.get(key, 0)) for key, label in FUNNEL_STAGES]})
    return result


def funnel_chart(funnel_rows, *, width=460, bar_height=18, gap=6, label_width=190):
    """Bar geometry for an inline SVG (attributes only: the CSP forbids style attributes)."""
    biggest = max((count for row in funnel_rows for _, count in row["stages"]), default=0) or 1
    charts = []
    for row in funnel_rows:
        bars = []
        for index, (label, count) in enumerate(row["stages"]):
            y = index * (bar_height + gap)
            bars.append(
                {
                    "label": label,
                    "count": count,
                    "y": y,
                    "text_y": y + bar_height - 4,
                    "width": max(round(count / biggest * (width - label_width - 40)), 1 if count else 0),
                }
            )
            bars[-1]["count_x"] = label_width + bars[-1]["width"] + 6
        height = len(bars) * (bar_height + gap)
        charts.append(
            {
                **row,
                "bars": bars,
                "height": height,
                "width": width,
                "bar_height": bar_height,
                "bar_x": label_width,
                "label_x": label_width - 8,
            }
        )
    return charts


def places_taken_expression(*, cohort, partner, excluding=None):
    """Offered + confirmed + staged offers of a cohort's university (cohort and partner: ids or
    OuterRefs), as one expression of two counts. Each walks only what it counts: the held places
    through the (cohort, partner, state) index, the staged offers from the staged decisions; a
    filtered count over all of the university's applications grew with them."""
    held = Application.objects.filter(cohort_id=cohort, partner_id=partner, state__in=PLACE_HOLDING_STATES)
    staged_offers = StagedDecision.objects.filter(
        decision=Decision.OFFER, application__cohort_id=cohort, application__partner_id=partner
    ).exclude(application__state__in=PLACE_HOLDING_STATES)
    if excluding is not None:
        staged_offers = staged_offers.exclude(application_id=excluding)
    return _count(held) + _count(staged_offers)


def _count(queryset):
    counted = queryset.order_by().annotate(n=Func("pk", function="COUNT", output_field=IntegerField())).values("n")
    return Subquery(counted[:1], output_field=IntegerField())


def places_taken(*, cohort_id, partner_id, excluding=None):
    """What counts against the university's quota in the cohort (in one query)."""
    taken = places_taken_expression(cohort=cohort_id, partner=partner_id, excluding=excluding)
    return Partner.objects.filter(pk=partner_id).annotate(taken=taken).values_list("taken", flat=True).first() or 0
