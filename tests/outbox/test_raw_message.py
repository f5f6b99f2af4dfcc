"""The batch path's wire bytes, read back as a recipient's mail client reads them (the stdlib's
parser with its modern policy): the same sender, recipient, subject and headers as the row, bodies
that decode to exactly the row's texts, CRLF line endings and no line longer than RFC 5322 allows;
no header can carry a line break into the message; and what the builder does not cover is left to
Django."""

import email
import random
import re
from datetime import UTC
from email import policy
from email.utils import formatdate
from pathlib import Path

import pytest
from django.utils import timezone

from ftl_portal.outbox import batch, raw
from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from ftl_portal.outbox.services import email_headers, message_id_header

DATE = formatdate(1_700_000_000)
UNSUBSCRIBE = "<https://ftl.example/unsubscribe/" + "eJyrVkrNTcxRslJKzc3XS87PS0nNK0ktLlGqBQB8ugk" * 3 + "/>"
ONE_CLICK = "List-Unsubscribe=One-Click"
NON_ASCII_SUBJECT = "Bewerbung für Kohorte 2026 – jetzt, Zoë " + "sehr lange " * 8


def outbox_message(**fields):
    defaults = {
        "key": "campaign:7:4211",
        "from_email": "Future Talent Laboratory <ftl@medilinkmidlands.test>",
        "to": "p1@example.org",
        "subject": "Applications open for Cohort 2026",
        "body_text": "Hello Ada,\n\nApply by 3 March: https://ftl.example/r/abc\n\n--\nUnsubscribe: x\n",
        "body_html": "<p>Hello Ada,</p>\r\n<p>Apply</p>\n",
        "headers": {"List-Unsubscribe": UNSUBSCRIBE, "List-Unsubscribe-Post": ONE_CLICK},
    }
    return OutboxMessage(**{**defaults, **fields})


def wire(message):
    return raw.wire(message, email_headers(message))


def received(data):
    """The message as a recipient's client parses it."""
    return email.message_from_bytes(data, policy=policy.default)


def lines_of(text):
    """A text with its line endings in one form: SMTP carries CRLF, whatever the row had."""
    return re.sub(r"\r\n|\r", "\n", text)


def header_block(data):
    return data.split(b"\r\n\r\n", 1)[0]


def assert_wire_format(data):
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    # Header lines fold at 78; only a word with no whitespace to fold at (a URL) makes a longer line.
    for line in header_block(data).split(b"\r\n"):
        assert len(line) <= 78 or len(line.split(b": ", 1)[-1].split()) == 1


def assert_no_defects(message):
    for part in message.walk():
        assert part.defects == []
        assert all(header.defects == () for header in part.values())


LONG_LINE = "é" * 499  # 998 octets in UTF-8: the longest line 8bit may carry


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"body_html": ""},
        {"subject": NON_ASCII_SUBJECT},
        {"subject": "Applications open for the Future Talent Laboratory's second cohort, 2026–27 (apply now)"},
        {"body_text": "Grüße, Zoë\n\nÀ bientôt\r\n", "body_html": "<p>Grüße, Zoë</p>"},
        {"to": "zoe.o'neill+ftl@example.org", "from_email": "ftl@medilinkmidlands.test"},
        {"from_email": "Fütüre Talent Lab <ftl@medilinkmidlands.test>", "body_text": "no newline at the end"},
        {"headers": {"X-Campaign": "Zoë's campaign", "List-Unsubscribe": UNSUBSCRIBE}},
        {"body_text": "", "body_html": ""},
        {"body_text": f"Long:\n{LONG_LINE}\n{'x' * 998}\n", "body_html": f"<p>{'y' * 991}</p>\n{LONG_LINE}"},
        {"body_text": "old Mac\rline endings\r\rand blank lines\n\n\n"},
    ],
)
def test_a_recipient_reads_what_the_outbox_stored(fields):
    message = outbox_message(**fields)
    built = wire(message)
    assert_wire_format(built.data)
    got = received(built.data)
    assert_no_defects(got)
    assert got["Subject"] == message.subject
    assert str(got["From"]) == message.from_email
    assert got["To"] == message.to
    assert got["Message-ID"] == message_id_header(message)
    sent_at = got["Date"].datetime  # naive: "-0000" is UTC, the sender's zone untold (RFC 5322)
    assert abs((sent_at.replace(tzinfo=sent_at.tzinfo or UTC) - timezone.now()).total_seconds()) < 60
    for name, value in message.headers.items():
        assert got[name] == value
    assert got.get_body(("plain",)).get_content_type() == "text/plain"
    assert lines_of(got.get_body(("plain",)).get_content()) == lines_of(message.body_text)
    if message.body_html:
        assert got.get_content_type() == "multipart/alternative"
        assert lines_of(got.get_body(("html",)).get_content()) == lines_of(message.body_html)
    else:
        assert got.get_content_type() == "text/plain" and got.get_body(("html",)) is None
    assert built.sender == got["From"].addresses[0].addr_spec
    assert built.recipients == [message.to]


