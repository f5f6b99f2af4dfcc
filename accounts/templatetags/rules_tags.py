"""Templates ask the same rules as views and services: {% load rules_tags %}{% if user|may:"app.perm" %}."""

from django import template

from accounts.permissions import may as may_perm

register = template.Library()


@register.filter
def may(user, perm):
    return may_perm(user, perm)
