"""Server-time p95 of the county stage dashboard and a township drill-down on the county demo.

Usage: bench/stages.py [--requests 30] [--keep DIR]

The database is a fresh SQLite file in a temporary folder (removed afterwards unless
--keep DIR). Into it go the county demo's organisations and logins, this year's campaign,
then the stages demo (pacesetter/stages/demo.py: three stages, eleven tasks, thousands of
manual markings spread by township), and 70 % of the organisations' commitments published
(so the automatic "commitment published" task reads real rows). Then ANALYZE.

Requests go through Django's test client in-process, signed in as the county admin (who
sees every organisation), so the figure is server time; p50/p95 of --requests requests
after 5 warm-ups each, and the p50 of the process's CPU time. Pages: the dashboard, the
dashboard filtered to one sector, to one stage, the first township's drill-down, one organisation's
checklist, the .xlsx export and the API's statuses. Each page's queries are counted once.
Progress goes to stderr; the last line of stdout is one JSON dict.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.key_tasks import analyse, log, queries, timed


def publish_commitments(campaign, rng: random.Random) -> int:
    from django.utils import timezone

    from pacesetter.commitments.models import Commitment
    from pacesetter.orgs.models import Organization

    ids = list(Organization.objects.filter(depth__gt=1).values_list("pk", flat=True))
    rows = []
    for org_id in ids:
        if rng.random() < 0.7:
            day = campaign.starts_on + datetime.timedelta(days=rng.randint(20, 80))
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            rows.append(Commitment(campaign=campaign, organization_id=org_id, status="published", published_at=at))
    Commitment.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keep", metavar="DIR", type=Path, help="make the SQLite database in DIR and keep it")
    args = parser.parse_args()

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        var_dir, temporary = args.keep.resolve(), None
    else:
        var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-stages-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["PACESETTER_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("DEBUG", "1")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from pacesetter.campaigns.demo import seed_campaigns
    from pacesetter.orgs.models import Organization
    from pacesetter.stages import demo as stages_demo
    from pacesetter.stages.models import StageTask, TaskCompletion

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        from pacesetter.orgs.demo import seed as org_demo

        org_demo.seed("county", 1)
        campaigns = seed_campaigns()
        root = Organization.objects.get(depth=1)
        published = publish_commitments(campaigns.current, random.Random("bench:stages:commitments"))
        summary = stages_demo.seed(root, rng=random.Random("bench:stages"))
        build_s = time.perf_counter() - started
        log(f"{summary} ({published} commitments published) in {build_s:.1f} s")
        analyse()
        county = Client(HTTP_HOST="localhost")
        county.force_login(get_user_model().objects.get(username="county"))
        campaign = campaigns.current.pk
        township = Organization.objects.filter(depth=2).exclude(township="").order_by("path").first().township
        branch = Organization.objects.filter(depth=3, township=township).order_by("path").first()
        pages = {
            "dashboard": f"/stages/?campaign={campaign}",
            "dashboard_village_sector": f"/stages/?campaign={campaign}&sector=village",
            "dashboard_implement_stage": f"/stages/?campaign={campaign}&stage=implement",
            "township": f"/stages/township/?campaign={campaign}&name={quote(township)}",
            "org_checklist": f"/stages/o/{branch.code}/?campaign={campaign}",
            "export_xlsx": f"/stages/export.xlsx?campaign={campaign}",
            "api_statuses": f"/api/v1/campaign-stage-statuses/?campaign={campaign}",
        }
        figures = {
            "engine": "sqlite", "organizations": Organization.objects.filter(depth__gt=1).count(),
            "tasks": StageTask.objects.count(), "completions": TaskCompletion.objects.count(),
            "commitments_published": published, "build_s": round(build_s, 1), "requests": args.requests,
            "load_before": round(os.getloadavg()[0], 1),
        }
        for key, url in pages.items():
            figures[key] = timed(county, url, args.requests) | {"queries": queries(county, url), "url": url}
            log(f"{key}: {figures[key]}")
        figures["load_after"] = round(os.getloadavg()[0], 1)
        print(json.dumps(figures, ensure_ascii=False))
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
