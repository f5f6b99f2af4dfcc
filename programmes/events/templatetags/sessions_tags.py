from django import template

from programmes.events import selectors as selectors

register = template.Library()


@register.inclusion_tag("events/_student_panel.html", takes_context=True)
def student_sessions_panel(context):
    user = context["user"]
    upcoming = list(selectors.upcoming_for_student(user=user)[:6])
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "rows": [{"session": s, "booking": selectors.own_booking(s)} for s in upcoming],
        "feedback_due": list(selectors.feedback_due_for_student(user=user)[:5]),
    }


@register.inclusion_tag("events/_coordinator_panel.html", takes_context=True)
def coordinator_sessions_panel(context):
    return {"sessions": selectors.coordinator_overview(user=context["user"])}


@register.inclusion_tag("events/_pathway_sessions.html", takes_context=True)
def pathway_sessions(context, pathway):
    """The scheduled sessions still to come on a public pathway page: what and when only."""
    return {"user": context["user"], "sessions": selectors.upcoming_on_pathway(pathway=pathway)}


@register.simple_tag
def upcoming_session_counts():
    return selectors.upcoming_counts_by_pathway()


@register.filter
def count_for(counts, pathway):
    return counts.get(pathway.pk, 0)


@register.simple_tag
def schedule_examples(cohort):
    """{kind: the cohort's first scheduled session of that kind}, for its public page."""
    return selectors.schedule_examples(cohort=cohort)


@register.filter
def example_for(examples, kind):
    return examples.get(kind)