def test_a_long_list_unsubscribe_url_stays_one_unencoded_word():
    """Mail clients read the one-click URL straight from the header: an RFC 2047-encoded or split
    URL is no unsubscribe link to them. Two URLs may fold at the space between them."""
    mailto = "<mailto:unsubscribe@medilinkmidlands.test?subject=unsubscribe>"
    for value in (UNSUBSCRIBE, f"{mailto}, {UNSUBSCRIBE}"):
        message = outbox_message(headers={"List-Unsubscribe": value, "List-Unsubscribe-Post": ONE_CLICK})
        data = wire(message).data
        assert f"\r\nList-Unsubscribe: {value.split(', ')[0]}".encode() in header_block(data)
        assert f" {UNSUBSCRIBE}\r\n".encode() in header_block(data)
        assert b"=?" not in header_block(data)
        assert received(data)["List-Unsubscribe"] == value
        assert received(data)["List-Unsubscribe-Post"] == ONE_CLICK


def test_non_ascii_text_is_encoded_in_the_headers_and_8bit_in_the_body():
    message = outbox_message(
        subject=NON_ASCII_SUBJECT, from_email="Fütüre Talent Lab <ftl@medilinkmidlands.test>", body_text="Zoë\n"
    )
    data = wire(message).data
    assert header_block(data).isascii()
    assert "Zoë".encode() in data.split(b"\r\n\r\n", 1)[1]
    got = received(data)
    assert got["Subject"] == NON_ASCII_SUBJECT and got["From"].addresses[0].display_name == "Fütüre Talent Lab"
    assert got.get_body(("plain",))["Content-Transfer-Encoding"] == "8bit"
    assert got.get_body(("html",))["Content-Transfer-Encoding"] == "7bit"


def test_each_message_has_a_boundary_of_its_own_that_no_body_contains():
    first, second = wire(outbox_message()).data, wire(outbox_message()).data
    boundaries = [received(data).get_boundary() for data in (first, second)]
    assert boundaries[0] != boundaries[1]
    for data, boundary in zip((first, second), boundaries, strict=True):
        message = received(data)
        assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
        assert all(boundary not in part.get_content() for part in message.iter_parts())


@pytest.mark.parametrize(
    "fields",
    [
        {"subject": "Hello\r\nBcc: victim@example.org"},
        {"subject": "Hello\nBcc: victim@example.org"},
        {"subject": "Hello\rBcc: victim@example.org"},
        {"headers": {"X-Note": "fine\r\nBcc: victim@example.org"}},
        {"headers": {"List-Unsubscribe": UNSUBSCRIBE + "\r\nBcc: victim@example.org"}},
        {"headers": {"X-Note: a\r\nBcc": "victim@example.org"}},
        {"headers": {"X Note": "a"}},
        {"from_email": "ftl@medilinkmidlands.test\r\nBcc: victim@example.org"},
    ],
)
def test_a_line_break_cannot_inject_a_header(fields):
    with pytest.raises(ValueError):
        wire(outbox_message(**fields))


