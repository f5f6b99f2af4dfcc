from django import template

from programmes.admissions.selectors.notes import page_annotations

register = template.Library()


@register.inclusion_tag("admissions/notes/_panel.html", takes_context=True)
def application_annotations(context, application):
    """The notes and tags panel of an application's review page (nothing for who may not share them),
    from the notes and tags review_page.application_page read with the application."""
    found = page_annotations(application=application, user=context["user"])
    return {"application": application, "annotations": found, "csrf_token": context.get("csrf_token")}
