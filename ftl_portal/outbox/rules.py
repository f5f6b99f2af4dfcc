"""Who may watch the outbox: the queue of every email the portal sends, and its failures."""

import rules

from accounts.rules import is_coordinator

# Coordinators watch the outbox: what is queued, sent and failed, and retry or cancel a message.
rules.add_perm("outbox.watch_outbox", is_coordinator)
