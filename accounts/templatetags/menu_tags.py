"""The main menu ({% main_menu %}), rendered once per process for each set of answers it asks.

Every page shows the menu, and rendering it asked fifteen permissions through the template engine,
ran seven includes and reversed a dozen URLs: 0.9 ms of a 10 ms review-queue page. What it shows
depends only on whether the reader is signed in, a student or a mentor, and on the permissions its
templates ask (`user|may:"..."`). So the HTML is kept per combination of those answers, of which a
process meets a handful. The permissions are read from the menu's own templates, so a link added
with a new permission is part of the key without anyone listing it; tests/accounts/test_menu.py keeps
the templates from reading anything else about the reader. With DEBUG on, it renders every time, so
an edited template shows at once."""

import re
from functools import cache
from pathlib import Path

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from accounts.permissions import may

register = template.Library()

MENU = "nav/menu.html"
MENU_DIR = Path(settings.BASE_DIR) / "templates" / "nav"
ASKED = re.compile(r'user\|may:"([\w.]+)"')

_rendered = {}


@cache
def menu_permissions():
    """Every permission the menu's templates ask, sorted."""
    found = set()
    for path in MENU_DIR.glob("*.html"):
        found.update(ASKED.findall(path.read_text()))
    return tuple(sorted(found))


def menu_key(user):
    """Everything the menu depends on: the reader's kind and the answers to its permissions."""
    if not user.is_authenticated:
        return (False,)
    return (True, user.is_student, user.is_mentor, *(may(user, perm) for perm in menu_permissions()))


@register.simple_tag(takes_context=True)
def main_menu(context):
    user = context["user"]
    key = menu_key(user)
    html = None if settings.DEBUG else _rendered.get(key)
    if html is None:
        html = _rendered[key] = render_to_string(MENU, {"user": user})
    return mark_safe(html)  # noqa: S308 - the template engine's own output, escaped as it rendered
