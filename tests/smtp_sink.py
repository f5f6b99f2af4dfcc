"""A real local SMTP server (aiosmtpd) that collects what it is given, or refuses it on demand."""

import asyncio
import email
import logging
import socket
import threading
import time

# aiosmtpd narrates every SMTP command at INFO; only its problems matter here.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Received(dict):
    """One message the sink took: {"to": [...], "raw": bytes}, and "message" (the parsed
    email.message.Message) parsed on first access, so a sink that only counts, like the campaign
    benchmark's, does not spend CPU parsing on the very machine it measures."""

    def __missing__(self, key):
        if key != "message":
            raise KeyError(key)
        self["message"] = email.message_from_bytes(self["raw"])
        return self["message"]


class SmtpSink:
    """Collects every message a real SMTP client hands it. Set `data_reply` (e.g. "421 ...") to
    make it refuse messages, or `refused_recipients` to refuse some addresses with 550.
    `reply_delay` keeps a message it has already taken before answering 250, as a real server that
    commits then replies: a client killed in that gap has delivered without knowing it."""

    def __init__(self, port=None):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.data_reply = "250 OK"
        self.refused_recipients = set()
        self.reply_delay = 0.0
        self._lock = threading.Lock()
        self.port = port or free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd hook
        if address in self.refused_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if not self.data_reply.startswith("250"):
            return self.data_reply
        with self._lock:
            self.messages.append(Received(to=list(envelope.rcpt_tos), raw=envelope.content))
        if self.reply_delay:
            await asyncio.sleep(self.reply_delay)
        return "250 OK"

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def snapshot(self):
        with self._lock:
            return list(self.messages)

    def wait_for(self, count, timeout=60):
        return self.wait_until(lambda messages: len(messages) >= count, timeout=timeout)

    def wait_until(self, predicate, timeout=60):
        """The messages received once predicate(messages) holds, or as they stand at the timeout:
        tests wait on what arrived, and the timeout is only a safety net for a broken run."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.snapshot()):
                return self.snapshot()
            time.sleep(0.1)
        return self.snapshot()
