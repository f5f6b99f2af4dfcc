"""The wire bytes of an outbox message for the batch path, built without a message object per
message: bulk senders deliver thousands of messages a minute, and the stdlib's generator is the
costliest part of building one. Only public APIs are used: the stdlib's `email.message.MIMEPart`
and `email.policy.SMTP`, and RFC 5322/2047 for the text headers.

What does not vary between messages comes from the stdlib once per process: for each shape (text
only, or text and HTML; 7bit or 8bit parts) a skeleton is generated from a `MIMEPart` whose bodies
and boundary are markers, and cut at the markers. Each message then only fills in what is its own:
the bodies (line endings made CRLF, nothing else changed), a fresh boundary, and its header lines.

Header lines:
- From, To, Date and Message-ID are parsed, encoded and folded by the SMTP policy
  (`header_store_parse`, `fold_binary`); a plain address, date or id is written as the policy
  writes it, without its parser (tests/outbox/test_raw_message.py compares the two).
- Text headers (Subject, List-Unsubscribe, X-…) are written here. The policy's folder (Python
  3.11) changes some text on the way: it drops or doubles a space next to an encoded word it folds,
  decodes a literal "=?…?=", and turns a URL longer than a line into encoded words, which mail
  clients do not read as an unsubscribe link. So printable ASCII text is folded at its own
  whitespace only, and other text (or text holding "=?") is written as UTF-8 encoded words split
  between characters; the list headers' URLs are never encoded. Either way the text reads back
  exactly as it went in.
- A CR or LF in a value, or a name that is not a field name, raises ValueError: nothing can add a
  header of its own.

Anything this does not cover returns None and the caller builds the message with Django: attachments,
a body line longer than RFC 5322 allows (it needs quoted-printable), an address that is not ASCII
(Django IDNA-encodes the domain), a header value that is not a string, and headers that would
duplicate the ones written here.
"""

import re
import secrets
from base64 import b64encode
from email.message import MIMEPart
from email.policy import SMTP
from email.utils import formatdate
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings

POLICY = SMTP  # CRLF line endings, RFC 2047 for non-ASCII header text
FOLD_AT = POLICY.max_line_length  # 78: RFC 5322's recommended line length
MAX_LINE = 998  # RFC 5322: no line of a message may be longer (CRLF not counted)
CRLF = b"\r\n"
NEWLINES = re.compile(r"\r\n|\r|\n")

# Read and written by the policy; anything else a row carries is text (an unstructured header).
STRUCTURED_HEADERS = {"from", "to", "date", "message-id"}
# The RFC 2369 list headers hold URLs, which are never encoded words.
LIST_HEADERS = {"list-unsubscribe", "list-subscribe", "list-help", "list-post", "list-owner", "list-archive"}
# Written here or by the skeleton, or structured headers this module leaves to Django: a row's own
# headers with one of these names go through Django.
RESERVED_HEADERS = {"from", "to", "cc", "bcc", "reply-to", "sender", "date", "subject", "mime-version", "orig-date"}
RESERVED_PREFIXES = ("content-", "resent-")

HEADER_NAME = re.compile(r"[!-9;-~]+")  # RFC 5322 field name: printable ASCII except the colon
ASCII_TEXT = re.compile(r"[ \t!-~]*")
FOLDABLE = re.compile(r"[ \t]*[^ \t]+[ \t]*$|[ \t]*[^ \t]+|[ \t]+$")  # a word and the whitespace before it
DOT_ATOM_ADDRESS = re.compile(r"[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")
MESSAGE_ID = re.compile(r"<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+>")
DATE = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}")
# Values the policy writes unchanged when they fit on a line.
PLAIN_FORMS = {"from": DOT_ATOM_ADDRESS, "to": DOT_ATOM_ADDRESS, "date": DATE, "message-id": MESSAGE_ID}

TEXT_MARK, HTML_MARK = "OUTBOX-TEXT-BODY", "OUTBOX-HTML-BODY"
BOUNDARY_MARK = "=_" + "B" * 32  # as long as the boundaries drawn below, so it folds alike


