"""A partner university's contact person, and a cohort's contact address: found by the address alone
too, since a contact need not have an account (a request by letter from a university's office)."""

from ftl_portal.privacy import register
from programmes.cohorts.models import Cohort, Partner


def _partners_naming(email):
    return Partner.objects.filter(contact_email__iexact=email)


def _cohorts_naming(email):
    return Cohort.objects.filter(contact_email__iexact=email)


register(
    Partner,
    rows=lambda user: _partners_naming(user.email),
    rows_for_email=_partners_naming,
    export=lambda p: {"university": p.name, "contact_name": p.contact_name, "contact_email": p.contact_email},
    erase=lambda partners: partners.update(contact_name="", contact_email=""),
    why="You are named as a partner university's contact for the programme.",
    label="University contact",
)

register(
    Cohort,
    rows=lambda user: _cohorts_naming(user.email),
    rows_for_email=_cohorts_naming,
    export=lambda c: {"cohort": c.name, "contact_email": c.contact_email},
    erase=lambda cohorts: cohorts.update(contact_email=""),
    why="Your address is given as a cohort's contact on its public page.",
    label="Cohort contact",
)