@pytest.mark.parametrize(
    "fields",
    [
        {"body_text": "x" * 999},  # needs quoted-printable: Django's job
        {"body_text": "é" * 500},
        {"body_html": "<p>" + "y" * 1200 + "</p>"},
        {"attachments": [{"filename": "a.txt", "content": "a", "mimetype": "text/plain"}]},
        {"headers": {"Date": DATE}},
        {"headers": {"Reply-To": "office@medilinkmidlands.test"}},
        {"headers": {"X-Count": 3}},
        {"body_text": "", "body_html": "<p>only html</p>"},
        {"to": "zoë@example.org"},
        {"to": "p1@exämple.org"},
        {"from_email": "Smith, Jo <jo@example.org>"},
    ],
)
def test_what_raw_does_not_cover_is_left_to_django(fields):
    assert wire(outbox_message(**fields)) is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Message-ID", "<000377563d19bd6d76c6843c36824a96@medilinkmidlands.test>"),
        ("Message-ID", "<abc@" + "d" * 80 + ">"),
        ("Date", DATE),
        ("Date", formatdate(1_700_000_000, localtime=True)),
        ("To", "p1@example.org"),
        ("To", "zoe.o'neill+ftl@mail.example.co.uk"),
        ("To", "Zoë <z@example.org>"),
        ("From", "ftl@medilinkmidlands.test"),
        ("From", "Future Talent Laboratory <ftl@medilinkmidlands.test>"),
        ("From", "Fütüre Talent Lab <ftl@medilinkmidlands.test>"),
    ],
)
def test_address_date_and_id_lines_are_the_smtp_policys_own(name, value):
    """A plain address, date or id skips the policy's parser: the line is the one the policy writes."""
    expected = policy.SMTP.fold_binary(*policy.SMTP.header_store_parse(name, value))
    assert raw.header_line(name, value) == expected
    raw._structured.cache_clear()
    assert raw.header_line(name, value) == expected


# Each of these came back changed from the SMTP policy's own folder (a space dropped or doubled
# next to an encoded word, a literal "=?" decoded, a long word turned into encoded words).
POLICY_SLIPS = [
    "Applications open for the Future Talent Laboratory's second cohort, 2026–27 (apply now)",
    "long cohort, – Zoë Applications now) naïve très the Talent",
    "Applications open: " + "y" * 80 + " and then some more text after the long word",
    "Literally =?utf-8?q?not_encoded?= here",
]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        *(("Subject", value) for value in POLICY_SLIPS),
        ("Subject", "Applications open for Cohort 2026"),
        ("Subject", "x" * 200),
        ("Subject", "word " * 40 + "end"),
        ("Subject", "a  b\tc   d " * 12),
        ("Subject", NON_ASCII_SUBJECT),
        ("Subject", "Zoë " * 60),
        ("Subject", "日本語のメール件名はとても長くなることがあります。" * 4),
        ("Subject", "Emoji 🎓🧪 and combining e\u0301 marks 🎓" * 5),
        ("Subject", "control \x07 bell"),
        ("Subject", ""),
        ("X-A-Rather-Long-Header-Name-For-A-Campaign-Tag", "Zoë's campaign, 2026–27 " * 3),
        ("X-Campaign", "campaign:7 (recruitment)"),
        ("List-Unsubscribe", UNSUBSCRIBE),
        ("List-Unsubscribe", f"<mailto:u@medilinkmidlands.test?subject=unsubscribe>, {UNSUBSCRIBE}, {UNSUBSCRIBE}"),
        ("List-Unsubscribe-Post", ONE_CLICK),
    ],
)
def test_text_headers_read_back_exactly(name, value):
    line = raw.header_line(name, value)
    assert line.endswith(b"\r\n") and line.isascii()
    lines = line[:-2].split(b"\r\n")
    # Only a word with no whitespace to fold at makes a longer line.
    assert all(len(part) <= 78 or len(part.split(b": ", 1)[-1].split()) == 1 for part in lines)
    assert all(len(word) <= 75 for word in re.findall(rb"=\?utf-8\?b\?[^?]*\?=", line))
    assert received(line + b"\r\n")[name] == value


