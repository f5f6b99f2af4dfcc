"""Which recruitment email goes to whom, with what: the campaign's text inside a layout with the
sender's footer and the unsubscribe link, the merge fields filled per recipient, and the RFC 8058
one-click headers. The layout is rendered once per campaign; only the merge fields vary."""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks, urlize
from django.utils.timezone import localtime

from ftl_portal.confirmation import Confirmation, RenderedEmail, fingerprint
from ftl_portal.outbox import services as outbox
from ftl_portal.outbox.models import MessageKind
from programmes.recruitment.models import RECRUITMENT_LIST, CampaignRecipient
from programmes.recruitment.services import merge_fields

UNSUBSCRIBE_SALT = "programmes.campaigns.unsubscribe"
CONFIRM_SALT = "programmes.campaigns.confirm-interest"
UNSUBSCRIBE_PLACEHOLDER = "{{ unsubscribe_link }}"


def unsubscribe_token(*, email, campaign_id=None, signer=None):
    data = {"e": email, "l": RECRUITMENT_LIST, "c": campaign_id}
    return (signer or signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)).sign_object(data, compress=True)


def read_unsubscribe_token(token):
    """The {e: email, l: list, c: campaign id} a token names, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("l") != RECRUITMENT_LIST or not data.get("e"):
        return None
    return data


def sample_recipient(campaign, *, email, first_name):
    return CampaignRecipient(campaign=campaign, email=email, first_name=first_name, ref="sample")


def _html_from_text(text):
    linked = text.replace("{{ apply_link }}", "APPLYLINK")
    html = linebreaks(urlize(escape(linked)))
    return html.replace("APPLYLINK", '<a href="{{ apply_link }}">{{ apply_link }}</a>')


class Layout:
    def __init__(self, campaign, *, test=False):
        self.campaign = campaign
        cohort = campaign.cohort
        self.common = {
            "cohort": cohort.name,
            "deadline": date_format(localtime(cohort.applications_close_at), "j F Y, H:i T"),
        }
        context = {
            "campaign": campaign,
            "test": test,
            "unsubscribe_link": UNSUBSCRIBE_PLACEHOLDER,
            "site_url": settings.SITE_URL,
        }
        # Reversed once per campaign; each recipient only fills in their ref and token.
        self.ref_url = settings.SITE_URL + reverse("campaigns:ref", args=["REF"])
        self.unsubscribe_url = settings.SITE_URL + reverse("campaigns:unsubscribe", args=["TOKEN"])
        html_body = campaign.body_html or _html_from_text(campaign.body_text)
        subject = ("[TEST] " if test else "") + campaign.subject
        text = render_to_string("email/campaigns/message_body.txt", {**context, "body": campaign.body_text})
        html = render_to_string("email/campaigns/message_body.html", {**context, "body": html_body})
        self.subject = merge_fields.MergeText(subject)
        self.text = merge_fields.MergeText(text)
        self.html = merge_fields.MergeText(html, html=True)
        # One signer for all the campaign's tokens: the same tokens signing.dumps makes, without
        # building a signer for each recipient.
        self.signer = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)

    def values(self, recipient):
        token = unsubscribe_token(email=recipient.email, campaign_id=self.campaign.pk, signer=self.signer)
        return {
            **self.common,
            "first_name": recipient.first_name or "there",
            "apply_link": self.ref_url.replace("REF", recipient.ref),
            "unsubscribe_link": self.unsubscribe_url.replace("TOKEN", token),
        }

    def render(self, recipient):
        values = self.values(recipient)
        return (
            self.subject.render(values),
            self.text.render(values),
            self.html.render(values),
            values["unsubscribe_link"],
        )

    def outbox_row(self, recipient):
        subject, text, html, unsubscribe = self.render(recipient)
        return {
            "key": f"campaign:{self.campaign.pk}:{recipient.pk}",
            "to": recipient.email,
            "subject": subject,
            "body": text,
            "html": html,
            "kind": MessageKind.MARKETING,
            "source": self.campaign.source,
            "headers": {
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        }


def confirm_token(consent):
    return signing.dumps({"p": consent.prospect_id, "c": consent.pk}, salt=CONFIRM_SALT)


def read_confirm_token(token, max_age):
    """The consent and prospect ids a confirmation link names, or None for a forged, old or damaged
    link, or a signed one that does not hold the two whole numbers confirm_token writes."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not all(type(data.get(k)) is int for k in ("c", "p")):
        return None
    return data


def queue_confirmation(*, consent):
    """The double opt-in email (a service email: the person just asked for it)."""
    prospect = consent.prospect
    link = settings.SITE_URL + reverse("campaigns:confirm_interest", args=[confirm_token(consent)])
    return outbox.queue_templated_email(
        key=f"interest-confirm:{consent.pk}",
        to=prospect.email,
        template="campaigns/confirm_interest",
        context={"prospect": prospect, "confirm_link": link},
        source=f"prospect:{prospect.pk}",
    )


# The confirmation lists this many people at most; the count and the fingerprint cover everyone.
CONFIRMATION_ROWS = 200


def send_confirmation(*, campaign, audience):
    """The page that asks before a campaign starts: whom it reaches and the email the first of them
    gets (each recipient's differs only in name and personal links)."""
    people = list(audience.order_by("email").values_list("pk", "first_name", "last_name", "email"))
    rows = [[f"{first} {last}".strip() or "—", email] for _, first, last, email in people[:CONFIRMATION_ROWS]]
    emails = []
    if people:
        _, first_name, _, email = people[0]
        subject, text, _html, _link = Layout(campaign).render(
            sample_recipient(campaign, email=email, first_name=first_name)
        )
        emails.append(RenderedEmail(to=email, subject=subject, body=text))
    return Confirmation(
        columns=["Name", "Email"],
        rows=rows,
        emails=emails,
        audience=fingerprint(pk for pk, *_ in people),
        email_count=len(people),
    )
