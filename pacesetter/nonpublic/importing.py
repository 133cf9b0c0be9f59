"""Importing entities from a spreadsheet as Excel and WPS save it (.xlsx, .xls, .et, .csv).

All or nothing: every row is registered through `domain.register_entity` inside one
transaction; if any row is refused, nothing is kept and every refusal is reported with its
row number as the spreadsheet shows it. Columns are found by their header, in Chinese or
English; choices take their code, their English label or the Chinese term."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.importing.cells import CellError, parse_date, text
from pacesetter.orgs.importing.reading import ImportFileError, check_size, decode_text
from pacesetter.orgs.models import Member, Organization

from . import domain, queries
from .enums import EntityKind, Industry, PartyStatus

FORMATS = (".xlsx", ".xls", ".et", ".csv")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: column key → header spellings (folded to lower case, spaces dropped).
COLUMNS = {
    "name": ("名称", "单位名称", "name"),
    "credit_code": ("统一社会信用代码", "信用代码", "creditcode", "unifiedsocialcreditcode"),
    "kind": ("类型", "类别", "kind"),
    "industry": ("行业", "所属行业", "industry"),
    "township": ("乡镇", "所在乡镇", "township"),
    "employees": ("从业人员", "从业人员数", "职工人数", "employees"),
    "party_members": ("党员数", "党员人数", "partymembers"),
    "status": ("党组织状态", "党组织建立情况", "status", "partyorganisation"),
    "covering": ("覆盖党组织代码", "党组织代码", "covering", "coveringorganisation"),
    "instructor": ("党建指导员编号", "指导员编号", "instructor"),
    "registered_on": ("登记日期", "registeredon"),
}
REQUIRED = ("name", "credit_code", "kind", "industry", "township", "employees", "party_members", "status")
TERMS = {
    "kind": {"非公企业": EntityKind.ENTERPRISE, "企业": EntityKind.ENTERPRISE, "社会组织": EntityKind.SOCIAL},
    "status": {"未建": PartyStatus.NONE, "无": PartyStatus.NONE, "联合党支部": PartyStatus.JOINT,
               "联建": PartyStatus.JOINT, "单独建": PartyStatus.OWN, "单建": PartyStatus.OWN},
    "industry": {"农林牧渔业": "A", "农、林、牧、渔业": "A", "制造业": "C", "建筑业": "E", "批发和零售业": "F",
                 "批发零售业": "F", "交通运输、仓储和邮政业": "G", "住宿和餐饮业": "H", "住宿餐饮业": "H",
                 "信息传输、软件和信息技术服务业": "I", "房地产业": "K", "租赁和商务服务业": "L",
                 "科学研究和技术服务业": "M", "居民服务、修理和其他服务业": "O", "教育": "P", "卫生和社会工作": "Q",
                 "文化、体育和娱乐业": "R", "公共管理、社会保障和社会组织": "S"},
}
ENUMS = {"kind": EntityKind, "status": PartyStatus, "industry": Industry}


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportOutcome:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)


def _fold(value) -> str:
    return "".join(text(value).split()).lower()


def read_rows(data: bytes, filename: str) -> list[list]:
    """The first sheet's rows, the type decided by the content as well as the name."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in FORMATS:
        raise ImportFileError(_("Wrong file type %(suffix)s: upload .xlsx, .xls, .et or .csv.")
                              % {"suffix": suffix or _("(none)")}, code="file_type")
    check_size(len(data))
    if not data.strip():
        raise ImportFileError(_("The file is empty."), code="empty")
    if suffix == ".csv":
        if data.startswith((b"PK\x03\x04", _OLE_MAGIC)):
            raise ImportFileError(_("This file is a workbook, not CSV text."), code="file_type")
        content = decode_text(data)
        first = content.split("\n", 1)[0]
        return list(csv.reader(io.StringIO(content, newline=""), delimiter=max(",\t;", key=first.count)))
    if not data.startswith((b"PK\x03\x04", _OLE_MAGIC)):
        raise ImportFileError(_("This file is not a spreadsheet, whatever its name says."), code="file_type")
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises its own errors for broken or protected files
        raise ImportFileError(_("The spreadsheet could not be read: save it again as .xlsx without a password."),
                              code="file_type") from None


