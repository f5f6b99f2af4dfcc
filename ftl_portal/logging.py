"""Structured logs: the id of the request being served, on every record, and a JSON formatter.

RequestIdMiddleware (ftl_portal.middleware) sets `request_id` for the request in hand; outside a request
(a Celery task, a management command) it is None. The settings attach RequestIdFilter to the console
handler and, in production, format every record with JsonFormatter: one JSON object per line.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

request_id = contextvars.ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` (None outside a request), so any format may use %(request_id)s."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, and the traceback as
    exc_info (the stack as stack_info) when the record has one. json.dumps escapes newlines, so a
    multi-line message or traceback is still one line."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)
