"""A partner university's contact person, and a cohort's contact address."""

from ftl_portal.privacy import register
from programmes.cohorts.models import Cohort, Partner

register(
    Partner,
    rows=lambda user: Partner.objects.filter(contact_email__iexact=user.email),
    export=lambda p: {"university": p.name, "contact_name": p.contact_name, "contact_email": p.contact_email},
    erase=lambda partners: partners.update(contact_name="", contact_email=""),
    why="You are named as a partner university's contact for the programme.",
    label="University contact",
)

register(
    Cohort,
    rows=lambda user: Cohort.objects.filter(contact_email__iexact=user.email),
    export=lambda c: {"cohort": c.name, "contact_email": c.contact_email},
    erase=lambda cohorts: cohorts.update(contact_email=""),
    why="Your address is given as a cohort's contact on its public page.",
    label="Cohort contact",
)
