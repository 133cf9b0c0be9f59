"""Dashboards read from the streaming replica (core.dbrouter); writes go to the primary."""
import time

import pytest

from .conftest import Browser, sql

pytestmark = pytest.mark.cluster

SCANS = ("SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables"
         " WHERE relname = %s")


def _scans(cluster, table: str, *, replica: bool) -> int:
    ((count,),) = sql(cluster, SCANS, [table], replica=replica)
    return int(count)


def _wait_for_more(cluster, table: str, baseline: int, *, replica: bool, seconds: float = 20) -> int:
    """PostgreSQL publishes a backend's table statistics some seconds after its queries (when it goes idle)."""
    deadline = time.monotonic() + seconds
    while (count := _scans(cluster, table, replica=replica)) <= baseline and time.monotonic() < deadline:
        time.sleep(0.2)
    return count


def test_the_home_dashboard_reads_from_the_replica(cluster, seeded):
    browser = Browser(cluster.url)
    browser.login(seeded["username"], seeded["password"])
    baseline = _scans(cluster, "orgs_organization", replica=True)
    assert [browser.get("/").status for _ in range(4)] == [200] * 4
    assert _wait_for_more(cluster, "orgs_organization", baseline, replica=True) > baseline
    ((in_recovery,),) = sql(cluster, "SELECT pg_is_in_recovery()", replica=True)
    assert in_recovery is True


def test_writes_go_to_the_primary_and_stream_to_the_replica(cluster, seeded):
    """A login writes (last_login, the session row): on the primary, and the replica sees it
    only through WAL replay (a standby cannot write; its own tuple counters stay zero)."""
    browser = Browser(cluster.url)
    browser.login(seeded["username"], seeded["password"])
    ((primary_updates,),) = sql(cluster, "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'auth_user'")
    ((replica_writes,),) = sql(cluster, "SELECT n_tup_upd + n_tup_ins FROM pg_stat_user_tables"
                                        " WHERE relname = 'auth_user'", replica=True)
    assert (primary_updates > 0, replica_writes) == (True, 0)
    session_key = browser.cookies["sessionid"]
    deadline = time.monotonic() + 10
    while not (rows := sql(cluster, "SELECT 1 FROM django_session WHERE session_key = %s", [session_key],
                           replica=True)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert rows == [(1,)]


def test_a_page_that_is_not_a_dashboard_reads_from_the_primary(cluster, seeded):
    browser = Browser(cluster.url)
    browser.login(seeded["username"], seeded["password"])
    primary_before = _scans(cluster, "orgs_organization", replica=False)
    assert browser.get("/orgs/").status == 200
    assert _wait_for_more(cluster, "orgs_organization", primary_before, replica=False) > primary_before
