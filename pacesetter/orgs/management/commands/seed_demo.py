"""`pacesetter seed_demo`: a fictional county (or province) in Chinese, the same for the same seed.

It only fills an empty database: with organisations present it refuses (a demo mixed
into real data would be worse than none), or, with --if-empty, says so and succeeds,
which is what `make run` relies on to seed a fresh machine once.
"""
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pacesetter.accountability.demo import seed_accountability
from pacesetter.activities import demo as activities_demo
from pacesetter.campaigns.demo import seed_campaigns
from pacesetter.commitments.demo import seed_commitments
from pacesetter.commitments.enums import CommitmentStatus
from pacesetter.doublelead import demo as doublelead_demo
from pacesetter.evaluation.demo import seed_evaluation
from pacesetter.exhibition import demo as exhibition_demo
from pacesetter.honours import demo as honours_demo
from pacesetter.jobs import demo as jobs_demo
from pacesetter.linkage import demo as linkage_demo
from pacesetter.nonpublic import demo as nonpublic_demo
from pacesetter.orgs.demo import seed as demo
from pacesetter.orgs.demo.goals import seed_goals
from pacesetter.orgs.demo.structure import SCALES
from pacesetter.orgs.models import Organization
from pacesetter.pairing import demo as pairing_demo
from pacesetter.selections import demo as selections_demo
from pacesetter.seminars import demo as seminars_demo
from pacesetter.sitevisits import demo as sitevisits_demo
from pacesetter.stages import demo as stages_demo
from pacesetter.vanguard import demo as vanguard_demo


