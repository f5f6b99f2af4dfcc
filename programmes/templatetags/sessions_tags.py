from django import template

from ..selectors import sessions as selectors

register = template.Library()


@register.inclusion_tag("programmes/sessions/_student_panel.html", takes_context=True)
def student_sessions_panel(context):
    user = context["user"]
    upcoming = list(selectors.upcoming_for_student(user=user)[:6])
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "rows": [{"session": s, "booking": selectors.own_booking(s)} for s in upcoming],
        "feedback_due": list(selectors.feedback_due_for_student(user=user)[:5]),
    }


@register.inclusion_tag("programmes/sessions/_coordinator_panel.html", takes_context=True)
def coordinator_sessions_panel(context):
    return {"sessions": selectors.coordinator_overview(user=context["user"])}
