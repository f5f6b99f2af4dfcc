from django import template

from programmes.admissions.forms.interviews import InterviewScoreForm
from programmes.admissions.selectors.interviews import interview_panel

register = template.Library()


@register.inclusion_tag("admissions/interviews/_panel.html", takes_context=True)
def application_interview(context, application):
    """The interview stage's figures and score form on an application's review page (nothing for a
    cohort that does not interview)."""
    panel = interview_panel(application=application, user=context["user"])
    form = context.get("interview_form")
    if panel and form is None:
        form = InterviewScoreForm(rubric=panel["rubric"])
    return {"application": application, "interview": panel, "form": form, "csrf_token": context.get("csrf_token")}
