"""Database rate limits: counting in fixed windows, keys stored as HMACs, pruning, races."""
import threading

import pytest
from django.db import connection, connections

from pacesetter.core import ratelimit
from pacesetter.core.models import RateBucket

pytestmark = pytest.mark.django_db

T0 = 1_800_000_000  # a window boundary for 60-second windows (divisible by 60)


def takes(n, **kwargs):
    kwargs = {"limit": 3, "window_seconds": 60, "now": T0 + 5, **kwargs}
    return [ratelimit.take("feedback", "203.0.113.7", **kwargs) for _ in range(n)]


def test_take_allows_up_to_the_limit_in_one_window():
    assert takes(5) == [True, True, True, False, False]


def test_refused_takes_are_not_counted():
    takes(5)
    assert list(RateBucket.objects.values_list("count", flat=True)) == [3]


def test_next_window_starts_a_new_count():
    takes(3, now=T0 + 59)
    assert takes(2, now=T0 + 60) == [True, True]


def test_scopes_count_apart():
    takes(3)
    assert ratelimit.take("objection", "203.0.113.7", limit=3, window_seconds=60, now=T0 + 5) is True


def test_identities_count_apart():
    takes(3)
    assert ratelimit.take("feedback", "203.0.113.8", limit=3, window_seconds=60, now=T0 + 5) is True


def test_key_is_stored_as_an_hmac_not_the_address():
    takes(1)
    bucket = RateBucket.objects.get()
    assert (bucket.key_hash, bucket.window, "203.0.113.7" in bucket.key_hash) == (
        ratelimit.key_hash("feedback", "203.0.113.7"), T0 + 60, False
    )


def test_key_hash_depends_on_the_secret_key(settings):
    before = ratelimit.key_hash("feedback", "203.0.113.7")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert ratelimit.key_hash("feedback", "203.0.113.7") != before


def test_limit_below_one_switches_the_limit_off():
    assert (takes(5, limit=0), RateBucket.objects.count()) == ([True] * 5, 0)


def test_window_must_be_positive():
    with pytest.raises(ValueError):
        ratelimit.take("feedback", "x", limit=1, window_seconds=0)


def test_take_without_now_uses_the_clock():
    assert [ratelimit.take("feedback", "x", limit=1, window_seconds=3600) for _ in range(2)] == [True, False]


def test_prune_deletes_windows_ended_over_an_hour_ago():
    for window in (T0 - 3601, T0 - 3600, T0 + 60):
        RateBucket.objects.create(key_hash="k" * 64, window=window, count=1)
    deleted = ratelimit.prune(now=T0)
    assert (deleted, sorted(RateBucket.objects.values_list("window", flat=True))) == (1, [T0 - 3600, T0 + 60])


def test_take_prunes_now_and_then(monkeypatch):
    monkeypatch.setattr(ratelimit, "_last_prune", T0 - 7200)
    takes(1, now=T0 - 7200 + 1)
    takes(1, now=T0)  # ten minutes or more since the last prune: prunes the old bucket
    assert list(RateBucket.objects.values_list("window", flat=True)) == [T0 + 60]


def test_take_does_not_prune_on_every_call(monkeypatch):
    monkeypatch.setattr(ratelimit, "_last_prune", T0 - 60)
    takes(1, now=T0 - 7200)
    takes(1, now=T0)
    assert RateBucket.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL lets them race")
def test_racing_takes_never_pass_the_limit():
    """Eight connections at once against a limit of three, on a bucket that does not exist yet."""
    barrier = threading.Barrier(8)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(ratelimit.take("race", "198.51.100.1", limit=3, window_seconds=3600, now=T0))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (sorted(results), RateBucket.objects.get().count) == ([False] * 5 + [True] * 3, 3)
