"""Refuse a NUL byte in any part of a request the portal reads, once for every view.

PostgreSQL text cannot hold "\\x00": a NUL in a path, a query parameter or a form field that reaches
a query or a save fails there with a 500. No person types one, so the request is answered 400 with a
page that says what was wrong, before any view sees it. (A NUL inside an uploaded file is the
reader's to refuse: the prospect import says so on its form.)"""

from django.shortcuts import render

NUL = "\x00"


def _carries_nul(query_dict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())


def request_carries_nul(request):
    if NUL in request.path or _carries_nul(request.GET):
        return True
    if request.method == "POST":
        files = request.FILES
        return _carries_nul(request.POST) or any(
            NUL in field or any(NUL in (f.name or "") for f in uploads) for field, uploads in files.lists()
        )
    return False


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_carries_nul(request):
            return render(request, "bad_input_nul.html", status=400)
        return self.get_response(request)


class ForgetNulCookiesMiddleware:
    """A cookie holding a NUL (a tampered session or CSRF cookie) is treated as absent and expired.

    Refusing it with a 400 would lock its holder out until they cleared their cookies; dropped
    before the session middleware reads it, it can never reach a query. So this runs before that."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        poisoned = [name for name, value in request.COOKIES.items() if NUL in name or NUL in value]
        for name in poisoned:
            del request.COOKIES[name]
        response = self.get_response(request)
        for name in poisoned:
            if NUL not in name and name not in response.cookies:
                response.delete_cookie(name)
        return response
