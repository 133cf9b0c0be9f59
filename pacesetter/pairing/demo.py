"""The pairing part of the demo county: the units lagging in one released round paired up
before the next, a year of help logs, some history, and a recommendation run from the latest
round awaiting review.

The county pairs what the evaluation demo's `helped_between` names (two in three of the
earlier round's lagging units), matched with last year's advanced units by the same optimal
assignment the recommendation page uses, starting between the two rounds, so the effect page
sets them against the lagging units nobody helped. Most pairs are urban-rural or
one-helps-one; every sixth unit gets a county-level leader (fixed-point liaison), the next a
second helper (hand in hand); a leader mentors a helped unit's secretary and two members
pair up. A few pairings have ended, one was replaced by a new helper. Pairings go through the
domain functions; help logs are written in bulk (a year of visits through `log_help` would
only repeat the same checks).
"""
from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.evaluation.demo.annual import helped_between
from pacesetter.evaluation.models import Round
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import Leader, Member, Organization, RoleAssignment

from . import effect
from . import recommend as rec
from .domain import create_pairing, end_pairing, replace_pairing, run_recommendations
from .domain.recommendations import candidates, pairing_kind
from .enums import URBAN_SECTORS, PairingKind, PartySide
from .models import HelpLog, Pairing

ACTIVITIES = [
    "走访慰问困难党员和群众", "帮助村级组织规范“三会一课”", "联合开展主题党日活动", "捐赠图书和办公用品",
    "协调产业项目资金", "开展义诊和健康讲座", "指导村集体经济发展规划", "组织党员志愿服务",
]
GOODS = ["", "", "米面油20份", "图书300册", "办公电脑2台", "春联和慰问品"]
GOALS = {
    PairingKind.URBAN_RURAL: "帮助村（社区）党组织晋位升级，壮大村集体经济",
    PairingKind.ONE_HELPS_ONE: "结对帮扶，提升组织生活质量",
    PairingKind.HAND_IN_HAND: "手拉手共建，资源共享、优势互补",
    PairingKind.FIXED_POINT_LIAISON: "县级领导定点联系，督促整改软弱涣散问题",
    PairingKind.FIXED_POINT_MENTORING: "定点帮带，传授经验、带出骨干",
}
#: Units each of last year's advanced units took on.
CAPACITY = 2
#: Days without a round's window either side: pairing started a little after the earlier round.
START_AFTER = (7, 60)


def _admin(root: Organization):
    row = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                        user__is_active=True).select_related("user").order_by("user__username").first()
    if row is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return row.user


def _logs(pairing, rng: random.Random, today: datetime.date, by) -> list[HelpLog]:
    start = max(pairing.starts_on, today - datetime.timedelta(days=365))
    end = min(pairing.ends_on or today, today)
    span = (end - start).days
    return [
        HelpLog(pairing=pairing, date=start + datetime.timedelta(days=rng.randint(0, span)),
                activity=rng.choice(ACTIVITIES), people=rng.randint(2, 30),
                money=Decimal(rng.choice([0, 0, 500, 2000, 5000, 12000])), goods=rng.choice(GOODS), logged_by=by)
        for _n in range(rng.randint(2, 6) if span > 0 else 0)
    ]


def _window(before: Round, after: Round) -> tuple[datetime.date, datetime.date]:
    """Start days between the earlier round's close and the later round's opening."""
    first = timezone.localdate(before.closes_at) + datetime.timedelta(days=1)
    return first, max(first, timezone.localdate(after.opens_at))


