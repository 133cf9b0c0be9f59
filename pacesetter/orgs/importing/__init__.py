"""Import and export of organisations, members and leaders (.xlsx and .csv).

The import writes are domain functions: `import_organizations`, `import_members` and
`import_leaders` each run in one transaction, check every row before writing anything,
match rows by code (new → created, changed → only the changed fields updated, the same →
untouched) and leave ONE audit entry per import that changed something ("orgs.import",
"members.import", "leaders.import": the file's sha256, the counts, the codes and the
changed values). Re-importing a file changes nothing and records nothing.

Who may import what:
- `by=None` is the system (a command run without --user): everything.
- A user needs `rules.can_import`; rows may only create or change records inside the
  subtrees they may edit. An organisation outside their view is reported exactly like one
  that does not exist. Leaders need a county admin.

Organisations: parents may come after their children in the file; new organisations get
their treebeard paths in bulk. A different parent code moves an existing organisation
through `domain.move_organization` (which adds its own "org.move" entry). An empty
parent code means "the top": a new top organisation (the system only), or, for an
existing one that is a top of the user's view, "stays where it is" (that is what an
export made by a township admin says of their township).

The functions take a `Sheet` (from `read_sheet`) or plain rows, header first;
`import_file` reads bytes and turns unreadable files into errors as well.

Leaders have no organisation column: new leaders join the organisation given as
`organization=`; without it, the importing user's top editable organisation if there is
exactly one, or for the system the single root organisation. With several, name one
(`--org CODE` for the command, a choice on the page).

Exports (`export_xlsx`) write the same columns with the header "组织编码 (code)", so an
export re-imports unchanged. They carry phone numbers in full: a masked number could not
be re-imported, so only users who may import (`can_import`) may export, and the importer
refuses masked numbers (containing '*') with a message per row.
"""
from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError

from .. import rules as org_rules
from ..models import Organization
from ..queries import editable_paths, organizations_visible_to, visible_paths
from .columns import KIND_LABELS, KINDS
from .engine import ImportResult, Rejected, RowError, bind, in_paths, paused_gc
from .exporting import export_template, export_xlsx
from .flat import run_flat
from .organizations import run_organizations
from .people import leader_kind, member_kind
from .reading import ImportFileError, Progress, Sheet, check_size, read_sheet

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "ImportFileError",
    "ImportResult",
    "RowError",
    "Sheet",
    "as_sheet",
    "check_size",
    "export_template",
    "export_xlsx",
    "import_file",
    "import_leaders",
    "import_members",
    "import_organizations",
    "leader_organization",
    "may_import",
    "read_sheet",
]


def may_import(user, kind: str) -> bool:
    """Whether `user` may import (and export) `kind`; leaders are the county's business."""
    if not org_rules.can_import(user):
        return False
    return kind != "leaders" or org_rules.is_county_admin(user)


def _scope(by) -> tuple[list[str] | None, list[str] | None]:
    if by is None:
        return None, None
    return visible_paths(by), editable_paths(by)


def as_sheet(rows) -> Sheet:
    """A Sheet as it is, or rows (the header first) from anywhere else, e.g. generated ones."""
    if isinstance(rows, Sheet):
        return rows
    rows = [list(row) for row in rows]
    digest = hashlib.sha256(json.dumps(rows, default=str, ensure_ascii=False).encode()).hexdigest()
    return Sheet(filename="", sha256=digest, format="", rows=rows)


def _run(kind: str, sheet: Sheet, *, by, dry_run: bool, work) -> ImportResult:
    if by is not None and not may_import(by, kind):
        raise PermissionDeniedError(_("You may not import %(kind)s.") % {"kind": KIND_LABELS[kind]}, code="forbidden")
    sheet = as_sheet(sheet)
    result = ImportResult(kind, sheet.filename, sheet.sha256, dry_run=dry_run)
    try:
        with paused_gc(), transaction.atomic():
            bound = bind(kind, sheet)
            if bound.unknown:
                result.warnings.append(
                    _("These columns are not imported: %(columns)s.") % {"columns": "、".join(bound.unknown)}
                )
            work(bound, result)
    except Rejected as exc:
        result.errors = sorted(exc.args[0], key=lambda error: error.row or 0)
    except PermissionDeniedError:
        raise
    except DomainError as exc:  # an ImportFileError, or a domain function refusing a move
        result.errors = [RowError(None, "", "", message) for message in exc.messages]
    if result.errors:
        result.created, result.updated, result.moved, result.unchanged = [], [], [], 0
    return result


def import_organizations(sheet: Sheet | list, *, by, dry_run: bool = False, progress: Progress | None = None) -> ImportResult:
    visible, editable = _scope(by)
    return _run("organizations", sheet, by=by, dry_run=dry_run, work=lambda bound, result: run_organizations(
        bound, result, by=by, visible=visible, editable=editable, dry_run=dry_run, progress=progress,
    ))


def import_members(sheet: Sheet | list, *, by, dry_run: bool = False, progress: Progress | None = None) -> ImportResult:
    visible, editable = _scope(by)
    spec = member_kind(visible=visible, editable=editable)
    return _run("members", sheet, by=by, dry_run=dry_run, work=lambda bound, result: run_flat(
        spec, bound, result, by=by, visible=visible, editable=editable, dry_run=dry_run, progress=progress,
    ))


def import_leaders(sheet: Sheet | list, *, by, organization: Organization | None = None, dry_run: bool = False,
                   progress: Progress | None = None) -> ImportResult:
    visible, editable = _scope(by)
    if by is not None and not may_import(by, "leaders"):
        raise PermissionDeniedError(_("You may not import %(kind)s.") % {"kind": KIND_LABELS["leaders"]}, code="forbidden")
    if organization is None:
        organization = leader_organization(by)
    elif not in_paths(organization.path, editable):
        raise PermissionDeniedError(_("You may not change this organisation."), code="forbidden")
    spec = leader_kind(organization)
    return _run("leaders", sheet, by=by, dry_run=dry_run, work=lambda bound, result: run_flat(
        spec, bound, result, by=by, visible=visible, editable=editable, dry_run=dry_run, progress=progress,
    ))


def leader_organization(by, code: str | None = None) -> Organization:
    """Where new leaders go: the organisation named, else the one top organisation in reach."""
    visible = organizations_visible_to(by) if by is not None else Organization.objects.all()
    editable = editable_paths(by) if by is not None else None
    if code:
        org = visible.filter(code=code).first()
        if org is None:
            raise DomainError(_("Unknown organisation code %(code)s.") % {"code": code}, code="unknown_org")
        if not in_paths(org.path, editable):
            raise PermissionDeniedError(_("You may not change this organisation."), code="forbidden")
        return org
    if editable is None:
        tops = list(Organization.objects.filter(depth=1).order_by("path")[:2])
    else:
        tops = list(Organization.objects.filter(path__in=editable).order_by("path")[:2])
    if len(tops) == 1:
        return tops[0]
    if not tops:
        raise DomainError(_("There is no organisation for the leaders to join yet."), code="no_org")
    raise DomainError(
        _("There are several top organisations: say which one the leaders belong to (--org CODE)."), code="several_roots"
    )


def import_file(kind: str, data: bytes, filename: str, *, by, dry_run: bool = False,
                progress: Progress | None = None, organization: Organization | None = None) -> ImportResult:
    """Read an uploaded file and import it; a file that cannot be read comes back as errors."""
    if by is not None and not may_import(by, kind):
        raise PermissionDeniedError(_("You may not import %(kind)s.") % {"kind": KIND_LABELS[kind]}, code="forbidden")
    try:
        sheet = read_sheet(data, filename, progress=progress)
    except ImportFileError as exc:
        result = ImportResult(kind, filename, dry_run=dry_run)
        result.errors = [RowError(None, "", "", message) for message in exc.messages]
        return result
    if kind == "organizations":
        return import_organizations(sheet, by=by, dry_run=dry_run, progress=progress)
    if kind == "members":
        return import_members(sheet, by=by, dry_run=dry_run, progress=progress)
    if kind == "leaders":
        return import_leaders(sheet, by=by, organization=organization, dry_run=dry_run, progress=progress)
    raise ValueError(f"unknown import kind {kind!r}")
