"""The applications funnel of one cohort, per partner university, as the reader may see it:
coordinators every university, staff their own (another's is a 404).

Two views of the same applications, so that every figure adds up:
- the stages, cumulative: each application counts in every stage it reached (a confirmed place was
  also started, submitted, reviewed and offered), with the conversion rate from the stage before;
- where each is now: one row per current state, which together add up to the applications started.
The headline totals are the stages summed over the universities shown, so they agree with the
charts. Both come from one query; the quotas from one more."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from accounts.models import Role
from accounts.permissions import require_or_404
from programmes.admissions.models import Application, ApplicationEvent, Review
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import Cohort, CohortPartner, CohortStatus

DECIDED_STATES = [S.OFFERED, S.WAITLISTED, S.REJECTED, S.CONFIRMED, S.DECLINED]

# (key, label, who counts): cumulative, so each stage is part of the one before.
STAGES = [
    ("started", "Started", Q()),
    ("submitted", "Submitted", Q(submitted_at__isnull=False) | Q(state__in=[S.SUBMITTED, *DECIDED_STATES])),
    (
        "reviewed",
        "Reviewed",
        Q(has_review=True) | Q(decided_at__isnull=False) | Q(state__in=DECIDED_STATES) | Q(was_offered=True),
    ),
    ("offered", "Offered a place", Q(state__in=[S.OFFERED, S.CONFIRMED, S.DECLINED]) | Q(was_offered=True)),
    ("confirmed", "Place confirmed", Q(state=S.CONFIRMED)),
]

# (key, label, who counts): one row per application, so these add up to "started".
NOW = [
    ("draft", "Draft, not submitted", Q(state=S.DRAFT)),
    ("awaiting_review", "Submitted, not yet reviewed", Q(state=S.SUBMITTED, has_review=False)),
    ("awaiting_decision", "Reviewed, awaiting decision", Q(state=S.SUBMITTED, has_review=True)),
    ("offered_now", "Offered, awaiting a reply", Q(state=S.OFFERED)),
    ("confirmed_now", "Place confirmed", Q(state=S.CONFIRMED)),
    ("waitlisted", "Waitlisted", Q(state=S.WAITLISTED)),
    ("rejected", "Not offered", Q(state=S.REJECTED)),
    ("declined", "Offer declined", Q(state=S.DECLINED)),
    ("withdrawn", "Withdrawn", Q(state=S.WITHDRAWN)),
]


@dataclass
class Stage:
    label: str
    count: int
    rate: int | None = None  # percent of the stage before; None for the first or after a zero


@dataclass
class UniversityFunnel:
    partner: object
    quota: int
    stages: list
    now: list  # (label, count)


def _rate(part, whole):
    return round(100 * part / whole) if whole else None


def _stages(counts):
    stages, before = [], None
    for key, label, _ in STAGES:
        stages.append(Stage(label, counts.get(key, 0), None if before is None else _rate(counts.get(key, 0), before)))
        before = counts.get(key, 0)
    return stages


def funnel_cohorts(*, user):
    """The cohorts the reader may see a funnel of, newest first: staff only their university's."""
    require_or_404(user, "admissions.view_funnel")
    cohorts = Cohort.objects.order_by("-applications_open_at", "-pk")
    if user.role == Role.STAFF:
        cohorts = cohorts.filter(cohort_partners__partner_id=user.partner_id)
    return list(cohorts)


def default_cohort(cohorts):
    """The current cohort: the newest open or running one, else the newest."""
    live = [c for c in cohorts if c.status in (CohortStatus.OPEN, CohortStatus.RUNNING)]
    return (live or cohorts or [None])[0]


def chosen_cohort(*, cohorts, cohort_id):
    """The cohort asked for (a 404 if it is not one of the reader's), or the current one."""
    if cohort_id in (None, ""):
        return default_cohort(cohorts)
    chosen = next((c for c in cohorts if str(c.pk) == str(cohort_id)), None)
    if chosen is None:
        raise Http404
    return chosen


def funnel(*, user, cohort, university=""):
    """Each of the reader's universities in `cohort` (or the one whose slug is `university`): its
    quota, its stages and where its applications are now."""
    require_or_404(user, "admissions.view_funnel")
    seats = CohortPartner.objects.filter(cohort=cohort).select_related("partner").order_by("partner__name")
    if user.role == Role.STAFF:
        seats = seats.filter(partner_id=user.partner_id)
    elif user.role != Role.COORDINATOR:
        raise Http404
    if university:
        seats = seats.filter(partner__slug=university)
    seats = list(seats)
    if university and not seats:
        raise Http404
    has_review = Exists(Review.objects.filter(application=OuterRef("pk"), conflict_declared=False))
    was_offered = Exists(ApplicationEvent.objects.filter(application=OuterRef("pk"), to_state=S.OFFERED))
    rows = (
        Application.objects.filter(cohort=cohort, partner_id__in=[s.partner_id for s in seats])
        .annotate(has_review=has_review, was_offered=was_offered)
        .values("partner_id")
        .annotate(**{key: Count("pk", filter=q) for key, _, q in STAGES + NOW})
        .order_by()
    )
    by_partner = {row.pop("partner_id"): row for row in rows}
    return [
        UniversityFunnel(
            partner=seat.partner,
            quota=seat.quota,
            stages=_stages(by_partner.get(seat.partner_id, {})),
            now=[(label, by_partner.get(seat.partner_id, {}).get(key, 0)) for key, label, _ in NOW],
        )
        for seat in seats
    ]


def funnel_page(*, user, cohort_id=None, university=""):
    """Everything the funnel page shows: the cohort filter (the current cohort by default), each
    university's funnel with its chart, and the totals."""
    cohorts = funnel_cohorts(user=user)
    cohort = chosen_cohort(cohorts=cohorts, cohort_id=cohort_id)
    universities = funnel(user=user, cohort=cohort, university=university) if cohort else []
    return {
        "cohorts": cohorts,
        "cohort": cohort,
        "university": university,
        "charts": funnel_charts(universities),
        "totals": totals(universities),
    }


def totals(universities):
    """The stages summed over the universities shown: the page's headline figures."""
    counts = {key: sum(u.stages[i].count for u in universities) for i, (key, _, _) in enumerate(STAGES)}
    return {"stages": _stages(counts), "quota": sum(u.quota for u in universities), **counts}


def funnel_charts(universities, *, width=400, bar_height=18, gap=8, label_width=120, top=18):
    """Bar geometry for an inline SVG per university (attributes only: the CSP forbids style
    attributes), on one scale for all of them and their quotas, with the quota as a line."""
    biggest = max([s.count for u in universities for s in u.stages] + [u.quota for u in universities] + [1])
    span = width - label_width - 40

    def x_of(count):
        return label_width + round(count / biggest * span)

    charts = []
    for university in universities:
        bars = []
        for index, stage in enumerate(university.stages):
            y = top + index * (bar_height + gap)
            bar_width = max(x_of(stage.count) - label_width, 1 if stage.count else 0)
            bars.append(
                {
                    "stage": stage,
                    "y": y,
                    "text_y": y + bar_height - 5,
                    "width": bar_width,
                    "count_x": label_width + bar_width + 4,
                }
            )
        height = top + len(bars) * (bar_height + gap)
        charts.append(
            {
                "university": university,
                "bars": bars,
                "width": width,
                "height": height,
                "bar_height": bar_height,
                "bar_x": label_width,
                "label_x": label_width - 6,
                "quota_x": x_of(university.quota),
            }
        )
    return charts
