"""Celery's filesystem transport, made safe for several worker processes and for a worker killed
mid-write: the broker `make run` and the newcomer's tests use when no Redis is configured.

kombu's own transport creates a message file and then writes it, and a reader moves and reads the
file without waiting for the writer. A reader that comes between the two reads an empty file, fails to
decode it and stops the worker ("Unrecoverable error: JSONDecodeError"); a writer killed between the
two leaves an empty file that stops every worker after it. Here a message is written under a name no
reader looks at and renamed into place (os.replace is atomic), so a reader sees a whole message or
none; and a file that still cannot be decoded (left by an older writer) is logged and skipped
rather than stopping the worker.
"""

import logging
import os
import uuid
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

logger = logging.getLogger(__name__)


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        # The leading dot and the missing ".msg" keep readers off the file until it is complete.
        partial = os.path.join(self.data_folder_out, f".partial-{uuid.uuid4()}")
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, os.path.join(self.data_folder_out, name))
        except OSError as exc:
            raise filesystem.ChannelError(f"Cannot add a message to {self.data_folder_out!r}") from exc

    def _get(self, queue):
        while True:
            try:
                return super()._get(queue)
            except ValueError:  # json.JSONDecodeError: a file left broken by an older writer
                logger.error("Skipped an unreadable message file on queue %s", queue)


class Transport(filesystem.Transport):
    Channel = Channel
