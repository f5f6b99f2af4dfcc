"""Where an application came from, without a tracking cookie. A share link sends the visitor on with
a signed `via` query parameter, which the cohort page's apply links carry through sign-up and sign-in
(as part of `next`) to the start of the application. An email campaign's link keeps its ref in the
session, as before. A forged or altered `via` counts as no source."""

from django.core import signing

from programmes.admissions.models.applications import CAMPAIGN_REF_SESSION_KEY

VIA_PARAM = "via"
SHARE_LINK_PREFIX = "link:"
_SALT = "ftl.attribution.via"


def sign_source(source):
    return signing.Signer(salt=_SALT).sign(source)


def verified_source(value):
    """The source a signed `via` value names, or "" when it is missing or not ours."""
    if not value:
        return ""
    try:
        return signing.Signer(salt=_SALT).unsign(value)[:64]
    except signing.BadSignature:
        return ""


def source_of(request):
    """The campaign_ref a new application records: a signed `via`, else an email campaign's ref."""
    via = verified_source(request.GET.get(VIA_PARAM, ""))
    return via or request.session.get(CAMPAIGN_REF_SESSION_KEY, "")


def via_of(request):
    """The request's `via` value to pass on in links, if it is genuine."""
    value = request.GET.get(VIA_PARAM, "") if request is not None else ""
    return value if verified_source(value) else ""
