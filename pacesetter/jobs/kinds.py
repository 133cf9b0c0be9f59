"""The job kinds Pacesetter runs in the background. Each function runs inside the runner's
one transaction (see registry.py)."""
from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacesetter.orgs import rules as org_rules

from .registry import Outcome, register

#: Row-numbered errors kept on the job for its page and the API (all of them are in the report file).
ERRORS_KEPT = 200


def _system_or_county_admin(user) -> bool:
    return user is None or org_rules.is_county_admin(user)


def _importer(user) -> bool:
    return user is None or org_rules.can_import(user)


@register("orgs.import", label=gettext_lazy("Import"), may_start=_importer)
def import_records(job, progress) -> Outcome:
    """An uploaded organisation/member/leader file, all or nothing, with the same
    row-numbered errors as the import page."""
    from pacesetter.orgs.importing import import_file
    from pacesetter.orgs.importing.report import error_report_xlsx
    from pacesetter.orgs.models import Organization

    params = job.params
    organization = Organization.objects.filter(pk=params.get("organization")).first() if params.get("organization") else None
    stages = {"read": (0, 20), "parse": (20, 50), "check": (50, 60), "write": (60, 100)}

    def rows_progress(stage: str, done: int, total: int) -> None:
        low, high = stages.get(stage, (0, 100))
        progress(_("Reading the file") if stage == "read" else _("Importing"),
                 low + (high - low) * done // max(total, 1))

    with job.input_file.open("rb") as handle:
        data = handle.read()
    result = import_file(params["kind"], data, job.input_name, by=job.requested_by,
                         dry_run=bool(params.get("dry_run")), progress=rows_progress, organization=organization)
    summary = {
        "kind": result.kind, "rows": result.rows, "created": len(result.created), "updated": len(result.updated),
        "moved": len(result.moved), "unchanged": result.unchanged, "dry_run": result.dry_run,
        "warnings": [str(w) for w in result.warnings],
    }
    if result.ok:
        return Outcome(summary=summary)
    summary["error_count"] = len(result.errors)
    summary["errors"] = [
        {"row": e.row, "column": e.column, "value": str(e.value), "message": str(e.message)}
        for e in result.errors[:ERRORS_KEPT]
    ]
    return Outcome(summary=summary, file_name="import-errors.xlsx", file_bytes=error_report_xlsx(result),
                   error=_("The file has errors; nothing was imported."))


@register("orgs.export", label=gettext_lazy("Export"), may_start=_importer)
def export_records(job, progress) -> Outcome:
    """The rows of a list page (members, leaders, organisations) with its filters, as the
    requester sees them, in the import's columns."""
    from types import SimpleNamespace

    from django.http import QueryDict

    from pacesetter.orgs.importing import export_xlsx, may_import
    from pacesetter.orgs.views.lists import LeaderList, MemberList, OrganizationList

    kind, by = job.params.get("kind", "members"), job.requested_by
    lists = {"members": MemberList, "leaders": LeaderList, "organizations": OrganizationList}
    if kind not in lists or by is None or not may_import(by, kind):
        return Outcome(error=_("You may not export these records."))
    view = lists[kind]()
    view.setup(SimpleNamespace(user=by, GET=QueryDict(job.params.get("query", ""))))
    queryset = view.filtered()
    progress(_("Writing the file"), 10)
    data = export_xlsx(kind, queryset, by=by)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return Outcome(summary={"kind": kind, "rows": queryset.count()}, file_name=f"{kind}-{stamp}.xlsx", file_bytes=data)


def _can_register(user) -> bool:
    from pacesetter.nonpublic import rules as np_rules

    return user is not None and np_rules.can_register(user)


def _errors_xlsx(errors: list[dict]) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Errors"))
    sheet.append([_("row"), _("reason")])
    for error in errors:
        sheet.append([error["row"], error["message"]])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@register("nonpublic.import", label=gettext_lazy("Import of non-public entities"), may_start=_can_register)
def import_entities(job, progress) -> Outcome:
    """A spreadsheet of non-public enterprises and social organisations, all or nothing,
    with every refused row listed by its number, as on the import page."""
    from pacesetter.nonpublic import importing

    progress(_("Importing"), 10)
    with job.input_file.open("rb") as handle:
        outcome = importing.import_entities(handle.read(), job.input_name, by=job.requested_by)
    if not outcome.errors:
        return Outcome(summary={"created": outcome.created})
    errors = [{"row": e.row, "column": "", "value": "", "message": str(e.message)} for e in outcome.errors]
    return Outcome(summary={"created": 0, "error_count": len(errors), "errors": errors[:ERRORS_KEPT]},
                   file_name="import-errors.xlsx", file_bytes=_errors_xlsx(errors),
                   error=_("The file has errors; nothing was imported."))


def _day(job) -> datetime.date:
    value = job.params.get("date")
    return datetime.date.fromisoformat(value) if value else timezone.localdate()


@register("commitments.reminders", label=gettext_lazy("Commitment reminders"),
          may_start=_system_or_county_admin, run_now=True)
def commitment_reminders(job, progress) -> Outcome:
    from pacesetter.commitments.reminders import send_reminders

    summary = send_reminders(_day(job), days=job.params.get("days"), dry_run=bool(job.params.get("dry_run")))
    return Outcome(summary={k: v for k, v in vars(summary).items() if isinstance(v, (int, str))})


@register("stages.reminders", label=gettext_lazy("Campaign-stage reminders"),
          may_start=_system_or_county_admin, run_now=True)
def stage_reminders(job, progress) -> Outcome:
    from pacesetter.stages.reminders import send_stage_reminders

    summary = send_stage_reminders(_day(job), days=job.params.get("days"), dry_run=bool(job.params.get("dry_run")))
    return Outcome(summary={k: v for k, v in vars(summary).items() if isinstance(v, (int, str))})


@register("accountability.escalate", label=gettext_lazy("Escalation of late key tasks"),
          may_start=_system_or_county_admin, run_now=True)
def escalation(job, progress) -> Outcome:
    from pacesetter.accountability.enums import EscalationAction
    from pacesetter.accountability.escalation import escalate

    summary = escalate(_day(job), dry_run=bool(job.params.get("dry_run")))
    counts = {action: summary.count(action) for action in EscalationAction.values}
    return Outcome(summary={"late": summary.late, **counts})
