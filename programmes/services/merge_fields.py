"""Merge fields in campaign text: the syntax is `{{ name }}` (spaces optional) and only the names
below exist. Anything else that looks like a merge field is an error before sending, so a typo
never reaches a person as a literal "{{ frist_name }}"."""

import re

from django.utils.html import escape

MERGE_FIELDS = {
    "first_name": "the recipient's first name (or “there”)",
    "cohort": "the cohort's name",
    "deadline": "the application deadline, with GMT/BST",
    "apply_link": "the recipient's personal apply link",
}
FIELD = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
SINGLE_BRACES = re.compile(r"(?<!\{)\{\s*[A-Za-z_][A-Za-z0-9_ ]*\}(?!\})")
# Tags a simple HTML body may use; images (tracking pixels), scripts, styles and forms may not.
ALLOWED_TAGS = {"p", "br", "a", "strong", "b", "em", "i", "ul", "ol", "li", "h1", "h2", "h3", "blockquote", "hr"}
TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)")
UNSAFE_ATTRIBUTE = re.compile(r"\s(on[a-z]+|style|src)\s*=|javascript:", re.I)


def merge_field_errors(text, *, where):
    """Every problem with the merge fields of one text, as sentences for the coordinator."""
    allowed = ", ".join("{{ %s }}" % name for name in MERGE_FIELDS)  # noqa: UP031 - braces are literal
    errors = [
        f"{where}: “{match.group(0)}” is not a merge field. Use one of: {allowed}."
        for match in FIELD.finditer(text)
        if match.group(1) not in MERGE_FIELDS
    ]
    rest = FIELD.sub("", text)
    broken = [token for token in ("{{", "}}", "{%", "%}") if token in rest]
    single = SINGLE_BRACES.search(rest)
    if broken or single:
        near = single.group(0) if single else _context(rest, broken[0])
        errors.append(f"{where}: a merge field is written wrongly near “{near}”. Write them as {{{{ first_name }}}}.")
    return errors


def _context(text, token):
    index = text.index(token)
    return text[max(index - 10, 0) : index + 20].strip()


def html_errors(html):
    errors = []
    bad_tags = sorted({tag.lower() for tag in TAG.findall(html)} - ALLOWED_TAGS)
    if bad_tags:
        errors.append(
            "HTML body: these tags are not allowed: "
            + ", ".join(f"<{tag}>" for tag in bad_tags)
            + ". Use simple formatting only (no images, scripts or styles: recruitment email is never tracked)."
        )
    if UNSAFE_ATTRIBUTE.search(html):
        errors.append("HTML body: event handlers, style and src attributes and javascript: links are not allowed.")
    return errors


def render(text, values, *, html=False):
    """Fill the merge fields (and the internal ones, e.g. the unsubscribe link) of a validated text."""
    if html:
        return FIELD.sub(lambda m: escape(values.get(m.group(1), "")), text)
    return FIELD.sub(lambda m: str(values.get(m.group(1), "")), text)
