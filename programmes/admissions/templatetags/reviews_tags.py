from django import template

from programmes.admissions.identity import applicant_of
from programmes.admissions.selectors.funnel import funnel_page
from programmes.admissions.selectors.reviews import queue_counts

register = template.Library()


@register.filter
def applicant(application):
    """{{ application|applicant }}: the name, or "Applicant #n" in a blind first review (identity.py)."""
    return applicant_of(application)


@register.inclusion_tag("admissions/reviews/_staff_panel.html")
def staff_review_panel(user):
    return {"counts": queue_counts(user=user), "user": user}


@register.inclusion_tag("admissions/reviews/_coordinator_panel.html")
def coordinator_review_panel(user):
    """The current cohort's funnel, whose headline is its charts' totals."""
    return funnel_page(user=user)
