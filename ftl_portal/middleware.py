"""A request id for every request: taken from the X-Request-ID header when it is a sane token (a proxy or
load balancer may set one), otherwise a new uuid4 hex. It is on every log record of the request
(ftl_portal.logging), on the response's X-Request-ID header and, when Sentry is on, on its events."""

import re
import uuid

import sentry_sdk
from django.core.signals import request_finished

from ftl_portal.logging import request_id

HEADER = "X-Request-ID"
# Letters, digits, dot, underscore and hyphen, at most 128: a uuid, a hex digest, nginx's $request_id.
# Anything else (spaces, quotes, newlines, a kilobyte of text) is not echoed into logs or headers.
SANE = re.compile(r"[A-Za-z0-9._-]{1,128}")


def incoming_or_new(value):
    return value if value and SANE.fullmatch(value) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = incoming_or_new(request.headers.get(HEADER))
        request_id.set(request.request_id)
        sentry_sdk.set_tag("request_id", request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def _forget_request_id(**kwargs):
    # After the response is closed (the server's access line and Django's log of a 4xx/5xx come before
    # that, so they still carry the id), so a thread that serves no request logs no stale id.
    request_id.set(None)


request_finished.connect(_forget_request_id, dispatch_uid="ftl_portal.middleware.forget_request_id")
