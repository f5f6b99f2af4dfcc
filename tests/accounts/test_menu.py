"""The main menu is kept per set of answers it asks (accounts/templatetags/menu_tags.py): each kind
of reader still sees exactly the links a fresh render gives them, and the templates read nothing
about the reader that the key leaves out."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.template.loader import render_to_string

from accounts.templatetags import menu_tags
from programmes.admissions.models import ApplicationState
from tests.factories import (
    ApplicationFactory,
    CoordinatorFactory,
    MentorFactory,
    StaffFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

MENU = Template("{% load menu_tags %}{% main_menu %}")
# What the key holds about the reader besides the permissions.
READ_OF_THE_READER = {"user.is_authenticated", "user.is_student", "user.is_mentor"}


def menu_for(user):
    return MENU.render(Context({"user": user}))


def links(html):
    return re.findall(r">([^<>]+)</a>", html)


def readers():
    with_place = ApplicationFactory(state=ApplicationState.CONFIRMED).student
    return {
        "anonymous": AnonymousUser(),
        "student": StudentFactory(),
        "student with a place": with_place,
        "staff": StaffFactory(),
        "coordinator": CoordinatorFactory(),
        "mentor": MentorFactory(),
    }


def test_each_reader_sees_what_a_fresh_render_gives_them_once_kept(settings):
    settings.DEBUG = False
    menu_tags._rendered.clear()
    people = readers()
    for _ in range(2):  # the first round fills the store, the second reads from it
        for name, user in people.items():
            assert menu_for(user) == render_to_string(menu_tags.MENU, {"user": user}), name
    assert len(menu_tags._rendered) == len(people)  # every kind here has a menu of its own
    seen = {name: links(menu_for(user)) for name, user in people.items()}
    assert seen["anonymous"] == ["Pathways", "Apply"]
    assert "Sessions" not in seen["student"] and "Sessions" in seen["student with a place"]
    assert seen["staff"][:3] == ["Dashboard", "Review queue", "Decisions"]
    assert {"Matching", "Campaigns", "Outbox", "Calendar"} <= set(seen["coordinator"])
    assert "My mentees" in seen["mentor"] and "Review queue" not in seen["mentor"]


def test_a_change_of_answer_changes_the_menu_at_once(settings):
    settings.DEBUG = False
    menu_tags._rendered.clear()
    student = StudentFactory()
    assert "Sessions" not in links(menu_for(student))
    ApplicationFactory(student=student, state=ApplicationState.CONFIRMED)
    student._has_confirmed_place = None  # a new request reads the user afresh
    assert "Sessions" in links(menu_for(student))


def test_the_menu_templates_read_nothing_about_the_reader_outside_the_key():
    permissions = set(menu_tags.menu_permissions())
    assert {"admissions.score_applications", "admissions.take_part", "outbox.watch_outbox"} <= permissions
    for path in menu_tags.MENU_DIR.glob("*.html"):
        source = path.read_text()
        asked = set(re.findall(r"user\|may:\"([\w.]+)\"", source))
        assert asked <= permissions, path.name
        read = set(re.findall(r"\buser\.\w+", source)) | set(re.findall(r"\{\{[^}]*\buser\b", source))
        assert read <= READ_OF_THE_READER, f"{path.name} reads {read - READ_OF_THE_READER}"
        assert "request" not in source, path.name


def test_every_page_shows_the_menu(client):
    client.force_login(StaffFactory())
    page = client.get("/reviews/").content.decode()
    assert 'href="/reviews/"' in page and ">Decisions</a>" in page
