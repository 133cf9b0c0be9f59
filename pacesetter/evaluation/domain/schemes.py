"""Schemes: indicators with scales, points and weights; voter groups with weights."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError

from .. import rules as ev_rules
from ..enums import GroupKind, RoundState, Scale, SchemeStatus
from ..models import Indicator, Round, RoundGroup, Scheme, VoterGroup
from ..validators import validate_points, weight_problem
from .common import _require


SCHEME_FIELDS = ("name", "sector", "status")


def scheme_lock_reason(scheme: Scheme) -> str | None:
    """Why the scheme can no longer change (a round using it has opened), or None."""
    used = Round.objects.filter(scheme=scheme).exclude(state=RoundState.DRAFT).order_by("id").first()
    if used is None:
        return None
    return _("The scheme is used by the round “%(round)s”, which has opened; it can no longer change.") % {
        "round": used.name
    }


def _check_parts(indicators: list[dict], groups: list[dict]) -> None:
    for i, ind in enumerate(indicators, start=1):
        if not str(ind.get("question", "")).strip():
            raise DomainError(_("Indicator %(n)d has no question.") % {"n": i}, code="indicator")
        if ind.get("scale") not in Scale.values:
            raise DomainError(_("Indicator %(n)d has an unknown scale.") % {"n": i}, code="indicator")
        try:
            validate_points(ind["scale"], ind.get("points") or [])
        except ValidationError as exc:
            raise DomainError(
                _("Indicator %(n)d: %(problem)s") % {"n": i, "problem": " ".join(exc.messages)}, code="points"
            ) from exc
        if not isinstance(ind.get("weight"), int) or not 1 <= ind["weight"] <= 100:
            raise DomainError(_("Indicator %(n)d needs a weight from 1 to 100.") % {"n": i}, code="weight")
    kinds = [g.get("kind") for g in groups]
    for kind in kinds:
        if kind not in GroupKind.values:
            raise DomainError(_("Unknown voter group “%(kind)s”.") % {"kind": kind}, code="group")
    if len(set(kinds)) != len(kinds):
        raise DomainError(_("Each voter group may appear only once in a scheme."), code="group")
    for g in groups:
        if not isinstance(g.get("weight"), int) or not 1 <= g["weight"] <= 100:
            raise DomainError(
                _("The voter group “%(group)s” needs a weight from 1 to 100.") % {"group": GroupKind(g["kind"]).label},
                code="weight",
            )
    for problem in (
        weight_problem((i["weight"] for i in indicators), _("indicators")),
        weight_problem((g["weight"] for g in groups), _("voter groups")),
    ):
        if problem:
            raise DomainError(problem, code="weights")


def _scheme_snapshot(scheme: Scheme) -> dict:
    data = audit.snapshot(scheme, SCHEME_FIELDS)
    data["indicators"] = [
        {"question": i.question, "scale": i.scale, "points": i.points, "weight": i.weight}
        for i in scheme.indicators.order_by("order")
    ]
    data["groups"] = [{"kind": g.kind, "weight": g.weight} for g in scheme.groups.order_by("id")]
    return data


def _write_indicators(scheme: Scheme, indicators: list[dict]) -> None:
    Indicator.objects.bulk_create(
        Indicator(
            scheme=scheme, order=n, question=str(i["question"]).strip(), scale=i["scale"],
            points=list(i.get("points") or []), weight=i["weight"],
        )
        for n, i in enumerate(indicators, start=1)
    )


def create_scheme(*, name: str, sector: str = "", indicators: list[dict], groups: list[dict], by) -> Scheme:
    """A scheme with its indicators ({question, scale, weight, points?}) and voter groups ({kind, weight})."""
    _require(ev_rules.can_manage_schemes(by), by)
    _check_parts(indicators, groups)
    with transaction.atomic():
        scheme = Scheme(name=name, sector=sector)
        scheme.full_clean()
        scheme.save()
        _write_indicators(scheme, indicators)
        VoterGroup.objects.bulk_create(VoterGroup(scheme=scheme, kind=g["kind"], weight=g["weight"]) for g in groups)
        audit.record("evaluation.scheme.create", by=by, obj=scheme, after=_scheme_snapshot(scheme))
    return scheme


def update_scheme(
    scheme: Scheme, *, by, name: str | None = None, sector: str | None = None,
    indicators: list[dict] | None = None, groups: list[dict] | None = None,
) -> Scheme:
    """Change a scheme no opened round uses. Indicators given are replaced as a whole;
    voter groups are matched by kind, so draft rounds keep the groups they chose."""
    _require(ev_rules.can_manage_schemes(by), by)
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if reason := scheme_lock_reason(scheme):
            raise DomainError(reason, code="scheme_locked")
        before = _scheme_snapshot(scheme)
        new_indicators = indicators if indicators is not None else before["indicators"]
        new_groups = groups if groups is not None else before["groups"]
        _check_parts(new_indicators, new_groups)
        if name is not None:
            scheme.name = name
        if sector is not None:
            scheme.sector = sector
        scheme.full_clean()
        scheme.save(update_fields=["name", "sector"])
        if indicators is not None:
            scheme.indicators.all().delete()
            _write_indicators(scheme, indicators)
        if groups is not None:
            _replace_groups(scheme, groups)
        after = _scheme_snapshot(scheme)
        if after != before:
            audit.record("evaluation.scheme.update", by=by, obj=scheme, before=before, after=after)
    return scheme


def _replace_groups(scheme: Scheme, groups: list[dict]) -> None:
    existing = {g.kind: g for g in scheme.groups.all()}
    wanted = {g["kind"]: g["weight"] for g in groups}
    for kind, group in existing.items():
        if kind in wanted:
            if group.weight != wanted[kind]:
                group.weight = wanted[kind]
                group.save(update_fields=["weight"])
            continue
        user = RoundGroup.objects.filter(voter_group=group).select_related("round").first()
        if user is not None:
            raise DomainError(
                _("The voter group “%(group)s” takes part in the round “%(round)s”; remove it there first.")
                % {"group": group.get_kind_display(), "round": user.round.name},
                code="group_in_use",
            )
        group.delete()
    VoterGroup.objects.bulk_create(
        VoterGroup(scheme=scheme, kind=kind, weight=weight) for kind, weight in wanted.items() if kind not in existing
    )


def activate_scheme(scheme: Scheme, *, by) -> Scheme:
    """A draft scheme becomes usable by rounds."""
    _require(ev_rules.can_manage_schemes(by), by)
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.status != SchemeStatus.DRAFT:
            raise DomainError(_("The scheme is already active."), code="scheme_active")
        scheme.status = SchemeStatus.ACTIVE
        scheme.save(update_fields=["status"])
        audit.record("evaluation.scheme.activate", by=by, obj=scheme, after={"status": scheme.status})
    return scheme
