"""Writes of recommended pairings: compute a run, review its rows, create the pairings.

A run reads a released round's organisation results: grade advanced → helpers, grade
lagging → units to help (units already helped by an active pairing are left out). Nothing
is paired until a county admin creates the pairings from the accepted rows.
"""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.evaluation.enums import Grade, RoundState
from pacesetter.evaluation.models import Round, SubjectResult
from pacesetter.orgs.enums import OrgStatus
from pacesetter.orgs.models import Organization

from .. import recommend as rec
from .. import rules as p_rules
from ..enums import (
    RURAL_SECTORS,
    URBAN_SECTORS,
    PairingKind,
    PairingState,
    PartySide,
    RowDecision,
    RunState,
)
from ..models import Pairing, PairingParty, RecommendationRow, RecommendationRun
from .pairings import _create, _snapshot, forbid, refuse

MAX_CAPACITY = 10


def candidates(round_: Round) -> tuple[list[rec.Candidate], list[rec.Candidate]]:
    """The round's advanced and lagging organisations (active ones, with a composite)."""
    rows = SubjectResult.objects.filter(
        tally__round_id=round_.pk, subject__round_id=round_.pk, subject__member__isnull=True,
        composite__isnull=False, grade__in=[Grade.ADVANCED, Grade.LAGGING],
        subject__organization__status=OrgStatus.ACTIVE,
    ).values_list("grade", "composite", "subject__organization_id", "subject__organization__code",
                  "subject__organization__sector", "subject__organization__township")
    helpers, helped = [], []
    for grade, composite, org_id, code, sector, township in rows:
        (helpers if grade == Grade.ADVANCED else helped).append(rec.Candidate(org_id, code, sector, township, composite))
    return helpers, helped


def recent_pairs(today: datetime.date) -> set[tuple[int, int]]:
    """(helper, helped) organisation pairs of pairings that ended within REPEAT_DAYS."""
    since = today - datetime.timedelta(days=rec.REPEAT_DAYS)
    ended = Pairing.objects.exclude(state=PairingState.ACTIVE).filter(ends_on__gte=since)
    parties = PairingParty.objects.filter(pairing__in=ended, organization__isnull=False).values_list(
        "pairing_id", "side", "organization_id")
    sides: dict[int, dict[str, list[int]]] = {}
    for pairing_id, side, org_id in parties:
        sides.setdefault(pairing_id, {}).setdefault(side, []).append(org_id)
    return {(a, b) for s in sides.values() for a in s.get(PartySide.HELPER, []) for b in s.get(PartySide.HELPED, [])}


def _helped_now() -> set[int]:
    return set(PairingParty.objects.filter(
        pairing__state=PairingState.ACTIVE, side=PartySide.HELPED, organization__isnull=False,
    ).values_list("organization_id", flat=True))


def run_recommendations(round_: Round, *, k: int, by) -> RecommendationRun:
    forbid(p_rules.can_manage_pairings(by), _("Only county admins run recommendations."))
    if round_.state != RoundState.RELEASED or not hasattr(round_, "tally"):
        refuse(_("Recommendations read a round whose results are released."), "round_not_released")
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_CAPACITY:
        refuse(_("Units per helper is a whole number from 1 to %(n)d.") % {"n": MAX_CAPACITY}, "capacity")
    helpers, helped = candidates(round_)
    busy = _helped_now()
    helped = [c for c in helped if c.id not in busy]
    matches = rec.recommend(helpers, helped, k=k, recent=recent_pairs(timezone.localdate()))
    with transaction.atomic():
        run = RecommendationRun.objects.create(
            round=round_, capacity=k, helpers=len(helpers), helped=len(helped),
            total_cost=round(sum(m.cost for m in matches), 2), created_by=by,
        )
        RecommendationRow.objects.bulk_create([
            RecommendationRow(run=run, helper_id=m.helper.id, helped_id=m.helped.id, helper_score=m.helper.score,
                              helped_score=m.helped.score, cost=round(m.cost, 2), reasons=m.reasons,
                              alternatives=m.alternatives)
            for m in matches
        ])
        audit.record("pairing.recommend", by=by, obj=run, after={
            "round": round_.pk, "k": k, "rows": len(matches), "total_cost": run.total_cost})
    return run