class Command(BaseCommand):
    help = "Create the demo county (or province) with its members, leaders and demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="county",
                            help="small: one township; county: ~1,500 organisations and ~30,000 members; "
                                 "province: ~100,000 organisations and ~3 million members (benchmarks); "
                                 "small-province: a province of two small counties (tests).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed always gives the same data.")
        parser.add_argument("--password", default=demo.DEFAULT_PASSWORD, help="Password of every demo login.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Succeed without doing anything when organisations already exist.")

    def handle(self, *args, scale, seed, password, if_empty, **options):
        existing = Organization.objects.count()
        if existing:
            if if_empty:
                message = _("%(count)d organisations exist: already seeded, nothing done.")
                self.stdout.write(message % {"count": existing})
                return
            raise CommandError(
                _("The database already holds %(count)d organisations; seed_demo only fills an empty database. "
                  "Use --if-empty to skip quietly.") % {"count": existing}
            )
        console = Console(file=getattr(self.stdout, "_out", self.stdout), highlight=False)
        started = time.perf_counter()
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console,
        ) as bar:
            tasks = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    label = {"organisations": _("Organisations"), "members": _("Members")}[stage]
                    tasks[stage] = bar.add_task(label, total=total)
                bar.update(tasks[stage], completed=done)

            result = demo.seed(scale, seed, password=password, progress=progress)
        root = Organization.objects.filter(depth=1).order_by("path").first()
        evaluation = seed_evaluation(root, rng=random.Random(f"{seed}:evaluation"))  # nosec B311 # seeded demo data, reproducible on purpose; no secret
        campaigns = seed_campaigns(rounds=[evaluation.released, evaluation.later, evaluation.open_round],
                                   previous_rounds=[evaluation.earlier])
        goals = seed_goals()
        commitments = seed_commitments(root, campaign=campaigns.current, rng=random.Random(f"{seed}:commitments"))  # nosec B311 # seeded demo data, reproducible on purpose; no secret
        accountability = seed_accountability(root, rng=random.Random(f"{seed}:accountability"))  # nosec B311 # seeded demo data, reproducible on purpose; no secret
        # Pairings, affiliates, double-lead members and vanguard projects first: nominations
        # snapshot them. The honours demo commends the selection the selections demo leaves
        # final; campaign stages check what the others did: keep the order.
        incentives = [
            module.seed(root, rng=random.Random(f"{seed}:{name}"))  # nosec B311 # seeded demo data, reproducible on purpose; no secret
            for name, module in (("pairing", pairing_demo), ("linkage", linkage_demo),
                                 ("doublelead", doublelead_demo), ("exhibition", exhibition_demo),
                                 ("seminars", seminars_demo), ("sitevisits", sitevisits_demo),
                                 ("vanguard", vanguard_demo), ("nonpublic", nonpublic_demo),
                                 ("activities", activities_demo),
                                 ("selections", selections_demo),
                                 ("honours", honours_demo), ("stages", stages_demo), ("jobs", jobs_demo))
        ]
        # Fresh statistics for the planner: without them PostgreSQL picks slow plans for the
        # notice board until autovacuum gets round to the new tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        console.print(
            _("Seeded %(orgs)d organisations, %(members)d members and %(leaders)d leaders in %(seconds).1f s.")
            % {"orgs": result.counts["organizations"], "members": result.counts["members"],
               "leaders": result.counts["leaders"], "seconds": elapsed}
        )
        table = Table(title=_("Demo logins"), caption=_("Password for all: %(password)s") % {"password": password})
        table.add_column(_("Username"))
        table.add_column(_("Role"))
        table.add_column(_("Organisation"))
        for login in result.logins:
            org = login.organization
            table.add_row(login.username, str(login.role.label), f"{org.name} ({org.code})")
        console.print(table)
        console.print(
            _("Evaluation: %(schemes)d schemes; “%(released)s” released (%(subjects)d subjects, %(ballots)d ballots); "
              "“%(open)s” open for ballots (%(open_subjects)d subjects).")
            % {"schemes": evaluation.schemes, "released": evaluation.released.name,
               "subjects": evaluation.released_subjects, "ballots": evaluation.released_ballots,
               "open": evaluation.open_round.name, "open_subjects": evaluation.open_subjects},
            markup=False, soft_wrap=True,
        )
        console.print(
            _("Try a ballot (an unused ballot token of %(subject)s): %(path)s")
            % {"subject": evaluation.ballot_subject, "path": evaluation.ballot_path},
            markup=False, soft_wrap=True,
        )
        console.print(
            _("Open survey of %(subject)s, no token needed: %(path)s")
            % {"subject": evaluation.survey_subject, "path": evaluation.survey_path},
            markup=False, soft_wrap=True,
        )
        console.print(
            _("Campaigns: “%(current)s” under way (%(rounds)d evaluation rounds belong to it), “%(previous)s” "
              "closed. County goals: %(goals)d (the strategy, its two tasks, the “12335” goals and their targets).")
            % {"current": campaigns.current.name, "rounds": campaigns.rounds, "previous": campaigns.previous.name,
               "goals": sum(goals.values())},
            markup=False, soft_wrap=True,
        )
        counts = {
            "pledges": commitments.pledges, "members": commitments.member_pledges, "items": commitments.items,
            "overdue": commitments.overdue, "feedback": sum(commitments.feedback.values()),
            **{key: commitments.statuses.get(status, 0) for key, status in (
                ("published", CommitmentStatus.PUBLISHED), ("submitted", CommitmentStatus.SUBMITTED),
                ("returned", CommitmentStatus.RETURNED), ("drafts", CommitmentStatus.DRAFT))},
        }
        console.print(
            _("Commitments: %(pledges)s pledges (%(published)s published, %(submitted)s awaiting review, "
              "%(returned)s returned, %(drafts)s drafts; %(members)s of members), %(items)s items (%(overdue)s "
              "overdue), %(feedback)s public feedback, %(photos)d evidence photos. Public notice board: %(board)s")
            % {**{key: number_format(n, force_grouping=True) for key, n in counts.items()},
               "photos": commitments.photos, "board": reverse("notice:board")},
            markup=False, soft_wrap=True,
        )
        console.print(evaluation.annual_summary(), markup=False, soft_wrap=True)
        console.print(accountability.summary(), markup=False, soft_wrap=True)
        for summary in incentives:
            console.print(summary, markup=False, soft_wrap=True)