class Wire(NamedTuple):
    sender: str
    recipients: list
    data: bytes


class Skeleton(NamedTuple):
    """A generated message cut at its markers: `head` is its MIME headers (Content-Type,
    Content-Transfer-Encoding, MIME-Version), `frames` the bytes around the bodies; both hold
    BOUNDARY_MARK where the boundary goes."""

    head: bytes
    frames: tuple


@lru_cache(maxsize=8)
def skeleton(text_cte, html_cte=None):
    """The stdlib's own message for a text part (and an HTML alternative when `html_cte` is given),
    generated once per shape. The CRLF the generator ends each marker body with is cut off with it:
    a body keeps its own ending, and the CRLF before a boundary line belongs to the boundary."""
    root = MIMEPart(policy=POLICY)
    root.set_content(TEXT_MARK, cte=text_cte)
    if html_cte:
        root.add_alternative(HTML_MARK, subtype="html", cte=html_cte)
        root.set_boundary(BOUNDARY_MARK)
    root["MIME-Version"] = "1.0"
    head, body = root.as_bytes().split(CRLF + CRLF, 1)
    marks = [TEXT_MARK, HTML_MARK] if html_cte else [TEXT_MARK]
    frames = re.split(b"|".join(re.escape(mark.encode("ascii") + CRLF) for mark in marks), body)
    if len(frames) != len(marks) + 1:
        raise RuntimeError("the stdlib's message for the outbox skeleton changed shape")
    return Skeleton(head + CRLF, tuple(frames))


def header_line(name, value):
    """The header as it goes on the wire, CRLF included, or None when Django must write it. Raises
    ValueError for a value holding CR or LF, or a name that is not a field name."""
    if not HEADER_NAME.fullmatch(name):
        raise ValueError(f"Not a header name: {name!r}")
    if "\r" in value or "\n" in value:
        raise ValueError(f"Header values may not contain linefeed or carriage return characters ({name})")
    lower = name.lower()
    if lower in STRUCTURED_HEADERS:
        if len(name) + 2 + len(value) <= FOLD_AT and PLAIN_FORMS[lower].fullmatch(value):
            return f"{name}: {value}\r\n".encode("ascii")
        parsed = _structured(name, value)
        return parsed and parsed[0]
    if lower in LIST_HEADERS:
        return _folded_text(name, value) if ASCII_TEXT.fullmatch(value) else None
    if ASCII_TEXT.fullmatch(value) and "=?" not in value:  # "=?" could read as an encoded word
        return _folded_text(name, value)
    return _encoded_words(name, value)


@lru_cache(maxsize=1024)
def _structured(name, value):
    """(line, header object) from the policy, or None when the value has defects, a line would be
    too long, or the folded line would not read back as the value. Cached: From repeats in every
    message."""
    header = POLICY.header_store_parse(name, value)[1]
    if header.defects:
        return None
    folded = POLICY.fold_binary(name, header)
    lines = folded.split(CRLF)
    if max(len(line) for line in lines) > MAX_LINE:
        return None
    unfolded = b"".join(lines).decode("ascii").partition(":")[2].lstrip(" \t")  # as a parser reads it
    if str(POLICY.header_factory(name, unfolded)) != str(header):
        return None
    return folded, header


def _folded_text(name, value):
    """ASCII text folded before the whitespace of its own words (RFC 5322 folding: unfolding gives
    the value back exactly); a word longer than a line stays whole. None past 998 characters."""
    words = FOLDABLE.findall(value)  # every word after the first starts with whitespace
    lines = [f"{name}: {words[0]}" if words else f"{name}:"]
    for word in words[1:]:
        if len(lines[-1]) + len(word) > FOLD_AT:
            lines.append(word)
        else:
            lines[-1] += word
    if max(len(line) for line in lines) > MAX_LINE:
        return None
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


