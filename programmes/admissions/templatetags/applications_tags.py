import math

from django import template
from django.utils import timezone

from programmes.admissions.selectors import applications as selectors
from programmes.admissions.services.applications import submission_deadline

register = template.Library()


@register.filter
def closes_in(deadline):
    """'closes in 12 days', 'closes within a day', 'has closed'. Whole days, counted up."""
    remaining = deadline - timezone.now()
    if remaining.total_seconds() <= 0:
        return "has closed"
    days = math.ceil(remaining.total_seconds() / 86400)
    if days <= 1:
        return "closes within a day"
    return f"closes in {days} days"


@register.inclusion_tag("admissions/applications/_student_panel.html")
def student_application_panel(user):
    applications, open_cohorts = selectors.student_applications(user=user)
    for application in applications:
        application.deadline = submission_deadline(cohort=application.cohort, student=user)
    return {"applications": applications, "open_cohorts": open_cohorts, "now": timezone.now()}