def _columns(header: list) -> dict[str, int]:
    spelled = {_fold(spelling): key for key, spellings in COLUMNS.items() for spelling in spellings}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = spelled.get(_fold(cell))
        if key and key not in found:
            found[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in found]
    if missing:
        raise ImportFileError(_("The first row lacks the columns %(columns)s.") % {"columns": "、".join(missing)},
                              code="columns")
    return found


def _choice(key: str, value) -> str:
    raw = text(value)
    enum = ENUMS[key]
    for candidate in (raw, raw.upper(), raw.lower()):
        if candidate in enum.values:
            return candidate
    labels = {_fold(label): v for v, label in enum.choices}
    labels.update({_fold(term): v for term, v in TERMS.get(key, {}).items()})
    labels.update({_fold(str(label).split(" (")[0]): v for v, label in enum.choices})
    if _fold(raw) in labels:
        return labels[_fold(raw)]
    raise CellError(_("“%(value)s” is not one of: %(choices)s.")
                    % {"value": raw, "choices": "、".join(str(label) for _v, label in enum.choices)})


def _count(value) -> int:
    raw = text(value)
    if not raw.isdigit():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": raw})
    return int(raw)


class _Lookups:
    """Townships, covering organisations and instructors, each read once per file."""

    def __init__(self, by):
        from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

        self.townships = {}
        for org in queries.townships():
            self.townships[org.township] = self.townships[org.code] = self.townships[org.name] = org
        self.organizations = organizations_visible_to(by)
        self.members = members_visible_to(by)

    def township(self, value) -> Organization:
        found = self.townships.get(text(value))
        if found is None:
            raise CellError(_("No township “%(value)s”.") % {"value": text(value)})
        return found

    def organization(self, value) -> Organization | None:
        code = text(value)
        if not code:
            return None
        found = self.organizations.filter(code=code).first()
        if found is None:
            raise CellError(_("No organisation with the code %(code)s in your view.") % {"code": code})
        return found

    def member(self, value) -> Member | None:
        code = text(value)
        if not code:
            return None
        found = self.members.filter(code=code).first()
        if found is None:
            raise CellError(_("No member with the code %(code)s in your view.") % {"code": code})
        return found


def _values(row: list, columns: dict[str, int], lookups: _Lookups) -> dict:
    def cell(key):
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    registered = parse_date(cell("registered_on")) if text(cell("registered_on")) else None
    return {"name": text(cell("name")), "credit_code": text(cell("credit_code")), "kind": _choice("kind", cell("kind")),
            "industry": _choice("industry", cell("industry")), "township": lookups.township(cell("township")),
            "employees": _count(cell("employees")), "party_members": _count(cell("party_members")),
            "status": _choice("status", cell("status")), "covering": lookups.organization(cell("covering")),
            "instructor": lookups.member(cell("instructor")), "registered_on": registered}


class _Refused(Exception):
    """Rolls the whole import back."""


def import_entities(data: bytes, filename: str, *, by) -> ImportOutcome:
    rows = read_rows(data, filename)
    if not rows:
        raise ImportFileError(_("The file is empty."), code="empty")
    columns = _columns(rows[0])
    limit = getattr(settings, "NONPUBLIC_IMPORT_MAX_ROWS", 5000)
    if len(rows) - 1 > limit:
        raise ImportFileError(_("The file has %(n)d rows; at most %(max)d are imported at once.")
                              % {"n": len(rows) - 1, "max": limit}, code="too_large")
    outcome = ImportOutcome()
    lookups = _Lookups(by)
    try:
        with transaction.atomic():
            for number, row in enumerate(rows[1:], start=2):
                if not any(text(value) for value in row):
                    continue
                try:
                    domain.register_entity(by=by, **_values(row, columns, lookups))
                except CellError as error:
                    outcome.errors.append(RowError(number, error.message))
                except DomainError as error:
                    outcome.errors.append(RowError(number, " ".join(error.messages)))
                else:
                    outcome.created += 1
            if outcome.errors:
                raise _Refused
    except _Refused:
        outcome.created = 0
    return outcome
