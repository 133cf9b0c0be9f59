"""Importing party members and county-level leaders."""
from __future__ import annotations

from django.utils.translation import gettext as _

from ..enums import MemberStatus, OrgStatus
from ..models import Leader, Member, Organization
from .engine import Bound, RowError, fetch_by, in_paths
from .flat import FlatKind

MEMBER_ATTRS = {
    "code": "code",
    "name": "name",
    "gender": "gender",
    "birth_date": "birth_date",
    "join_date": "join_date",
    "status": "status",
    "education": "education",
    "org_code": "organization_id",
    "position": "position",
    "rural": "is_rural",
    "phone": "phone",
}
MEMBER_DEFAULTS = {
    "birth_date": None,
    "join_date": None,
    "status": MemberStatus.FORMAL.value,
    "education": "",
    "position": "",
    "is_rural": False,
    "phone": "",
}
LEADER_ATTRS = {"code": "code", "name": "name", "title": "title", "phone": "phone"}


def unknown_organization(code: str) -> str:
    """Also said of organisations outside the user's view: invisible is the same as missing."""
    return _("Unknown organisation code %(code)s.") % {"code": code}


def member_organizations(*, visible, editable):
    def resolve(bound: Bound, values: dict, errors: list[RowError], bad: set[int]) -> dict:
        codes = values["org_code"]
        found = {
            code: (pk, path, status)
            for pk, code, path, status in fetch_by(Organization.objects, "code", codes, ("pk", "code", "path", "status"))
        }
        verdicts = {None: (None, None, False), "": (None, None, False)}
        for code in set(codes) - verdicts.keys():
            org = found.get(code)
            if org is None or not in_paths(org[1], visible):
                verdicts[code] = (None, unknown_organization(code), True)
            elif not in_paths(org[1], editable):
                verdicts[code] = (org[0], _("You may not add or change members of organisation %(code)s.") % {"code": code}, False)
            elif org[2] != OrgStatus.ACTIVE:
                verdicts[code] = (org[0], _("Organisation %(code)s is archived (dissolved or merged); members cannot be added to it.") % {"code": code}, False)
            else:
                verdicts[code] = (org[0], None, False)
        ids = {code: verdict[0] for code, verdict in verdicts.items()}
        values["org_code"] = [ids[code] for code in codes]
        pending = {}
        header = bound.headers["org_code"]
        if any(message for _pk, message, _always in verdicts.values()):
            for at, code in enumerate(codes):
                _pk, message, always = verdicts[code]
                if message is None:
                    continue
                error = RowError(bound.numbers[at], header, code, message)
                if always:
                    errors.append(error)
                    bad.add(at)
                else:
                    pending[at] = ("organization_id", error)
        return pending

    return resolve


def member_kind(*, visible, editable) -> FlatKind:
    return FlatKind(
        model=Member,
        action="members.import",
        attrs=MEMBER_ATTRS,
        defaults=MEMBER_DEFAULTS,
        resolve=member_organizations(visible=visible, editable=editable),
    )


def leader_kind(organization: Organization) -> FlatKind:
    return FlatKind(
        model=Leader,
        action="leaders.import",
        attrs=LEADER_ATTRS,
        defaults={"title": "", "phone": "", "organization_id": organization.pk},
    )

