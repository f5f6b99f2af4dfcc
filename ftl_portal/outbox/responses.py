from django.http import HttpResponse


def sandboxed_html(html):
    """An email's HTML part for an iframe preview: no scripts, no remote loads, framed only by us."""
    response = HttpResponse(html or "<p>(no HTML part)</p>", content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_exempt = True
    return response
