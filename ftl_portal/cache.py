"""The Redis cache, with a per-process fallback while Redis is unreachable.

The cache holds allauth's rate limits (sign-in, sign-up, password reset). Without this wrapper an
outage of Redis turns every sign-in and sign-up into a 500. Instead, the first connection error is
logged (at ERROR, so Sentry reports it through its logging integration) and the process carries on
with a local-memory cache: rate limits still apply, but per process rather than across workers,
until Redis answers again. Redis is tried again every RETRY_AFTER_SECONDS, so a request during the
outage does not pay for a failed connection each time, and the recovery is logged too.

Each connection pool's client is built once and reused (ClientPerPool).
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _falls_back(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if not self._redis_due():
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            result = redis_method(self, *args, **kwargs)
        except UNREACHABLE as error:
            self._outage_began(error)
            return getattr(self._fallback, name)(*args, **kwargs)
        self._outage_ended()
        return result

    method.__name__ = name
    method.__doc__ = redis_method.__doc__
    return method


class ClientPerPool(RedisCacheClient):
    """Django builds a redis.Redis for every cache operation, and with redis-py 8 each build (it
    registers every response callback) costs about 90 µs: more than the GET it then sends, and two or
    three a signed-in page. One client per connection pool instead, built on first use: a client holds
    no connection of its own (its pool does) and is safe to share between threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # the pools live as long as this client: their ids stay theirs
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCacheWithLocalFallback(RedisCache):
    # How many outages the process has seen begin, in any thread's cache: whoever keeps something of
    # its own beside Redis (ftl_portal/sessions.py) tells from it whether one came and went meanwhile.
    outages = 0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ClientPerPool
        self._fallback = LocMemCache(f"redis-fallback:{server}", params)
        self._lock = threading.Lock()
        self._down_since = None
        self._retry_at = 0.0

    @property
    def shared(self):
        """Whether this process reaches Redis (the cache every process shares), not its own fallback."""
        return self._down_since is None

    def _redis_due(self):
        return self._down_since is None or time.monotonic() >= self._retry_at

    def _outage_began(self, error):
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = time.monotonic()
                RedisCacheWithLocalFallback.outages += 1
            self._retry_at = time.monotonic() + RETRY_AFTER_SECONDS
        if first:
            logger.error(
                "Redis cache unreachable (%s); using a per-process local cache, so rate limits are per "
                "process until it is back",
                error,
                exc_info=error,
            )

    def _outage_ended(self):
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is None:
                return
            lasted = time.monotonic() - self._down_since
            self._down_since = None
        logger.warning("Redis cache reachable again after %.0f s; rate limits are shared again", lasted)

    add = _falls_back("add")
    get = _falls_back("get")
    set = _falls_back("set")
    touch = _falls_back("touch")
    delete = _falls_back("delete")
    get_many = _falls_back("get_many")
    has_key = _falls_back("has_key")
    incr = _falls_back("incr")
    set_many = _falls_back("set_many")
    delete_many = _falls_back("delete_many")
    clear = _falls_back("clear")
