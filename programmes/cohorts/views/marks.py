"""Partner marks a coordinator uploaded, served to anyone: they are public branding."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from programmes.cohorts import selectors
from programmes.cohorts.models.partners import MARK_TYPES


@require_GET
def partner_mark(request, slug):
    partner = selectors.partner_with_mark(slug=slug)
    extension = partner.mark.name.rsplit(".", 1)[-1].lower()
    if extension not in MARK_TYPES:
        raise Http404
    response = FileResponse(partner.mark.open("rb"), content_type=MARK_TYPES[extension])
    # The URL carries the file's name, so a replaced mark is a new URL and this one may be kept.
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
