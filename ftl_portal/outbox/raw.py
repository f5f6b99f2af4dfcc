"""The bytes of an outbox message as Django's SMTP backend would send them, built without Django's
per-message MIME objects (which cost about a millisecond a message, most of it in the stdlib
generator). Used by the batch path: bulk senders deliver thousands of messages a minute.

Every header is encoded by Django's own `forbid_multi_line_headers` and folded by the same compat32
policy the generator uses, in the same order; the parts, boundary and line endings follow the
generator. The result is byte for byte what `build_email(message).message().as_bytes()` gives for the
same Date and boundary (tests/outbox/test_raw_message.py proves it). Anything this does not cover
(attachments, lines too long for 8bit, headers that override From/To/Cc/Reply-To/Date) returns None
and the caller builds it with Django.
"""

import random
import re
import sys
from email import generator
from email.policy import compat32
from email.utils import formatdate
from functools import lru_cache

from django.conf import settings
from django.core.mail.message import RFC5322_EMAIL_LINE_LENGTH_LIMIT, forbid_multi_line_headers, sanitize_address

POLICY = compat32.clone(linesep="\r\n")
NL = b"\r\n"
NEWLINES = re.compile(r"\r\n|\r|\n")
OVERRIDDEN_HEADERS = {"from", "to", "cc", "reply-to", "date"}
MAX_HEADER_LINE = 78  # compat32's max_line_length: a shorter header line is never folded
PLAIN_VALUE = re.compile(r"[\x21-\x7e]+(?: [\x21-\x7e]+)*")
DOT_ATOM_ADDRESS = re.compile(r"[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")


def _header(name, value, encoding):
    """One header line as the generator writes it. A short printable-ASCII value comes out as it
    went in (nothing to encode or fold), so only long or non-ASCII values pay for the stdlib."""
    if PLAIN_VALUE.fullmatch(value):
        if len(name) + 2 + len(value) <= MAX_HEADER_LINE:
            return f"{name}: {value}\r\n".encode("ascii")
        if " " not in value and name.lower() != "subject":
            # One long word (an unsubscribe URL) cannot be split: the stdlib moves it to a
            # continuation line of its own.
            return f"{name}: \r\n {value}\r\n".encode("ascii")
    return _folded_header(name, value, encoding)


@lru_cache(maxsize=1024)
def _folded_header(name, value, encoding):
    # Cached: most long headers (From, a subject without merge fields) repeat across a campaign.
    return POLICY.fold_binary(*forbid_multi_line_headers(name, value, encoding))


@lru_cache(maxsize=16)
def _sanitized(address, encoding):
    return sanitize_address(address, encoding)


def _recipient(address, encoding):
    """sanitize_address() returns a plain dot-atom address unchanged; only others need its parser."""
    return address if DOT_ATOM_ADDRESS.fullmatch(address) else sanitize_address(address, encoding)


def _boundary(text):
    """A boundary of the generator's form; the generator's own search (a fresh regex each call, the
    costliest step of all) only runs in the unlikely case that the text contains the candidate."""
    boundary = "=" * 15 + f"{random.randrange(sys.maxsize):019d}" + "=="
    if b"--" + boundary.encode("ascii") in text:
        return generator.BytesGenerator._make_boundary(text)
    return boundary


def _text_part(text, subtype, encoding):
    """Headers and body of a SafeMIMEText with the default utf-8 charset, or None when Django would
    switch to quoted-printable (a line longer than RFC 5322 allows)."""
    if any(len(line.encode()) > RFC5322_EMAIL_LINE_LENGTH_LIMIT for line in text.splitlines()):
        return None
    transfer = "7bit" if text.isascii() else "8bit"
    head = (
        _header("Content-Type", f'text/{subtype}; charset="{encoding}"', encoding)
        + _header("MIME-Version", "1.0", encoding)
        + _header("Content-Transfer-Encoding", transfer, encoding)
    )
    lines = NEWLINES.split(text)
    body = "\r\n".join(lines)
    return head, body.encode(encoding)


def envelope(message):
    """(from, [to]) as Django's SMTP backend sanitises them for the SMTP dialogue."""
    encoding = settings.DEFAULT_CHARSET
    return _sanitized(message.from_email, encoding), [_recipient(message.to, encoding)]


def message_bytes(message, extra_headers, *, date=None, boundary=None):
    """The wire bytes of `message` with `extra_headers` (Message-ID first, then the row's own), or
    None when Django must build it. `date` and `boundary` are fixed only by tests."""
    encoding = settings.DEFAULT_CHARSET
    if encoding.lower() != "utf-8" or message.attachments:
        return None
    if any(name.lower() in OVERRIDDEN_HEADERS for name in extra_headers):
        return None
    if message.body_html and not message.body_text:
        return None
    text = _text_part(message.body_text, "plain", encoding)
    if text is None:
        return None
    if message.body_html:
        html = _text_part(message.body_html, "html", encoding)
        if html is None:
            return None
        parts = [head + NL + body for head, body in (text, html)]
        if boundary is None:
            boundary = _boundary(NL.join(parts))
        top = _header("Content-Type", f'multipart/alternative; boundary="{boundary}"', encoding) + _header(
            "MIME-Version", "1.0", encoding
        )
        separator = b"--" + boundary.encode("ascii")
        payload = separator + NL + (NL + separator + NL).join(parts) + NL + separator + b"--" + NL
    else:
        top, payload = text
    headers = [
        top,
        _header("Subject", message.subject, encoding),
        _header("From", message.from_email, encoding),
        _header("To", message.to, encoding),
        _header("Date", date or formatdate(localtime=settings.EMAIL_USE_LOCALTIME), encoding),
    ]
    headers += [_header(name, value, encoding) for name, value in extra_headers.items()]
    return b"".join(headers) + NL + payload
