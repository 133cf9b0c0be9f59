"""A final selection with confirmed nominees, made straight in the database: the selections
app's own steps (nominate, review, notice) are its tests' business, not these."""
from __future__ import annotations

import datetime

from django.utils import timezone

from pacesetter.campaigns.models import Campaign
from pacesetter.selections.enums import NominationStatus, NomineeKind, SelectionState
from pacesetter.selections.models import HonourKind, Nomination, Selection

YEAR = 2026


def kind(code="red_flag_branch", name="红旗支部", nominee=NomineeKind.ORGANIZATION, position=1) -> HonourKind:
    """The migration's kinds vanish in flushed (browser) tests: get or make them."""
    found, _ = HonourKind.objects.get_or_create(code=code, defaults={"name": name, "nominee": nominee,
                                                                      "position": position})
    return found


def member_kind() -> HonourKind:
    return kind("outstanding_member", "优秀共产党员", NomineeKind.MEMBER, 3)


def campaign(year=YEAR) -> Campaign:
    return Campaign.objects.create(name=f"{year}年创先争优活动", year=year, starts_on=datetime.date(year, 1, 1),
                                   ends_on=datetime.date(year, 12, 31))


def final_selection(tree, *, state=SelectionState.FINAL, nominees=None, honour_kind=None, by=None) -> Selection:
    """A selection of `honour_kind` in `state`; `nominees` (organisations, or members for a
    member kind) confirmed, nominated by their township; T2B1 rejected alongside."""
    honour_kind = honour_kind or kind()
    by = by or tree.users.county_admin
    selection = Selection.objects.create(
        campaign=campaign(), kind=honour_kind, title=f"{YEAR}年度{honour_kind.name}评选", state=state,
        nominations_close_on=timezone.localdate(), created_by=by)
    nominees = [tree.b1] if nominees is None else nominees
    for rank, nominee in enumerate(nominees, start=1):
        member = nominee if honour_kind.nominee == NomineeKind.MEMBER else None
        org = member.organization if member else nominee
        Nomination.objects.create(selection=selection, organization=org, member=member, nominated_by=tree.t1,
                                  statement="事迹材料", status=NominationStatus.CONFIRMED, rank=rank, created_by=by)
    if honour_kind.nominee == NomineeKind.ORGANIZATION and tree.b2 not in nominees:
        Nomination.objects.create(selection=selection, organization=tree.b2, nominated_by=tree.t2,
                                  statement="事迹材料", status=NominationStatus.REJECTED, created_by=by)
    return selection
