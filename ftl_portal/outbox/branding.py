"""Every email's HTML part: one base template (templates/email/base.html) with the FTL's header, the
message, and a footer saying who sends it and why; its stylesheet inlined into style attributes,
since most mail clients drop <style> blocks. queue_email calls this for every email, so a kind
of email that brings only a text body (allauth's, Django's mail API, a coordinator's message) gets
the same HTML version as the rest."""

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape, linebreaks, urlize

from .models import MessageKind

# Why a person gets each kind of email, by the first part of its outbox key.
REASONS = {
    "account": "You get this email because this address was used to sign up or sign in on the FTL Portal.",
    "django-mail": "You get this email because this address was used on the FTL Portal.",
    "invitation": "You get this email because a Medilink coordinator invited you to the FTL Portal.",
    "decision": "You get this email because you applied to a Future Talent Laboratory cohort.",
    "extension": "You get this email because you applied to a Future Talent Laboratory cohort.",
    "booking": "You get this email because you booked a session of your FTL cohort.",
    "reminder": "You get this email because you booked a session of your FTL cohort.",
    "session-update": "You get this email because you booked a session of your FTL cohort.",
    "feedback-request": "You get this email because you attended a session of your FTL cohort.",
    "no-show": "You get this email because you booked a session of your FTL cohort.",
    "match-intro": "You get this email because you take part in the FTL's mentoring.",
    "match-declined": "You get this email because you take part in the FTL's mentoring.",
    "match-survey": "You get this email because you take part in the FTL's mentoring.",
    "message": "You get this email because you take part in a Future Talent Laboratory cohort.",
    "interest-confirm": "You get this email because this address was given to hear about new FTL cohorts.",
    "privacy": "You get this email because of a request about your personal data on the FTL Portal.",
    "retention-warning": "You get this email because you have an account on the FTL Portal.",
    "mentoring-nudge": "You get this email because you take part in the FTL's mentoring.",
    "completion-list": "You get this email because you take part in a Future Talent Laboratory cohort.",
    "follow-up": "You get this email because you completed a Future Talent Laboratory cohort.",
}
SERVICE_REASON = "You get this email because you have an account or an application on the FTL Portal."
MARKETING_REASON = "You get this email because you asked to hear about new FTL cohorts."

_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def reason_for(key, kind):
    prefix = key.split(":", 1)[0]
    if prefix in REASONS:
        return REASONS[prefix]
    return MARKETING_REASON if kind == MessageKind.MARKETING else SERVICE_REASON


def html_from_text(text):
    """The text part as HTML paragraphs, its addresses and links made clickable."""
    return linebreaks(urlize(escape(text)), autoescape=False)


def inline(html):
    return _inliner.inline(html)


def is_branded(html):
    return "<!DOCTYPE html>" in html[:200]


def branded_html(*, key, kind, subject, text, html=""):
    """The email's HTML part from the base template; an HTML part already made from it (a
    campaign's, rendered once per campaign) is kept as it is."""
    if html and is_branded(html):
        return html
    document = render_to_string(
        "email/base.html",
        {
            "subject": subject,
            "body": html or html_from_text(text),
            "reason": reason_for(key, kind),
            "site_url": settings.SITE_URL,
        },
    )
    return inline(document)
