from django import template

from programmes.recruitment.selectors import dashboard_summary

register = template.Library()


@register.simple_tag
def campaigns_summary(user):
    return dashboard_summary(user=user)