def _pair_laggards(before: Round, after: Round, *, leaders: list[Leader], rng: random.Random,
                   admin) -> list[tuple[Pairing, Organization | None]]:
    """One pairing per helped unit of `helped_between(before)`, by the optimal assignment;
    each with the next best helper (for a replacement), if any."""
    first, last = _window(before, after)
    helpers, lagging = candidates(before)
    chosen = set(helped_between(before))
    # Agencies, schools, hospitals and enterprises help: a village helping an agency reads oddly.
    matches = rec.recommend([c for c in helpers if c.sector in URBAN_SECTORS], [c for c in lagging if c.id in chosen],
                            k=CAPACITY)
    orgs = Organization.objects.in_bulk({m.helper.id for m in matches} | {m.helped.id for m in matches}
                                        | {a["helper"] for m in matches for a in m.alternatives})
    made = []
    for i, match in enumerate(matches):
        helper, helped = orgs[match.helper.id], orgs[match.helped.id]
        starts_on = min(last, first + datetime.timedelta(days=rng.randint(*START_AFTER)))
        kind, helpers = pairing_kind(helper, helped), [helper]
        if i % 6 == 1 and leaders:
            kind, helpers = PairingKind.FIXED_POINT_LIAISON, [leaders[(i // 6) % len(leaders)]]
        elif i % 6 == 2 and match.alternatives:
            kind, helpers = PairingKind.HAND_IN_HAND, [helper, orgs[match.alternatives[0]["helper"]]]
        pairing = create_pairing(kind=kind, goals=GOALS[kind], starts_on=starts_on, helpers=helpers, helped=[helped],
                                 by=admin)
        made.append((pairing, orgs[match.alternatives[-1]["helper"]] if match.alternatives else None))
    return made


def _pair_people(root: Organization, helped: list[Organization], *, leaders: list[Leader], starts_on: datetime.date,
                 admin) -> list[Pairing]:
    """A county-level leader mentors a helped unit's secretary; two members pair up one to one."""
    made = []
    mentee = Member.objects.filter(organization__in=helped).order_by("organization__code", "code").first()
    if leaders and mentee is not None:
        made.append(create_pairing(kind=PairingKind.FIXED_POINT_MENTORING, goals=GOALS[PairingKind.FIXED_POINT_MENTORING],
                                   starts_on=starts_on, helpers=[leaders[-1]], helped=[mentee], by=admin))
    members = list(Member.objects.filter(organization__path__startswith=root.path).order_by("code")[:2])
    if len(members) == 2:
        made.append(create_pairing(kind=PairingKind.ONE_HELPS_ONE, goals=GOALS[PairingKind.ONE_HELPS_ONE],
                                   starts_on=starts_on, helpers=[members[0]], helped=[members[1]], by=admin))
    return made


def _history(pairings: list[tuple[Pairing, Organization | None]], *, today: datetime.date, admin) -> list[Pairing]:
    """One urban-rural pairing replaced halfway by its unit's next best helper; a few others
    ended this autumn, their units having moved up. Returns the replacements."""
    replaceable = [(p, other) for p, other in pairings if p.kind == PairingKind.URBAN_RURAL and other is not None]
    replacements, replaced = [], None
    if replaceable:
        old, other = replaceable[0]
        helped = [party.party for party in old.parties.all() if party.side == PartySide.HELPED]
        on = old.starts_on + (min(today, old.starts_on + datetime.timedelta(days=240)) - old.starts_on) // 2
        replacements.append(replace_pairing(old, on=on, reason="原帮扶单位机构改革调整", goals=old.goals,
                                            helpers=[other], helped=helped, by=admin))
        replaced = old.pk
    rest = [p for p, _other in pairings if p.pk != replaced]
    for pairing in rest[-min(3, max(1, len(rest) // 10)):]:
        end_pairing(pairing, on=max(pairing.starts_on, today - datetime.timedelta(days=20)),
                    reason="帮扶期满，已晋位升级", by=admin)
    return replacements


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _admin(root)
    today = timezone.localdate()
    leaders = list(Leader.objects.filter(organization__path__startswith=root.path).order_by("code"))
    rounds = Round.objects.filter(subjects__organization__path__startswith=root.path).distinct()
    before, after = effect.default_rounds(rounds)
    units: list[tuple[Pairing, Organization | None]] = []
    starts_on = today - datetime.timedelta(days=330)
    if before is not None:
        units = _pair_laggards(before, after, leaders=leaders, rng=rng, admin=admin)
        starts_on = _window(before, after)[0]
    helped = [party.organization for p, _o in units for party in p.parties.all()
              if party.side == PartySide.HELPED and party.organization_id]
    made = [p for p, _o in units] + _pair_people(root, helped, leaders=leaders, starts_on=starts_on, admin=admin)
    made += _history(units, today=today, admin=admin)
    made = list(Pairing.objects.filter(pk__in=[p.pk for p in made]).order_by("pk"))
    logs = HelpLog.objects.bulk_create([log for p in made for log in _logs(p, rng, today, admin)])
    rows = 0
    if after is not None:
        rows = run_recommendations(after, k=CAPACITY, by=admin).rows.count()
    return _("Pairings: %(pairings)d of every kind with %(logs)d help logs; a recommendation run with %(rows)d "
             "recommended pairs awaiting review.") % {"pairings": len(made), "logs": len(logs), "rows": rows}
