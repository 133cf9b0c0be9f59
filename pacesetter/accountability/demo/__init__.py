"""The work-style part of the demo county: ~40 key tasks from the speech (catalogue.py) with
their responsible leaders, lead and supporting units, milestones and a year of monthly
progress reports, then the escalation ladder run on today, and what people made of it:
supervision notices answered, accountability cases found, responded to and closed.

What a person does goes through the domain functions, so the audit log and the
notifications hold it: creating the tasks, each task's latest report (which sets its
progress and next report due), completing and suspending, sign-offs, the escalation run,
answers, findings, sanctions, responses and decisions. The months of reports before the
latest are history, written in bulk with the day they were made (history.py). One more
correction behind the domain's back: a completed task's `completed_on` is the day of its
final report, not the day of seeding.

Who acts: the county admin (`county`) creates and reports; the first township's admin
(`township1`) reports and signs for its own township; the responsible leader `leader1`
signs off their tasks and has signed all but their latest reports (so "my tasks" has
something to sign); the inspector (`inspector`) handles the cases. Notices and cases of the
first township are left for `township1` to answer.
"""
from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.commitments.demo import photos
from pacesetter.core import audit
from pacesetter.core.errors import DomainError
from pacesetter.orgs.models import Goal, Leader, Organization

from .. import domain
from ..enums import CaseStatus, EscalationAction, KeyTaskStatus, NoticeStatus, Sanction, Schedule
from ..escalation import escalate
from ..models import (
    AccountabilityCase,
    KeyTask,
    Milestone,
    ProgressReport,
    ReportEvidence,
    SignOff,
    SupervisionNotice,
)
from ..queries import annotate_schedule, schedule_counts
from . import history, texts
from .catalogue import COMPLETED, PREFIX, SUSPENDED, TASKS, Spec
from .county import Actors, Units, find_actors, find_county
from .timeline import Timeline, plan, year_start

#: Chance that a task's latest report carries a photo, besides leader1's and township1's tasks.
PHOTO_CHANCE = 0.15


@dataclass(frozen=True)
class AccountabilityDemo:
    tasks: int
    schedule: dict[str, int]
    reporting_late: int
    reports: int
    photos: int
    sign_offs: int
    reminders: int
    notices: int
    notices_answered: int
    cases: int
    case_statuses: dict[str, int]
    #: Key tasks of `leader1` ("my tasks").
    leader1_tasks: int

    def summary(self) -> str:
        """One line for seed_demo's output."""
        s = self.schedule
        return _(
            "Key tasks: %(tasks)d (%(on_track)d on track, %(behind)d behind, %(serious)d seriously behind, "
            "%(not_started)d not started, %(completed)d completed, %(suspended)d suspended; %(late)d late with "
            "their reports), %(reports)d progress reports (%(photos)d photos); escalation: %(reminders)d reminders, "
            "%(notices)d supervision notices (%(answered)d answered), %(cases)d accountability cases "
            "(%(closed)d closed). leader1 is responsible for %(mine)d: %(url)s"
        ) % {"tasks": self.tasks, "on_track": s[Schedule.ON_TRACK], "behind": s[Schedule.BEHIND],
             "serious": s[Schedule.SERIOUSLY_BEHIND], "not_started": s[Schedule.NOT_STARTED],
             "completed": s[Schedule.COMPLETED], "suspended": s[Schedule.SUSPENDED], "late": self.reporting_late,
             "reports": self.reports, "photos": self.photos, "reminders": self.reminders, "notices": self.notices,
             "answered": self.notices_answered, "cases": self.cases, "closed": self.case_statuses[CaseStatus.CLOSED],
             "mine": self.leader1_tasks, "url": reverse("accountability:task-mine")}


def seed_accountability(root: Organization, *, rng: random.Random,
                        today: datetime.date | None = None) -> AccountabilityDemo:
    """The key tasks, their year and its escalations (see the module docstring) in the demo
    county under `root`; refused when key tasks exist. The same for the same seed and day."""
    today = today or timezone.localdate()
    if KeyTask.objects.exists():
        raise DomainError(_("Key tasks exist already; the demo only fills an empty register."))
    county = find_county(root)
    actors = find_actors(county)
    leaders = list(Leader.objects.filter(organization=county).order_by("code"))
    units = Units(county)
    goals = Goal.objects.in_bulk([s.goal for s in TASKS], field_name="code")
    stored: list[ReportEvidence] = []
    try:
        with transaction.atomic():
            year, numbers, made = year_start(today).year, Counter(), []
            for spec in TASKS:
                numbers[spec.kind] += 1
                code = f"{PREFIX[spec.kind]}{year}-{numbers[spec.kind]:02d}"
                line = plan(spec, rng, today)
                made.append((spec, line, _create(spec, line, code=code, actors=actors, units=units,
                                                 leader=leaders[(spec.leader - 1) % len(leaders)],
                                                 goal=goals.get(spec.goal))))
            past = history.write(rng, made, actors)
            signed = history.sign_offs(rng, made, actors, today)
            for spec, line, task in made:
                stored += _latest(spec, line, task, rng=rng, actors=actors)
            ladder = escalate(today)
            _answer_notices(rng, actors)
            _handle_cases(rng, actors, today)
            demo = _summary(today, actors, photos_stored=len(stored), reminders=ladder.count(EscalationAction.REMINDER))
            audit.record("demo.seed_accountability", by=None, object_type="accountability.keytask",
                         object_repr=_("key tasks"), after={
                             "tasks": demo.tasks, "schedule": demo.schedule, "reports": demo.reports,
                             "past_reports_in_bulk": past, "sign_offs_in_bulk": signed,
                             "reminders": demo.reminders, "notices": demo.notices, "cases": demo.cases})
    except Exception:
        for evidence in stored:  # stored, but their rows rolled back
            evidence.file.delete(save=False)
            evidence.thumbnail.delete(save=False)
        raise
    return demo


