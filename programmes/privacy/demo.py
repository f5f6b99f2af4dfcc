"""Demo data requests: one access request by post, due soon, and one erasure request by email for a
prospect, overdue, so the coordinators' page shows both countdowns. Idempotent (keyed on the address)."""

from datetime import timedelta

from django.utils import timezone

from programmes.privacy.models import DataRequest, RequestKind

REQUESTS = [
    ("maya.evans@warwick.ac.uk", RequestKind.ACCESS, 20, "Letter received by post; identity checked by phone."),
    ("li.wei@warwick.ac.uk", RequestKind.ERASURE, 35, "Emailed the programme inbox asking to be removed."),
]


def seed(*, coordinator):
    today = timezone.localdate()
    for email, kind, days_ago, notes in REQUESTS:
        DataRequest.objects.get_or_create(
            email=email,
            kind=kind,
            defaults={"received_on": today - timedelta(days=days_ago), "notes": notes, "created_by": coordinator},
        )
