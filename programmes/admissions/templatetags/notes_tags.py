from django import template

from programmes.admissions.selectors.notes import annotations

register = template.Library()


@register.inclusion_tag("admissions/notes/_panel.html", takes_context=True)
def application_annotations(context, application):
    """The notes and tags panel of an application's review page (nothing for who may not share them)."""
    found = annotations(application=application, user=context["user"])
    return {"application": application, "annotations": found, "csrf_token": context.get("csrf_token")}
