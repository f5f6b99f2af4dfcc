import math

from django import template
from django.utils import timezone

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
