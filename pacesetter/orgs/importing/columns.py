"""The columns of each import kind: Chinese header, English key, parser, and what the template says.

A file's header may be the Chinese name (组织编码), the English key (code) or both
(组织编码 (code), 组织编码（code）); spaces, full-width characters, '_' and a '*' marking a
required column do not matter.

Enum labels in enums.py are translatable, so the Chinese labels the files use are written
out here; English labels and stored values are accepted as well.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..enums import Gender, MemberStatus, OrgLevel, Sector
from ..models import Leader, Member, Organization
from . import cells

LEVEL_ZH = {OrgLevel.COMMITTEE: "党委", OrgLevel.GENERAL_BRANCH: "党总支", OrgLevel.BRANCH: "党支部"}
SECTOR_ZH = {
    Sector.AGENCY: "机关",
    Sector.SCHOOL: "学校",
    Sector.HEALTH: "医疗卫生",
    Sector.ENTERPRISE: "非公企业",
    Sector.SOCIAL: "社会组织",
    Sector.VILLAGE: "农村",
    Sector.COMMUNITY: "社区",
}
GENDER_ZH = {Gender.MALE: "男", Gender.FEMALE: "女"}
STATUS_ZH = {MemberStatus.FORMAL: "正式党员", MemberStatus.PROBATIONARY: "预备党员"}
BOOL_ZH = {True: "是", False: "否"}
# Other spellings seen in real registers.
_ALIASES = {
    OrgLevel: {"总支": OrgLevel.GENERAL_BRANCH, "支部": OrgLevel.BRANCH, "党总支部": OrgLevel.GENERAL_BRANCH},
    Gender: {"男性": Gender.MALE, "女性": Gender.FEMALE},
    MemberStatus: {"正式": MemberStatus.FORMAL, "预备": MemberStatus.PROBATIONARY},
    Sector: {},
}


@cache
def _choice_lookup(enum) -> dict[str, str]:
    zh = {OrgLevel: LEVEL_ZH, Sector: SECTOR_ZH, Gender: GENDER_ZH, MemberStatus: STATUS_ZH}[enum]
    lookup: dict[str, str] = {}
    with translation.override(None):  # the English source labels, whatever language is active
        for member in enum:
            lookup[str(member.value).lower()] = member.value
            lookup[str(member.label).lower()] = member.value
    for member, label in zh.items():
        lookup[label] = member.value
    for alias, member in _ALIASES[enum].items():
        lookup[alias] = member.value
    return lookup


def _parse_choice(enum, value) -> str:
    zh = {OrgLevel: LEVEL_ZH, Sector: SECTOR_ZH, Gender: GENDER_ZH, MemberStatus: STATUS_ZH}[enum]
    return cells.parse_choice(value, _choice_lookup(enum), list(zh.values()))


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    parse: Callable
    required: bool = False  # the column must be in the file
    blank: bool = True  # a cell may be empty
    help: str = ""
    example: str = ""
    repeats: bool = False  # few distinct values (enums, organisation codes): parse each once

    @property
    def header(self) -> str:
        return f"{self.zh} ({self.key})"


def _choice_col(key, zh, enum, **kw) -> Column:
    return Column(key, zh, partial(_parse_choice, enum), repeats=True, **kw)


ORGANIZATION_COLUMNS = (
    Column("code", "组织编码", cells.parse_code, required=True, blank=False, example="1001",
           help=_("Unique code of the organisation; rows are matched by it. Required.")),
    Column("name", "组织名称", partial(cells.parse_text, max_length=_max(Organization, "name")),
           required=True, blank=False, example="城关镇党委",
           help=_("Full name, at most 100 characters. Required.")),
    Column("parent_code", "上级组织编码", cells.parse_code, required=True, repeats=True, example="1000",
           help=_("Code of the organisation above it, in the system or in this file; empty for the top.")),
    _choice_col("level", "组织层级", OrgLevel, required=True, blank=False, example="党委",
                help=_("党委, 党总支 or 党支部. Required.")),
    _choice_col("sector", "组织类别", Sector, required=True, blank=False, example="机关",
                help=_("机关, 学校, 医疗卫生, 非公企业, 社会组织, 农村 or 社区. Required.")),
    Column("township", "所属乡镇", partial(cells.parse_text, max_length=_max(Organization, "township")),
           repeats=True,
           example="城关镇", help=_("Township or area, at most 50 characters.")),
    Column("secretary", "书记", partial(cells.parse_text, max_length=_max(Organization, "secretary")),
           example="王明", help=_("Name of the secretary, at most 50 characters.")),
    Column("established", "成立日期", cells.parse_date, example="2001-07-01",
           help=_("Date founded: 2001-07-01, 2001/7/1, 2001.7.1, 2001年7月1日 or an Excel date.")),
)

MEMBER_COLUMNS = (
    Column("code", "党员编号", cells.parse_code, required=True, blank=False, example="M0001",
           help=_("Unique member number; rows are matched by it. Required.")),
    Column("name", "姓名", partial(cells.parse_text, max_length=_max(Member, "name")),
           required=True, blank=False, example="张三", help=_("Full name, at most 50 characters. Required.")),
    _choice_col("gender", "性别", Gender, required=True, blank=False, example="男",
                help=_("男 or 女. Required.")),
    Column("birth_date", "出生日期", cells.parse_date, example="1980-05-01",
           help=_("Date of birth: 1980-05-01, 1980/5/1, 1980.5.1, 1980年5月1日 or an Excel date.")),
    Column("join_date", "入党日期", cells.parse_date, example="2005-07-01",
           help=_("Date the member joined the party, written like the date of birth.")),
    _choice_col("status", "党员类型", MemberStatus, required=True, blank=False, example="正式党员",
                help=_("正式党员 (full member) or 预备党员 (probationary member). Required.")),
    Column("education", "学历", partial(cells.parse_text, max_length=_max(Member, "education")),
           repeats=True,
           example="大学本科", help=_("Education, at most 30 characters.")),
    Column("org_code", "所在组织编码", cells.parse_code, required=True, blank=False, repeats=True, example="1001",
           help=_("Code of the organisation the member belongs to. Required.")),
    Column("position", "党内职务", partial(cells.parse_text, max_length=_max(Member, "position")),
           repeats=True,
           example="组织委员", help=_("Position in the party organisation, at most 50 characters.")),
    Column("rural", "是否农村党员", cells.parse_bool, example="否",
           repeats=True, help=_("是 if a rural member, otherwise 否 (empty means 否).")),
    Column("phone", "手机号码", cells.parse_phone, example="13800001234",
           help=_("Mobile number (11 digits) or landline such as 0791-8888888, written in full.")),
)

LEADER_COLUMNS = (
    Column("code", "领导编号", cells.parse_code, required=True, blank=False, example="L01",
           help=_("Unique leader number; rows are matched by it. Required.")),
    Column("name", "姓名", partial(cells.parse_text, max_length=_max(Leader, "name")),
           required=True, blank=False, example="王强", help=_("Full name, at most 50 characters. Required.")),
    Column("title", "职务", partial(cells.parse_text, max_length=_max(Leader, "title")),
           example="副县长", help=_("Title, at most 100 characters.")),
    Column("phone", "手机号码", cells.parse_phone, example="13900001234",
           help=_("Mobile number (11 digits) or landline such as 0791-8888888, written in full.")),
)

COLUMNS = {"organizations": ORGANIZATION_COLUMNS, "members": MEMBER_COLUMNS, "leaders": LEADER_COLUMNS}
KINDS = tuple(COLUMNS)
KIND_LABELS = {
    "organizations": _("organisations"),
    "members": _("party members"),
    "leaders": _("county-level leaders"),
}
SHEET_NAMES = {"organizations": "组织", "members": "党员", "leaders": "县级领导"}


def header_key(value) -> str:
    """A header reduced to what matters: no spaces, '_', '-' or '*', ASCII brackets, lower case."""
    folded = unicodedata.normalize("NFKC", cells.text(value))
    return re.sub(r"[\s_\-*]", "", folded).lower()


@cache
def header_lookup(kind: str) -> dict[str, Column]:
    lookup = {}
    for column in COLUMNS[kind]:
        for form in (column.zh, column.key, f"{column.zh}({column.key})"):
            lookup[header_key(form)] = column
    return lookup
