import math

from django import template
from django.urls import reverse
from django.utils import timezone

from programmes.cohorts import structured_data

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


@register.inclusion_tag("cohorts/_share_meta.html", takes_context=True)
def cohort_share_meta(context, page):
    """Open Graph tags and JSON-LD for a cohort's public page (page: selectors.public_page)."""
    cohort = page["cohort"]
    url = context["request"].build_absolute_uri(reverse("cohort_detail", args=[cohort.slug]))
    pathways = [item["pathway"] for item in page["pathways"]]
    return {
        "description": structured_data.description(cohort),
        "open_graph": structured_data.open_graph(cohort=cohort, url=url),
        "json_ld": structured_data.json_ld(
            structured_data.program(cohort=cohort, url=url, partners=page["partners"], pathways=pathways)
        ),
    }
