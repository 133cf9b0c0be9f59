"""Rate limits kept in the database, so every app process counts against the same numbers
(the default cache is per process): the public forms' feedback, objections and the like.

A limit counts actions of one key (a scope such as "commitments.feedback" and an identity
such as a client address) in fixed windows of time. Keys are stored only as keyed hashes:
the table holds no address. One upsert counts an action unless the limit is reached, so
racing requests cannot both take the last place, on SQLite and on PostgreSQL alike.

With several app machines sharing Redis (REDIS_URL: the default cache is Redis) the count is
kept in Redis instead: one Lua script reads, compares and increments atomically, and the key
(the same keyed hash and window end) expires with its window. The table stays for installs
on one machine.
"""
from __future__ import annotations

import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.utils.crypto import salted_hmac

from .models import RateBucket

#: Buckets whose window ended longer ago than this are deleted (the grace covers clocks of
#: several machines that differ a little).
PRUNE_GRACE_SECONDS = 3600
#: How often one process prunes, at most.
PRUNE_EVERY_SECONDS = 600

_last_prune = 0.0


def key_hash(scope: str, ident: str) -> str:
    """The stored form of a key: HMAC-SHA256 with the SECRET_KEY, so the table names nobody."""
    return salted_hmac("pacesetter.core.ratelimit", f"{scope}\n{ident}", algorithm="sha256").hexdigest()


def window_end(window_seconds: int, now: float) -> int:
    """The end of the fixed window `now` lies in, in seconds since the epoch: a bucket's
    `window`. Storing the end (not a window number) lets pruning work for any length."""
    return (int(now) // window_seconds + 1) * window_seconds


def take(scope: str, ident: str, *, limit: int, window_seconds: int, now: float | None = None) -> bool:
    """Count one action of `ident` in `scope`; False (nothing counted) when `limit` actions
    were already counted in the current window. A limit below 1 switches the limit off.

    One statement: the loser of a race to insert the bucket updates it instead, and the
    update at the limit changes no row, which the row count reports.
    """
    if window_seconds < 1:
        raise ValueError("window_seconds must be at least 1")
    if limit < 1:
        return True
    now = time.time() if now is None else now
    if (client := _redis_client()) is not None:
        return _take_in_redis(client, key_hash(scope, ident), window_end(window_seconds, now), limit=limit, now=now)
    table = connection.ops.quote_name(RateBucket._meta.db_table)
    key, window, count = (connection.ops.quote_name(name) for name in ("key_hash", "window", "count"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {window}, {count}) VALUES (%s, %s, 1)"  # nosec B608 # names from model _meta, quoted; values bound
            f" ON CONFLICT ({key}, {window}) DO UPDATE SET {count} = {table}.{count} + 1"
            f" WHERE {table}.{count} < %s",
            [key_hash(scope, ident), window_end(window_seconds, now), limit],
        )
        taken = cursor.rowcount == 1
    _prune_now_and_then(now)
    return taken


def prune(*, now: float | None = None) -> int:
    """Delete the buckets of windows that ended more than PRUNE_GRACE_SECONDS ago."""
    now = time.time() if now is None else now
    deleted, _ = RateBucket.objects.filter(window__lt=int(now) - PRUNE_GRACE_SECONDS).delete()
    return deleted


def _prune_now_and_then(now: float) -> None:
    global _last_prune
    if now - _last_prune >= PRUNE_EVERY_SECONDS:
        _last_prune = now
        prune(now=now)


#: Counts one action unless the limit is reached; the key expires when its window (plus the
#: pruning grace, for machines whose clocks differ a little) is over. 1 = taken, 0 = refused.
_TAKE_SCRIPT = """
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return 1
"""


def _redis_client():
    """The redis-py client behind the default cache when it is Django's Redis backend, else None."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True)


def _take_in_redis(client, key: str, window: int, *, limit: int, now: float) -> bool:
    redis_key = caches["default"].make_key(f"ratelimit:{key}:{window}")
    expires = max(window, int(now) + 1) + PRUNE_GRACE_SECONDS
    return client.eval(_TAKE_SCRIPT, 1, redis_key, limit, expires) == 1