def test_random_text_headers_read_back_exactly():
    """Seeded mixtures of ASCII and other words, long words, tabs, literal "=?" and long header
    names: the SMTP policy's folder changed about one in fifteen such subjects."""
    rng = random.Random(3)
    words = ["Apply", "now,", "2026–27", "Zoë", "für", "(cohort)", "–", "x" * 40, "y" * 80, '"q"', "=?", "?=", "🎓"]
    words += ["日本語", "\t", "e\u0301", "\\"]
    for _ in range(500):
        value = " ".join(rng.choice(words) for _ in range(rng.randint(0, 30))).strip()
        name = rng.choice(["Subject", "X-Campaign", "X-" + "Long-" * 12 + "Name"])
        line = raw.header_line(name, value)
        assert line.isascii() and received(line + b"\r\n")[name] == value, (name, value, line)
        assert all(len(part) <= 78 or len(part.split(b": ", 1)[-1].split()) == 1 for part in line.split(b"\r\n"))


def queued(rows):
    keys = batch.queue_many(
        [
            {
                "key": f"campaign:1:{i}",
                "to": f"p{i}@example.org",
                "subject": "Applications open",
                "body": f"Hello P{i},\n",
                "headers": {"List-Unsubscribe": UNSUBSCRIBE, "List-Unsubscribe-Post": ONE_CLICK},
                "source": "campaign:1",
                **row,
            }
            for i, row in enumerate(rows)
        ]
    )
    return [keys[f"campaign:1:{i}"] for i in range(len(rows))]


@pytest.mark.django_db
def test_a_message_with_a_line_break_in_a_header_fails_alone(smtp_sink):
    ids = queued([{}, {"headers": {"X-Note": "hi\r\nBcc: victim@example.org"}}, {}])
    assert batch.deliver_batch(ids) == 2
    rows = {row.pk: row for row in OutboxMessage.objects.filter(pk__in=ids)}
    assert [rows[pk].status for pk in ids] == [MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.SENT]
    assert "linefeed" in rows[ids[1]].last_error
    arrived = smtp_sink.wait_for(2)
    assert [m["to"] for m in arrived] == [["p0@example.org"], ["p2@example.org"]]
    assert all(b"victim" not in m["raw"] for m in arrived)


@pytest.mark.django_db
def test_a_line_break_in_a_subject_is_neutralised_when_queued(smtp_sink):
    ids = queued([{"subject": "Applications open\r\nBcc: victim@example.org"}])
    assert batch.deliver_batch(ids) == 1
    (arrived,) = smtp_sink.wait_for(1)
    got = received(arrived["raw"])
    assert got["Subject"] == "Applications open Bcc: victim@example.org"
    assert got["Bcc"] is None and arrived["to"] == ["p0@example.org"]


@pytest.mark.django_db
def test_what_raw_does_not_cover_arrives_through_django(smtp_sink):
    long_text = "Hello,\n" + "z" * 1500 + "\nBye\n"
    ids = queued([{"body": long_text, "html": "<p>Hi</p>"}, {"to": "p1@exämple.org"}])
    assert batch.deliver_batch(ids) == 2
    first, second = smtp_sink.wait_for(2)
    assert_wire_format(first["raw"])
    got = received(first["raw"])
    assert lines_of(got.get_body(("plain",)).get_content()) == long_text
    assert got.get_body(("plain",))["Content-Transfer-Encoding"] == "quoted-printable"
    assert got["List-Unsubscribe"].strip() == UNSUBSCRIBE  # Django folds it onto a line of its own
    assert second["to"] == ["p1@xn--exmple-cua.org"]


def test_the_outbox_builds_mail_with_public_apis_only():
    """No private stdlib helpers and none of Django's MIME internals (deprecated in Django 6.0)."""
    forbidden = re.compile(r"_make_boundary|forbid_multi_line_headers|sanitize_address|compat32|core\.mail\.message")
    for path in Path(raw.__file__).parent.glob("*.py"):
        assert not forbidden.search(path.read_text()), path.name