def _create(spec: Spec, line: Timeline, *, code: str, actors: Actors, leader: Leader, units: Units,
            goal: Goal | None) -> KeyTask:
    lead = units.find(spec.lead)
    supporting = [u for u in dict.fromkeys(units.find(s) for s in spec.supporting) if u.pk != lead.pk]
    return domain.create_task(
        by=actors.county, code=code, title=spec.title, kind=spec.kind, description=spec.description, leader=leader,
        lead_unit=lead, supporting_units=supporting, goal=goal, budget=spec.budget, planned_start=line.start,
        planned_end=line.end, report_every_days=30,
        milestones=[{"title": t, "due_on": due, "weight": w} for t, due, w in line.milestones],
    )


def _latest(spec: Spec, line: Timeline, task: KeyTask, *, rng: random.Random,
            actors: Actors) -> list[ReportEvidence]:
    """The task's latest report through the domain (with a photo for some), then its
    completion or suspension."""
    stored = []
    if line.reports:
        report = line.reports[-1]
        milestone_ids = list(Milestone.objects.filter(task=task).order_by("due_on", "pk").values_list("pk", flat=True))
        reporter = actors.for_unit(task.lead_unit)
        files = []
        if actors.leads(task) or reporter is actors.township1 or rng.random() < PHOTO_CHANCE:
            data = photos.photo(rng, label=f"{task.code}  Pacesetter demo", day=report.day)
            files = [ContentFile(data, name=f"{report.day:%Y%m%d}_现场照片.jpg")]
        written = domain.submit_report(
            task, by=reporter, percent_done=report.percent, files=files, reported_on=report.day,
            narrative=texts.narrative(rng, spec, line, report, last=True),
            milestones_done=[milestone_ids[i] for i in report.done],
        )
        stored = list(written.evidence.all())
    if spec.state == COMPLETED:
        domain.set_task_status(task, by=actors.county, status=KeyTaskStatus.COMPLETED, note="已通过验收，按期完成。")
        KeyTask.objects.filter(pk=task.pk).update(completed_on=line.halted_on)
    elif spec.state == SUSPENDED:
        domain.set_task_status(task, by=actors.county, status=KeyTaskStatus.SUSPENDED,
                               note="因县国土空间规划调整，项目暂缓实施，规划批复后复工。")
    return stored


def _answer_notices(rng: random.Random, actors: Actors) -> None:
    """Every other notice answered by its unit; the first township's are left to township1."""
    notices = SupervisionNotice.objects.select_related("organization").order_by("task__code", "pk")
    for n, notice in enumerate(notices):
        if n % 2 or actors.for_unit(notice.organization) is actors.township1:
            continue
        domain.answer_notice(notice, by=actors.county, response=texts.notice_answer(rng, notice.respond_by))


def _handle_cases(rng: random.Random, actors: Actors, today: datetime.date) -> None:
    """Of the cases the ladder opened, outside the first township: the first is found,
    sanctioned with public criticism (通报批评), responded to and closed; the second found and
    responded to; the rest stay open, as do the first township's (township1 responds)."""
    cases = [c for c in AccountabilityCase.objects.select_related("task", "organization").order_by("task__code", "pk")
             if actors.for_unit(c.organization) is actors.county]
    for n, case in enumerate(cases[:2]):
        overdue = case.task.milestones.filter(done_on__isnull=True, due_on__lt=today).order_by("due_on").first()
        domain.record_findings(case, by=actors.inspector, findings=texts.findings(
            case.task.title, overdue.title, overdue.due_on, today, case.organization.name))
        if n == 0:
            domain.add_sanction(case, by=actors.inspector, kind=Sanction.PUBLIC_CRITICISM,
                                person=case.organization.secretary, note="牵头单位主要负责人")
        domain.respond_case(case, by=actors.county, response=texts.response(rng))
        if n == 0:
            domain.close_case(case, by=actors.inspector, decision=texts.decision(case.organization.name))


def _summary(today: datetime.date, actors: Actors, *, photos_stored: int, reminders: int) -> AccountabilityDemo:
    annotated = annotate_schedule(KeyTask.objects.all(), today)
    notices = SupervisionNotice.objects.all()
    return AccountabilityDemo(
        tasks=annotated.count(),
        schedule=schedule_counts(annotated),
        reporting_late=annotated.filter(reporting_late=True).count(),
        reports=ProgressReport.objects.count(),
        photos=photos_stored,
        sign_offs=SignOff.objects.count(),
        reminders=reminders,
        notices=notices.count(),
        notices_answered=notices.filter(status=NoticeStatus.ANSWERED).count(),
        cases=AccountabilityCase.objects.count(),
        case_statuses={s: AccountabilityCase.objects.filter(status=s).count() for s in CaseStatus.values},
        leader1_tasks=KeyTask.objects.filter(leader__user=actors.leader1).count() if actors.leader1 else 0,
    )