def _locked_row(row: RecommendationRow) -> RecommendationRow:
    locked = RecommendationRow.objects.select_for_update().select_related("run").get(pk=row.pk)
    if locked.run.state != RunState.REVIEW:
        refuse(_("The pairings of this run are already created."), "run_done")
    return locked


def decide_row(row: RecommendationRow, *, decision: str, by) -> RecommendationRow:
    forbid(p_rules.can_manage_pairings(by), _("Only county admins review recommendations."))
    if decision not in RowDecision.values:
        refuse(_("Unknown decision."), "decision")
    with transaction.atomic():
        locked = _locked_row(row)
        before = locked.decision
        locked.decision = decision
        locked.save(update_fields=["decision"])
        audit.record("pairing.recommendation_decide", by=by, obj=locked, before={"decision": before},
                     after={"decision": decision})
    return locked


def swap_helper(row: RecommendationRow, *, helper: Organization, by) -> RecommendationRow:
    """Give the unit another of its allowed candidates, within that helper's k units; accepts the row."""
    forbid(p_rules.can_manage_pairings(by), _("Only county admins review recommendations."))
    with transaction.atomic():
        locked = _locked_row(row)
        choice = next((a for a in locked.alternatives if a["helper"] == helper.pk), None)
        if choice is None:
            refuse(_("This helper is not a candidate for this unit."), "not_candidate")
        taken = locked.run.rows.filter(helper=helper).exclude(decision=RowDecision.REJECTED).count()
        if taken >= locked.run.capacity:
            refuse(_("This helper already has %(k)d units.") % {"k": locked.run.capacity}, "capacity_full")
        before = {"helper": locked.helper_id, "cost": locked.cost}
        old = {"helper": locked.helper_id, "score": locked.helper_score, "cost": locked.cost}
        helped = locked.helped
        locked.helper, locked.helper_score, locked.cost = helper, choice["score"], choice["cost"]
        locked.reasons = rec.reasons(
            rec.Candidate(helper.pk, helper.code, helper.sector, helper.township, choice["score"]),
            rec.Candidate(helped.pk, helped.code, helped.sector, helped.township, locked.helped_score),
        )
        locked.alternatives = [a for a in locked.alternatives if a["helper"] != helper.pk] + [old]
        locked.decision = RowDecision.ACCEPTED
        locked.save(update_fields=["helper", "helper_score", "cost", "reasons", "alternatives", "decision"])
        audit.record("pairing.recommendation_swap", by=by, obj=locked, before=before,
                     after={"helper": helper.pk, "cost": locked.cost})
    return locked


def pairing_kind(helper: Organization, helped: Organization) -> str:
    if helped.sector in RURAL_SECTORS and helper.sector in URBAN_SECTORS:
        return PairingKind.URBAN_RURAL
    return PairingKind.ONE_HELPS_ONE


def create_pairings(run: RecommendationRun, *, starts_on: datetime.date, by) -> list[Pairing]:
    """One pairing per accepted row; undecided and rejected rows make none. Closes the run."""
    forbid(p_rules.can_manage_pairings(by), _("Only county admins create pairings."))
    with transaction.atomic():
        locked = RecommendationRun.objects.select_for_update().get(pk=run.pk)
        if locked.state != RunState.REVIEW:
            refuse(_("The pairings of this run are already created."), "run_done")
        rows = list(locked.rows.filter(decision=RowDecision.ACCEPTED).select_related("helper", "helped")
                    .order_by("helped__code", "id"))
        if not rows:
            refuse(_("Accept at least one recommendation first."), "none_accepted")
        goals = _("Help %(helped)s catch up (后进赶先进): recommended from %(round)s.")
        created = []
        for row in rows:
            pairing = _create(kind=pairing_kind(row.helper, row.helped),
                              goals=goals % {"helped": row.helped.name, "round": locked.round.name},
                              starts_on=starts_on, ends_on=None, helpers=[row.helper], helped=[row.helped], by=by)
            row.pairing = pairing
            row.save(update_fields=["pairing"])
            audit.record("pairing.create", by=by, obj=pairing, after=_snapshot(pairing))
            created.append(pairing)
        locked.state = RunState.DONE
        locked.save(update_fields=["state"])
        audit.record("pairing.recommendation_create", by=by, obj=locked,
                     after={"pairings": [p.pk for p in created]})
    return created
