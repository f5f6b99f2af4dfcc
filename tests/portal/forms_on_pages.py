"""The forms a page offers, read from its HTML as a browser would: where each goes, how, and its
fields with the values a person could pick."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Fields a browser fills itself, or that the fuzz must leave alone to reach the form's own checks.
NOT_FUZZED = {"csrfmiddlewaretoken"}


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, file, number, date, hidden, ...
    options: list = field(default_factory=list)
    value: str = ""


@dataclass
class PageForm:
    action: str
    method: str
    fields: dict = field(default_factory=dict)

    @property
    def key(self):
        return (self.method, self.action, tuple(sorted(self.fields)))


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url, self.forms, self.form, self.select = page_url, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = urlsplit(urljoin(self.page_url, a.get("action") or self.page_url)).path
            self.form = PageForm(action=action, method=(a.get("method") or "get").lower())
            self.forms.append(self.form)
            return
        if self.form is None or not a.get("name") or a["name"] in NOT_FUZZED:
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            known = self.form.fields.setdefault(name, FormField(name, kind, value=a.get("value") or ""))
            if kind in ("radio", "checkbox") and a.get("value") is not None:
                known.options.append(a["value"])
        elif tag == "textarea":
            self.form.fields.setdefault(name, FormField(name, "textarea"))
        elif tag == "select":
            self.select = self.form.fields.setdefault(name, FormField(name, "select"))
        elif tag == "option" and self.select is not None and a.get("value") is not None:
            self.select.options.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def forms_on(page_url, html):
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms
