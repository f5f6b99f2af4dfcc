"""Cached reads that are never stale: each cached value is filed under a version number that every
write of its scope bumps, so a write makes the old value unreachable at once.

Scopes: one per university (its applications, reviews and staged decisions), ALL for readers of
every university (coordinators), and CHOICES for the set-up data (what the queue's filters list,
quotas, a cohort's questions and interview stage). The
version moves twice per write: at once (the writer's own next read, inside its transaction) and
again on commit, so a value another request computed from the data before the commit, and filed
under the first bump, is never read. A version that is missing (evicted, or a cache flush) starts
again from the clock, above any number it held before.

The cache must be shared by every process (Redis, as in production) for another worker's write to
reach this one; settings.FTL_READ_CACHE is off without Redis, and then every read is computed. While
this process cannot reach Redis (ftl_portal/cache.py falls back to a cache of its own) its reads are
computed too; a write it made meanwhile never bumped Redis's versions, so once Redis answers again
it moves the epoch that every version is read with, before anything else is read.

Within one request the versions are read once (an application's page asks three times), unless the
request itself writes: a request sees the data as of its first read, as if it had run all at once.

A value filed under a version never changes, so each process also keeps the last values it read or
computed (_Recent), by their full key: a page whose values are all there makes one round trip, for
the versions, not two. They are kept pickled, so each read gets a copy of its own, as from Redis.
"""

import pickle
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

from accounts.models import Role

ALL = "all"
CHOICES = "choices"
TIMEOUT = 3600


EPOCH = "epoch"
RECENT_VALUES = 1024


class _Recent:
    """The process's most recently used values by their versioned key, pickled, at most `size`."""

    def __init__(self, size):
        self.size, self._values, self._lock = size, OrderedDict(), threading.Lock()

    def get_many(self, keys):
        with self._lock:
            found = {key: self._values[key] for key in keys if key in self._values}
            for key in found:
                self._values.move_to_end(key)
        return {key: pickle.loads(value) for key, value in found.items()}  # noqa: S301 - pickled here, by put()

    def put(self, key, value):
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._values[key] = pickled
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self):
        with self._lock:
            self._values.clear()


recent = _Recent(RECENT_VALUES)
_written_while_unshared = False
_request = threading.local()  # .versions: {scope: version} read so far in this request, or None


def _request_began(**kwargs):
    _request.versions = {}


def _request_ended(**kwargs):
    _request.versions = None


request_started.connect(_request_began, dispatch_uid="read_cache_request_began")
request_finished.connect(_request_ended, dispatch_uid="read_cache_request_ended")


def _version_key(scope):
    return f"admissions:version:{scope}"


def _shared():
    return getattr(cache, "shared", True)


def _versions(scopes):
    """The scopes' versions, each with the epoch: one round trip, none for the scopes this request
    has read already."""
    global _written_while_unshared
    if _written_while_unshared:
        _written_while_unshared = False
        _move(EPOCH)
    read = getattr(_request, "versions", None)
    if read is not None and all(scope in read for scope in scopes):
        return [read[scope] for scope in scopes]
    versions = _read_versions(scopes)
    if read is not None:
        read.update(zip(scopes, versions, strict=True))
    return versions


def _read_versions(scopes):
    keys = [_version_key(scope) for scope in (EPOCH, *scopes)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
    return [f"{found[keys[0]]}.{found[key]}" for key in keys[1:]]


def _move(scope):
    try:
        cache.incr(_version_key(scope))
    except ValueError:  # not there: a fresh start from the clock is above it anyway
        cache.add(_version_key(scope), time.time_ns(), timeout=None)


def bump(*scopes):
    """Make every value cached for these scopes unreachable, now and again when the transaction commits."""

    def move():
        global _written_while_unshared
        if not _shared():
            _written_while_unshared = True
        if getattr(_request, "versions", None):
            _request.versions = {}
        for scope in scopes:
            _move(scope)

    move()
    transaction.on_commit(move)


def cached_many(reads):
    """{name: value} for reads given as {name: (scope, key, compute)}: one cache round trip for the
    versions, and one more for the values this process has not read lately. compute() runs for what
    is missing."""
    if not settings.FTL_READ_CACHE or not _shared():
        return {name: compute() for name, (_scope, _key, compute) in reads.items()}
    names = list(reads)
    scopes = list(dict.fromkeys(reads[name][0] for name in names))
    by_scope = dict(zip(scopes, _versions(scopes), strict=True))
    keys = {name: f"admissions:{reads[name][1]}:{by_scope[reads[name][0]]}" for name in names}
    found = recent.get_many(keys.values())
    if len(found) < len(keys):
        fetched = cache.get_many([key for key in keys.values() if key not in found])
        for key, value in fetched.items():
            recent.put(key, value)
        found.update(fetched)
    result = {}
    for name in names:
        if keys[name] in found:
            result[name] = found[keys[name]]
        else:
            result[name] = reads[name][2]()
            cache.set(keys[name], result[name], TIMEOUT)
            recent.put(keys[name], result[name])
    return result


def university_scope(user):
    """The scope of what the user reads in the queue: their university, or ALL for coordinators."""
    return ALL if user.role == Role.COORDINATOR else user.partner_id
