"""A static file's URL is worked out once per process (ftl_portal/static_files.py), and still follows
the settings it depends on. Production's hashed names: test_production_settings.py."""

import pytest
from django.core.files.storage import storages
from django.template import Context, Template
from django.test import override_settings

from ftl_portal.static_files import DevelopmentStaticFiles

pytestmark = pytest.mark.django_db

STATIC_TAG = Template("{% load static %}{% static 'css/portal.css' %}")


def test_pages_link_the_static_files_where_the_settings_put_them(client):
    page = client.get("/privacy/").content.decode()
    assert 'href="/static/css/portal.css"' in page and 'src="/static/js/portal.js"' in page
    assert STATIC_TAG.render(Context()) == "/static/css/portal.css"
    with override_settings(STATIC_URL="/assets/"):
        assert STATIC_TAG.render(Context()) == "/assets/css/portal.css"
        assert 'href="/assets/css/portal.css"' in client.get("/privacy/").content.decode()
    assert STATIC_TAG.render(Context()) == "/static/css/portal.css"


def test_a_files_url_is_worked_out_once_per_name(monkeypatch):
    storage = DevelopmentStaticFiles()
    asked = []
    monkeypatch.setattr(
        "django.core.files.storage.FileSystemStorage.url", lambda self, name: asked.append(name) or f"/x/{name}"
    )
    assert [storage.url("a b.css"), storage.url("a b.css"), storage.url("c.js")] == ["/x/a b.css"] * 2 + ["/x/c.js"]
    assert asked == ["a b.css", "c.js"]
    assert type(storages["staticfiles"]) is DevelopmentStaticFiles
