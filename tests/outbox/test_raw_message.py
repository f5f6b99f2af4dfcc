"""The batch path's wire bytes are exactly Django's: the same headers in the same order, folded and
encoded alike, the same parts and line endings (only Date and the boundary are random, so both
sides get the same ones here)."""

from email.utils import formatdate
from unittest import mock

import pytest
from django.core.mail.message import sanitize_address

from ftl_portal.outbox import raw
from ftl_portal.outbox.models import OutboxMessage
from ftl_portal.outbox.services import build_email, email_headers

DATE = formatdate(1_700_000_000)
BOUNDARY = "===============1234567890123456789=="
UNSUBSCRIBE = "<https://ftl.example/unsubscribe/" + "eJyrVkrNTcxRslJKzc3XS87PS0nNK0ktLlGqBQB8ugk" * 3 + "/>"


def django_bytes(message):
    with mock.patch("django.core.mail.message.formatdate", return_value=DATE):
        built = build_email(message).message()
    if built.is_multipart():
        built.set_boundary(BOUNDARY)
    return built.as_bytes(linesep="\r\n")


def outbox_message(**fields):
    defaults = {
        "key": "campaign:7:4211",
        "from_email": "Future Talent Laboratory <ftl@medilinkmidlands.test>",
        "to": "p1@example.org",
        "subject": "Applications open for Cohort 2026",
        "body_text": "Hello Ada,\n\nApply by 3 March: https://ftl.example/r/abc\n\n--\nUnsubscribe: x\n",
        "body_html": "<p>Hello Ada,</p>\r\n<p>Apply</p>\n",
        "headers": {"List-Unsubscribe": UNSUBSCRIBE, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    }
    return OutboxMessage(**{**defaults, **fields})


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"body_html": ""},
        {"subject": "Bewerbung für Kohorte 2026 – jetzt, Zoë " + "sehr lange " * 8},
        {"body_text": "Grüße, Zoë\n\nÀ bientôt\r\n", "body_html": "<p>Grüße, Zoë</p>"},
        {"to": "zoe.o'neill+ftl@example.org", "from_email": "ftl@medilinkmidlands.test"},
        {"from_email": "Fütüre Talent Lab <ftl@medilinkmidlands.test>", "body_text": "no newline at the end"},
        {"headers": {"X-Campaign": "Zoë's campaign", "List-Unsubscribe": UNSUBSCRIBE}},
        {"body_text": "", "body_html": ""},
    ],
)
def test_raw_bytes_equal_djangos(fields):
    message = outbox_message(**fields)
    built = raw.message_bytes(message, email_headers(message), date=DATE, boundary=BOUNDARY)
    assert built == django_bytes(message)


@pytest.mark.parametrize(
    "fields",
    [
        {"body_text": "x" * 1200},  # quoted-printable: Django's job
        {"body_html": "<p>" + "y" * 1200 + "</p>"},
        {"attachments": [{"filename": "a.txt", "content": "a", "mimetype": "text/plain"}]},
        {"headers": {"Date": DATE}},
        {"body_text": "", "body_html": "<p>only html</p>"},
    ],
)
def test_what_raw_does_not_cover_is_left_to_django(fields):
    message = outbox_message(**fields)
    assert raw.message_bytes(message, email_headers(message)) is None


def test_the_envelope_is_djangos_sanitised_addresses():
    message = outbox_message(from_email="Future Talent Laboratory <ftl@medilinkmidlands.test>")
    assert raw.envelope(message) == ("Future Talent Laboratory <ftl@medilinkmidlands.test>", ["p1@example.org"])


@pytest.mark.parametrize("length", [60, 68, 69, 70, 76, 77, 78, 120, 300])
@pytest.mark.parametrize("pattern", ["word ", "a  b ", "x", "<https://a.example/u/eJy;x,y/>", " lead", "tab\t", "Zoë "])
def test_the_header_shortcuts_fold_as_the_stdlib_does(length, pattern):
    value = (pattern * length)[:length]
    for name in ("Subject", "Message-ID", "List-Unsubscribe", "X-Note"):
        assert raw._header(name, value, "utf-8") == raw._folded_header.__wrapped__(name, value, "utf-8")


@pytest.mark.parametrize(
    "address", ["p1@example.org", "zoe.o'neill+ftl@mail.example.co.uk", "a..b@example.org", "Zoë <z@example.org>"]
)
def test_the_recipient_shortcut_sanitises_as_django_does(address):
    assert raw._recipient(address, "utf-8") == sanitize_address(address, "utf-8")
