"""Sessions read from Redis and kept in the database (Django's cached_db), and never taken from a
cache that may hold them as they were before an outage.

Every signed-in page read its session from the database: a query, 0.8 ms of a 9 ms review queue. The
shared cache spares it. But while Redis is unreachable each process falls back to a cache of its own
(ftl_portal/cache.py), and a session written then (a sign-out, a second factor confirmed) reaches the
database alone: Redis still holds it as it was, and would hand it back once it answers again. So:
- while a process's cache is not the shared one, its sessions go to and from the database only;
- before a process takes sessions from Redis again after an outage, it drops every session Redis
  holds. A process does the same the first time it reaches Redis: the process it replaced may have
  written sessions during an outage whose end it never saw.
Dropped sessions are read from the database again, once each. Without Redis (the embedded default)
the settings keep sessions in the database alone, since a cache per process would let one process keep
a session another has ended.
"""

import logging
import threading

from django.contrib.sessions.backends import cached_db, db

from ftl_portal.cache import UNREACHABLE

logger = logging.getLogger(__name__)

KEY_PREFIX = "ftl.sessions."
SCAN_BATCH = 500

_lock = threading.Lock()
# The cache's outage count when this process last dropped Redis's sessions (None: not yet).
_dropped_after = None


def _drop_cached_sessions(cache):
    client = cache._cache.get_client(write=True)
    pattern = cache.make_key(KEY_PREFIX) + "*"
    batch = []
    for key in client.scan_iter(match=pattern, count=SCAN_BATCH):
        batch.append(key)
        if len(batch) == SCAN_BATCH:
            client.unlink(*batch)
            batch = []
    if batch:
        client.unlink(*batch)


def cache_trusted(cache):
    """Whether sessions may be read from `cache` now: it is the shared one, and no outage began since
    this process last dropped the sessions Redis kept (which it does now if one did)."""
    global _dropped_after
    if not getattr(cache, "shared", False):
        if hasattr(cache, "shared"):
            cache.has_key(KEY_PREFIX)  # lets the cache try Redis again when that is due
        return False
    if _dropped_after == cache.outages:
        return True
    with _lock:
        outages = cache.outages
        if _dropped_after != outages:
            try:
                _drop_cached_sessions(cache)
            except UNREACHABLE:
                return False
            _dropped_after = outages
            if outages:  # not at every process's start
                logger.info("Sessions are read from Redis again; the ones it held were dropped first")
    return True


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = KEY_PREFIX

    def load(self):
        if not cache_trusted(self._cache):
            return db.SessionStore.load(self)
        return super().load()

    def exists(self, session_key):
        if not cache_trusted(self._cache):
            return db.SessionStore.exists(self, session_key)
        return super().exists(session_key)

    def save(self, must_create=False):
        if not cache_trusted(self._cache):
            return db.SessionStore.save(self, must_create)
        return super().save(must_create)
