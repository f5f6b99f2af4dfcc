"""Merge fields in campaign text: the syntax is `{{ name }}` (spaces optional) and only the names
below exist. Anything else that looks like a merge field is an error before sending, so a typo
never reaches a person as a literal "{{ frist_name }}"."""

import html
import re

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


class MergeText:
    """A validated text split once at its merge fields (and the internal ones, e.g. the
    unsubscribe link), so that filling it in for each of thousands of recipients is a join."""

    def __init__(self, text, *, html=False):
        self.parts = FIELD.split(text)  # literal, name, literal, name, …, literal
        self.escape_values = html

    def render(self, values):
        parts = self.parts.copy()
        for index in range(1, len(parts), 2):
            value = str(values.get(parts[index], ""))
            # html.escape is what django.utils.html.escape applies, without its lazy-string wrapper.
            parts[index] = html.escape(value) if self.escape_values else value
        return "".join(parts)
