"""One base for every refusal meant for a person, and the middleware that shows it.

A service raises a PortalError subclass with a sentence the person can act on. A view that expects
the refusal catches it and puts the message on its own page; one that does not still never answers
500: the middleware turns the refusal into a 400 page that shows the same message."""

import logging

from django.shortcuts import render

logger = logging.getLogger(__name__)


class PortalError(Exception):
    """A refusal with a message meant for the person: str(error) is shown to them as it is."""


class PortalErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PortalError):
            return None
        logger.info("Refusal reached the middleware at %s: %s", request.path, type(exception).__name__)
        template = "portal_error_fragment.html" if getattr(request, "htmx", False) else "portal_error.html"
        return render(request, template, {"message": str(exception)}, status=400)
