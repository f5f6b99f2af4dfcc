"""The branded HTML part: made from the text (escaped, links made clickable), the reason chosen
by the key, and kept as it is when the sender made it from the base already."""

import pytest

from ftl_portal.outbox import branding
from ftl_portal.outbox import services as outbox
from ftl_portal.outbox.models import MessageKind

pytestmark = pytest.mark.django_db


def test_text_becomes_escaped_html_with_clickable_links_and_the_reason_for_its_kind(settings):
    settings.SITE_URL = "https://ftl.example.org"
    message = outbox.queue_email(
        key="decision:7:offered",
        to="ada@example.org",
        subject="An offer",
        body="Dear <b>Ada</b> & co,\n\nSee https://ftl.example.org/dashboard/ now.",
    )
    html = message.body_html
    assert "Dear &lt;b&gt;Ada&lt;/b&gt; &amp; co," in html and "<b>Ada</b>" not in html
    assert '<a href="https://ftl.example.org/dashboard/"' in html
    assert branding.REASONS["decision"] in html
    assert message.body_text.startswith("Dear <b>Ada</b>")  # the text part is the sender's own


@pytest.mark.parametrize(
    "key, kind, reason",
    [
        ("reminder:1:60", MessageKind.SERVICE, branding.REASONS["reminder"]),
        ("something-new:1", MessageKind.SERVICE, branding.SERVICE_REASON),
        ("something-new:1", MessageKind.MARKETING, branding.MARKETING_REASON),
    ],
)
def test_the_reason_follows_the_key_and_falls_back_on_the_kind(key, kind, reason):
    assert branding.reason_for(key, kind) == reason


def test_an_html_part_made_from_the_base_is_kept_and_a_fragment_is_wrapped():
    made = branding.branded_html(key="x:1", kind=MessageKind.SERVICE, subject="S", text="t")
    assert branding.branded_html(key="x:1", kind=MessageKind.SERVICE, subject="S", text="t", html=made) == made
    wrapped = branding.branded_html(key="x:1", kind=MessageKind.SERVICE, subject="S", text="t", html="<p>Hi</p>")
    assert wrapped.startswith("<!DOCTYPE html>") and ">Hi</p>" in wrapped
