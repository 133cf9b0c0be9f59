"""Server-time p95 of the tree browser's and the member list's first page, and the home dashboard, on a seeded database.

Usage: DATABASE_URL=... bench/pages.py [--requests 200]
Requests go through Django's test client in-process (no network), so the figure is
server time: URL routing, middleware, queries, template rendering. The baseline is
/healthz (one SELECT 1) measured in the same run.
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
os.environ.setdefault("SECURE_HTTPS", "0")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from pacesetter.orgs import domain  # noqa: E402
from pacesetter.orgs.enums import Role  # noqa: E402
from pacesetter.orgs.models import Organization  # noqa: E402


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def timed(client, url, n):
    samples = []
    for _ in range(5):
        client.get(url)  # warm caches and connections
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(p95(samples), 2)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    setup_test_environment()
    User = get_user_model()
    township = Organization.objects.filter(depth=3).order_by("path").first() or Organization.objects.filter(
        depth=2
    ).order_by("path").first()
    root = Organization.objects.filter(depth=1).order_by("path").first()
    clients = {}
    for name, org in (("bench-township", township), ("bench-top", root)):
        user, _ = User.objects.get_or_create(username=name)
        domain.assign_role(user, role=Role.ORG_ADMIN, organization=org, by=None)
        clients[name] = Client(HTTP_HOST="localhost")
        clients[name].force_login(user)
    client = clients["bench-township"]
    results = {
        "orgs": Organization.objects.count(),
        "township": township.code,
        "baseline_healthz": timed(client, "/healthz", args.requests),
        "tree_first_page_township": timed(client, "/orgs/", args.requests),
        "member_list_first_page_township": timed(client, f"/orgs/members/?org={township.code}", args.requests),
        "tree_first_page_whole_tree": timed(clients["bench-top"], "/orgs/", args.requests),
        "home_township": timed(client, "/", args.requests),
        # The whole province's counts take seconds and are cached for minutes (core.views._dashboard_figures):
        # after the warm-up this is the page with cached counts and live recent changes.
        "home_whole_tree": timed(clients["bench-top"], "/", args.requests),
    }
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
