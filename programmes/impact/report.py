"""The impact report's figures for one cohort, for one university or all of them. A handful of
aggregate queries whatever the cohort's size: counts and sums are conditional aggregates; only the
self-assessments (JSON answers) are read as rows, in one query, to pair start and end by participant."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery, Sum

from mentoring.models import Goal, Meeting
from programmes.admissions.attribution import SHARE_LINK_PREFIX
from programmes.admissions.models import Application, ApplicationEvent, ApplicationState
from programmes.cohorts.models import Pathway
from programmes.completion.assessment import GENERAL_ITEMS
from programmes.completion.models import AssessmentStage, Certificate, SelfAssessment
from programmes.events.models import Booking, BookingStatus, Feedback, SessionKind
from programmes.impact.models import FOLLOW_UP_MONTHS, HOME_REGIONS, Destination, FollowUpSurvey
from programmes.recruitment.models import Campaign, CampaignRecipient, ShareLink

S = ApplicationState
APPLIED_STATES = [S.SUBMITTED, S.OFFERED, S.WAITLISTED, S.REJECTED, S.CONFIRMED, S.DECLINED, S.WITHDRAWN]
OFFERED_STATES = [S.OFFERED, S.CONFIRMED, S.DECLINED]


@dataclass
class Report:
    cohort: object
    partner: object
    funnel: list
    attendance: dict
    satisfaction: dict
    mentoring: dict
    follow_up: dict
    distance: list
    campaigns: list

    @property
    def distance_changes(self):
        return [(item["label"], item["change"]) for item in self.distance]

    @property
    def response_rates(self):
        return [(f"{point['months']} months after the end", point["rate"]) for point in self.follow_up["points"]]


def _rate(part, whole):
    return round(100 * part / whole) if whole else None


def impact_report(*, cohort, partner=None):
    applications = Application.objects.filter(cohort=cohort)
    if partner is not None:
        applications = applications.filter(partner=partner)
    participants = applications.filter(state=S.CONFIRMED).values("student_id")

    # Offered: an offer in the audit trail (a withdrawal after one still counts), or a state only an offer leads to.
    was_offered = Exists(ApplicationEvent.objects.filter(application=OuterRef("pk"), to_state=S.OFFERED))
    funnel_counts = applications.annotate(was_offered=was_offered).aggregate(
        applied=Count("id", filter=Q(state__in=APPLIED_STATES)),
        offered=Count("id", filter=Q(state__in=OFFERED_STATES) | Q(was_offered=True)),
        confirmed=Count("id", filter=Q(state=S.CONFIRMED)),
    )
    # Interviews were selection, not the programme.
    programme_bookings = Booking.objects.filter(session__cohort=cohort, participant__in=participants).exclude(
        session__kind=SessionKind.INTERVIEW
    )
    bookings = programme_bookings.aggregate(
        started=Count("participant", distinct=True, filter=Q(status=BookingStatus.ATTENDED)),
        attended=Count("id", filter=Q(status=BookingStatus.ATTENDED)),
        no_show=Count("id", filter=Q(status=BookingStatus.NO_SHOW)),
    )
    completed = Certificate.objects.filter(cohort=cohort, revoked_at__isnull=True, participant__in=participants).count()
    answered = Q(answered_at__isnull=False)
    in_role = answered & Q(destination=Destination.LIFE_SCIENCES)
    surveys = FollowUpSurvey.objects.filter(cohort=cohort, participant__in=participants).aggregate(
        followed_up=Count("participant", distinct=True, filter=answered),
        in_role=Count("participant", distinct=True, filter=in_role),
        in_region=Count("participant", distinct=True, filter=in_role & Q(region__in=HOME_REGIONS)),
        **{f"sent_{m}": Count("id", filter=Q(months=m)) for m in FOLLOW_UP_MONTHS},
        **{f"answered_{m}": Count("id", filter=answered & Q(months=m)) for m in FOLLOW_UP_MONTHS},
    )
    funnel = [
        ("Applied", funnel_counts["applied"]),
        ("Offered a place", funnel_counts["offered"]),
        ("Confirmed a place", funnel_counts["confirmed"]),
        ("Started (attended a session)", bookings["started"]),
        ("Completed (certificate)", completed),
        ("Followed up (answered a survey)", surveys["followed_up"]),
        ("In a life-sciences or medtech role", surveys["in_role"]),
        ("… in the West Midlands, East Midlands or East of England", surveys["in_region"]),
    ]
    marked = bookings["attended"] + bookings["no_show"]
    feedback = Feedback.objects.filter(session__cohort=cohort, participant__in=participants).aggregate(
        mean=Avg("rating"), n=Count("id")
    )
    minutes = Meeting.objects.filter(match__cohort=cohort, match__student__in=participants).aggregate(
        total=Sum("duration_minutes"), n=Count("id")
    )
    goals = Goal.objects.filter(match__cohort=cohort, match__student__in=participants).aggregate(
        total=Count("id"), met=Count("id", filter=Q(met_at__isnull=False))
    )
    return Report(
        cohort=cohort,
        partner=partner,
        funnel=funnel,
        attendance={**bookings, "marked": marked, "rate": _rate(bookings["attended"], marked)},
        satisfaction={"mean": round(feedback["mean"], 2) if feedback["mean"] else None, "n": feedback["n"]},
        mentoring={
            "hours": round((minutes["total"] or 0) / 60, 1),
            "meetings": minutes["n"],
            "goals": goals["total"],
            "goals_met": goals["met"],
        },
        follow_up={
            "points": [
                {
                    "months": m,
                    "sent": surveys[f"sent_{m}"],
                    "answered": surveys[f"answered_{m}"],
                    "rate": _rate(surveys[f"answered_{m}"], surveys[f"sent_{m}"]),
                }
                for m in FOLLOW_UP_MONTHS
            ],
        },
        distance=distance_travelled(cohort=cohort, participants=participants),
        campaigns=applications_per_campaign(cohort=cohort, applications=applications),
    )


def _item_labels():
    labels = {item.key: item.statement for item in GENERAL_ITEMS}
    for slug, name in Pathway.objects.values_list("slug", "name"):
        labels[f"pathway:{slug}"] = f"Confidence about a career in {name}"
    return labels


def distance_travelled(*, cohort, participants):
    """Per item: mean at the start, at the end and of the change, over participants who answered
    that item at both stages (paired), with their number."""
    answers = {}
    rows = SelfAssessment.objects.filter(cohort=cohort, participant__in=participants).values_list(
        "participant_id", "stage", "answers"
    )
    for participant_id, stage, given in rows:
        answers.setdefault(participant_id, {})[stage] = given or {}
    pairs = {}
    for stages in answers.values():
        start, end = stages.get(AssessmentStage.START, {}), stages.get(AssessmentStage.END, {})
        for key in start.keys() & end.keys():
            pairs.setdefault(key, []).append((start[key], end[key]))
    labels = _item_labels()
    order = list(labels)
    result = []
    for key in sorted(pairs, key=lambda k: (order.index(k) if k in order else len(order), k)):
        n = len(pairs[key])
        mean_start = sum(s for s, _ in pairs[key]) / n
        mean_end = sum(e for _, e in pairs[key]) / n
        result.append(
            {
                "key": key,
                "label": labels.get(key, key),
                "n": n,
                "start": round(mean_start, 2),
                "end": round(mean_end, 2),
                "change": round(mean_end - mean_start, 2),
            }
        )
    return result


def applications_per_campaign(*, cohort, applications):
    """Applications that arrived by each of the cohort's campaign links (started, and submitted or later)."""
    campaign_of_ref = CampaignRecipient.objects.filter(ref=OuterRef("campaign_ref")).values("campaign_id")[:1]
    counted = (
        applications.exclude(campaign_ref="")
        .annotate(campaign_id=Subquery(campaign_of_ref))
        .values("campaign_id")
        .annotate(started=Count("id"), applied=Count("id", filter=Q(state__in=APPLIED_STATES)))
    )
    by_campaign = {row["campaign_id"]: row for row in counted}
    campaigns = Campaign.objects.filter(cohort=cohort).order_by("id").values_list("id", "name")
    rows = [
        {
            "name": name,
            "started": by_campaign.get(pk, {}).get("started", 0),
            "applied": by_campaign.get(pk, {}).get("applied", 0),
        }
        for pk, name in campaigns
    ]
    return rows + applications_per_share_link(cohort=cohort, applications=applications)


def applications_per_share_link(*, cohort, applications):
    """Applications that started from each of the cohort's share links, as campaigns are counted."""
    counted = (
        applications.filter(campaign_ref__startswith=SHARE_LINK_PREFIX)
        .values("campaign_ref")
        .annotate(started=Count("id"), applied=Count("id", filter=Q(state__in=APPLIED_STATES)))
    )
    by_source = {row["campaign_ref"]: row for row in counted}
    return [
        {
            "name": f"Share link: {link.label}",
            "started": by_source.get(link.source, {}).get("started", 0),
            "applied": by_source.get(link.source, {}).get("applied", 0),
        }
        for link in ShareLink.objects.filter(cohort=cohort).order_by("slug")
    ]