@lru_cache(maxsize=1024)
def _encoded_words(name, value):
    """Text that is not plain ASCII as RFC 2047 encoded words (UTF-8, base64), split between
    characters, each line within 78 characters: decoders join adjacent encoded words without the
    whitespace between them, so the text reads back exactly. Cached: a subject without merge fields
    repeats."""
    # The first word stays on the name's line, however long the name (parsers would read the
    # folding space before it as part of the text); it holds at least one character.
    lines, chunk, room = [f"{name}:"], b"", _encoded_word_room(len(name) + 2)
    for char in value:
        data = char.encode("utf-8")
        if chunk and len(chunk) + len(data) > room:
            lines[-1] += " =?utf-8?b?" + b64encode(chunk).decode("ascii") + "?="
            lines.append("")
            chunk, room = b"", _encoded_word_room(1)
        chunk += data
    lines[-1] += " =?utf-8?b?" + b64encode(chunk).decode("ascii") + "?="
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _encoded_word_room(prefix):
    """UTF-8 bytes one encoded word can carry after the `prefix` characters of its line that come
    before it (the header name, or the folding space): within 78 characters a line, and 75 a word
    (RFC 2047)."""
    base64_length = min(75, FOLD_AT - prefix) - len("=?utf-8?b??=")
    return max(base64_length // 4 * 3, 0)


def address(name, value):
    """(header line, addr-spec for the SMTP envelope) of From or To, or None when Django must write
    it (not one mailbox, or an address that is not ASCII). Raises ValueError as header_line does."""
    line = header_line(name, value)
    if line is None:
        return None
    if DOT_ATOM_ADDRESS.fullmatch(value):
        return line, value
    mailboxes = _structured(name, value)[1].addresses  # header_line has parsed it
    if len(mailboxes) != 1 or not mailboxes[0].addr_spec.isascii():
        return None
    return line, mailboxes[0].addr_spec


def body(text):
    """(Content-Transfer-Encoding, bytes) of a text part: UTF-8 with CRLF line endings, or None
    when a line is longer than RFC 5322 allows (Django sends that as quoted-printable)."""
    data = "\r\n".join(NEWLINES.split(text)).encode("utf-8")
    if len(data) > MAX_LINE and max(len(line) for line in data.split(CRLF)) > MAX_LINE:
        return None
    return ("7bit" if data.isascii() else "8bit"), data


def _boundary(*bodies):
    while True:
        boundary = "=_" + secrets.token_hex(16)
        if not any(boundary.encode("ascii") in data for data in bodies):
            return boundary


def _covered(message, extra_headers):
    if settings.DEFAULT_CHARSET.lower() != "utf-8" or message.attachments:
        return False
    if message.body_html and not message.body_text:
        return False
    names = [name.lower() for name in extra_headers]
    if len(set(names)) != len(names) or not all(isinstance(value, str) for value in extra_headers.values()):
        return False
    return not any(name in RESERVED_HEADERS or name.startswith(RESERVED_PREFIXES) for name in names)


def wire(message, extra_headers):
    """(envelope sender, [recipient], wire bytes) of `message` with `extra_headers` (Message-ID
    first, then the row's own), or None when Django must build it. Raises ValueError for a header
    that could inject another one."""
    if not _covered(message, extra_headers):
        return None
    sender, recipient = address("From", message.from_email), address("To", message.to)
    text = body(message.body_text)
    html = body(message.body_html) if message.body_html else None
    if sender is None or recipient is None or text is None or (message.body_html and html is None):
        return None
    lines = [
        header_line("Subject", message.subject),
        sender[0],
        recipient[0],
        header_line("Date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME)),
        *(header_line(name, value) for name, value in extra_headers.items()),
    ]
    if None in lines:
        return None
    if html is None:
        shape = skeleton(text[0])
        before, after = shape.frames
        data = b"".join([*lines, shape.head, CRLF, before, text[1], after])
    else:
        shape = skeleton(text[0], html[0])
        boundary, mark = _boundary(text[1], html[1]).encode("ascii"), BOUNDARY_MARK.encode("ascii")
        head, before, between, after = (part.replace(mark, boundary) for part in (shape.head, *shape.frames))
        data = b"".join([*lines, head, CRLF, before, text[1], between, html[1], after])
    return Wire(sender[1], [recipient[1]], data)
