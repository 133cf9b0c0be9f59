"""Honours of the demo county: the final selection the selections demo leaves is commended,
and three earlier years' honours (2023–2025) are entered by hand, spread over townships,
sectors and the kinds (an affiliate kind's to a unit of the organisation drawn, when it
has one), so the honour roll and its charts are full. Everything goes
through the domain functions (numbers, tokens, audit entries); the county admin acts."""
from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.linkage.models import AffiliateUnit
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Member, Organization, RoleAssignment
from pacesetter.selections.enums import NomineeKind, SelectionState
from pacesetter.selections.models import HonourKind, Selection

from . import domain

EARLIER_YEARS = (2023, 2024, 2025)
#: Honours entered by hand per year and kind.
PER_KIND = 3
CITATIONS = ("在创先争优活动中成绩突出，", "党建引领作用发挥明显，", "服务群众成效显著，", "")


def _county_admin(root: Organization):
    assignment = (
        RoleAssignment.objects.filter(role=Role.COUNTY_ADMIN, organization__path__startswith=root.path)
        .select_related("user").order_by("organization__depth", "id").first()
    )
    if assignment is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return assignment.user


def _by_township(root: Organization) -> list[list[Organization]]:
    """The county's active organisations below it, grouped by township (then by sector)."""
    groups: dict[str, list[Organization]] = defaultdict(list)
    orgs = Organization.objects.filter(path__startswith=root.path, depth__gt=root.depth, status=OrgStatus.ACTIVE)
    for org in orgs.order_by("path")[:5000]:
        groups[org.township or org.sector].append(org)
    return [groups[key] for key in sorted(groups)]


def _commend_final(admin, root: Organization) -> int:
    """Commend the final selections of the county, as the selections demo leaves them."""
    given = 0
    finals = Selection.objects.filter(state=SelectionState.FINAL,
                                      nominations__organization__path__startswith=root.path).distinct()
    for selection in finals.order_by("id"):
        given += len(domain.commend(selection, by=admin, citation=""))
    return given


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _county_admin(root)
    commended = _commend_final(admin, root)
    groups = _by_township(root)
    kinds = list(HonourKind.objects.filter(active=True).order_by("position", "id"))
    today = timezone.localdate()
    entered = 0
    turn = 0
    for year in EARLIER_YEARS:
        if year > today.year:
            continue
        for kind in kinds:
            taken: set[int] = set()
            for _i in range(PER_KIND):
                group = groups[turn % len(groups)] if groups else []
                turn += 1
                candidates = [o for o in group if o.pk not in taken]
                if not candidates:
                    continue
                org = rng.choice(candidates)
                member = unit = None
                if kind.nominee == NomineeKind.AFFILIATE:
                    unit = AffiliateUnit.objects.filter(organization=org, active=True).order_by("code").first()
                    if unit is None:
                        continue
                if kind.nominee == NomineeKind.MEMBER:
                    members = list(Member.objects.filter(organization=org).order_by("code")[:200])
                    if not members:
                        continue
                    member = rng.choice(members)
                taken.add(org.pk)
                citation = rng.choice(CITATIONS)
                if citation:
                    citation += f"被评为{year}年度{kind.name}。"
                domain.add_honour(by=admin, kind=kind, year=year, organization=org, member=member, affiliate_unit=unit,
                                  commended_on=datetime.date(year + 1, 1, rng.randint(8, 28)) if year < today.year
                                  else None, citation=citation)
                entered += 1
    return _("Honours: %(commended)d commended from final selections, %(entered)d earlier honours (%(first)d–%(last)d) "
             "entered by hand.") % {"commended": commended, "entered": entered, "first": EARLIER_YEARS[0],
                                    "last": EARLIER_YEARS[-1]}
