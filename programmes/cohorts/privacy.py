"""A partner university's contact person."""

from ftl_portal.privacy import register
from programmes.cohorts.models import Partner

register(
    Partner,
    rows=lambda user: Partner.objects.filter(contact_email__iexact=user.email),
    export=lambda p: {"university": p.name, "contact_name": p.contact_name, "contact_email": p.contact_email},
    erase=lambda partners: partners.update(contact_name="", contact_email=""),
    why="You are named as a partner university's contact for the programme.",
    label="University contact",
)
