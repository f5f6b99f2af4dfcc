from django import template

from ..selectors.campaigns import dashboard_summary

register = template.Library()


@register.simple_tag
def campaigns_summary(user):
    return dashboard_summary(user=user)
