"""Each kind of email, as the code that sends it makes it: a plain-text part, an HTML part from the
branded base template that parses, styles inlined, and links that are absolute, on FTL_SITE_URL
and lead to one of the portal's pages."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from ftl_portal.outbox.models import OutboxMessage
from tests.factories_applications import private_media_fixture  # noqa: F401
from tests.outbox.email_kinds import ALLAUTH_ACCOUNT, ALLAUTH_MFA, KINDS, SENT_TOGETHER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

SITE = "https://ftl.example.org"
LINK = re.compile(r"https?://[^\s<>\"')\]]+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Links in an email that may leave the portal: an online session's join link.
EXTERNAL_HOSTS = {"meet.example.org", "teams.example.org"}


class StrictParser(HTMLParser):
    """Fails on an element closed out of order or left open; collects hrefs and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.hrefs, self.styled, self.errors = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        self.styled += "style" in attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def every_template_kind():
    root = Path(settings.BASE_DIR) / "templates" / "email"
    return {f"email/{p.relative_to(root)}".removesuffix("_subject.txt") for p in root.rglob("*_subject.txt")}


def test_the_list_of_kinds_is_complete():
    """A new email template (or allauth email) without an entry in email_kinds.KINDS fails here."""
    import allauth

    allauth_root = Path(allauth.__file__).parent / "templates"
    allauth_kinds = {
        f"{folder}/email/{p.name.removesuffix('_subject.txt')}"
        for folder in ("account", "mfa")
        for p in (allauth_root / folder / "email").glob("*_subject.txt")
    }
    assert allauth_kinds == {f"account/email/{n}" for n in ALLAUTH_ACCOUNT} | {f"mfa/email/{n}" for n in ALLAUTH_MFA}
    missing = (every_template_kind() | allauth_kinds) - set(KINDS) - set(SENT_TOGETHER)
    assert not missing, f"kinds of email with no case in tests/outbox/email_kinds.py: {sorted(missing)}"


def check_link(link, kind):
    parsed = urlparse(link)
    if parsed.scheme == "mailto":
        return
    assert parsed.scheme in ("http", "https"), f"{kind}: link {link!r} is not absolute"
    if parsed.hostname in EXTERNAL_HOSTS:
        return
    assert link.startswith(SITE + "/"), f"{kind}: link {link!r} is not on FTL_SITE_URL"
    try:
        resolve(parsed.path)
    except Resolver404:
        pytest.fail(f"{kind}: link {link!r} leads to no page")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_email_has_a_text_part_branded_html_and_working_links(kind, settings):
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "ftl_portal.outbox.backends.OutboxBackend"  # as in every environment
    KINDS[kind](SITE)
    messages = list(OutboxMessage.objects.order_by("pk"))
    assert messages, f"{kind}: nothing was queued"
    for message in messages:
        text, html = message.body_text, message.body_html
        assert text.strip(), f"{kind}: no text part"
        assert not re.search(r"\{\{|\{%|<(p|a|br|div)\b", text), f"{kind}: the text part holds markup"
        parser = StrictParser()
        parser.feed(html)
        parser.close()
        assert not parser.errors and parser.stack in ([], ["html"]), f"{kind}: HTML does not parse: {parser.errors}"
        assert html.lstrip().startswith("<!DOCTYPE html>") and "<style" not in html, f"{kind}: not from the base"
        assert parser.styled > 5, f"{kind}: styles are not inlined"
        assert "Future Talent Laboratory" in html and "You get this email because" in html, kind
        assert f'href="{SITE}/privacy/"' in html, f"{kind}: no link to the privacy notice"
        for href in parser.hrefs:
            check_link(href, kind)
        for link in LINK.findall(text):
            check_link(link.rstrip(".,;:"), kind)
