"""The 500 handler, which tells a database outage apart: while PostgreSQL cannot be reached every
page answers 503 with a sentence that says to try again, never a traceback. The error itself is
still logged (django.request) with its traceback, and so reaches Sentry."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

DATABASE_DOWN = (OperationalError, InterfaceError)


@requires_csrf_token
def server_error(request):
    # Django calls the handler inside its except block, so the error being handled is at hand.
    # The pages are standalone templates: base.html would ask the database for the reader.
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
