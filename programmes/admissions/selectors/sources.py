"""Where applications came from, for the funnel: each share link, email campaigns, and direct.
Scoped as the funnel is: coordinators see every university (or the one chosen), staff their own."""

from django.db.models import Count, Q
from django.http import Http404

from accounts.models import Role
from accounts.permissions import require_or_404
from programmes.admissions.attribution import SHARE_LINK_PREFIX
from programmes.admissions.models import Application


def funnel_sources(*, user, cohort, university=""):
    """[{"source", "started", "submitted"}]: share links by name, then email campaigns, then the
    rest. One query."""
    require_or_404(user, "admissions.view_funnel")
    applications = Application.objects.filter(cohort=cohort)
    if user.role == Role.STAFF:
        applications = applications.filter(partner_id=user.partner_id)
    elif user.role != Role.COORDINATOR:
        raise Http404
    if university:
        applications = applications.filter(partner__slug=university)
    rows = (
        applications.values("campaign_ref")
        .annotate(started=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by()
    )
    links, campaigns, direct = {}, {"started": 0, "submitted": 0}, {"started": 0, "submitted": 0}
    for row in rows:
        ref = row["campaign_ref"]
        if ref.startswith(SHARE_LINK_PREFIX):
            links[ref.removeprefix(SHARE_LINK_PREFIX)] = row
        else:
            bucket = campaigns if ref else direct
            bucket["started"] += row["started"]
            bucket["submitted"] += row["submitted"]
    result = [
        {"source": f"Share link “{slug}”", "started": row["started"], "submitted": row["submitted"]}
        for slug, row in sorted(links.items())
    ]
    result.append({"source": "Recruitment campaign emails", **campaigns})
    result.append({"source": "Directly (no link)", **direct})
    return result
