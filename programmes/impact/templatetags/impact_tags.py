from django import template

from programmes.impact.selectors import consent_panel

register = template.Library()

CHART_WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH = 560, 18, 6, 300


@register.inclusion_tag("impact/_bar_chart.html")
def bar_chart(rows, caption, value_heading="People", maximum=None):
    """An inline SVG of horizontal bars (attributes only: the CSP forbids style attributes), hidden
    from screen readers, with the same figures in a table beside it. rows: (label, value) pairs."""
    values = [max(value or 0, 0) for _, value in rows]  # a fall (negative change) shows as no bar
    biggest = maximum or max(values, default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 50
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        width = round(max(value or 0, 0) / biggest * span)
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "text_y": y + BAR_HEIGHT - 4,
                "width": max(width, 1 if value and value > 0 else 0),
                "value_x": LABEL_WIDTH + 8 + width + 6,
            }
        )
    return {
        "bars": bars,
        "caption": caption,
        "value_heading": value_heading,
        "width": CHART_WIDTH,
        "height": max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH,
        "bar_x": LABEL_WIDTH + 8,
    }


@register.inclusion_tag("impact/_consent_panel.html", takes_context=True)
def follow_up_consent_panel(context):
    user = context["user"]
    return {"user": user, "rows": consent_panel(user=user), "csrf_token": context.get("csrf_token")}
