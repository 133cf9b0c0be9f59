"""Schemes: indicators with scales, points and weights; voter groups with weights."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError

from .. import rules as ev_rules
from ..enums import GroupKind, IndicatorSource, RoundKind, RoundState, Scale, SchemeKind, SchemeStatus
from ..models import Indicator, Round, RoundGroup, Scheme, VoterGroup
from ..validators import validate_points, weight_problem
from .common import _require


SCHEME_FIELDS = ("name", "sector", "kind", "status")


def scheme_kind_for(round_kind: str) -> str:
    """The kind of scheme a round of `round_kind` uses: commitment review has its own."""
    return SchemeKind.COMMITMENT_REVIEW if round_kind == RoundKind.COMMITMENT_REVIEW else SchemeKind.GENERAL


def scheme_lock_reason(scheme: Scheme) -> str | None:
    """Why the scheme can no longer change (a round using it has opened), or None."""
    used = Round.objects.filter(scheme=scheme).exclude(state=RoundState.DRAFT).order_by("id").first()
    if used is None:
        return None
    return _("The scheme is used by the round “%(round)s”, which has opened; it can no longer change.") % {
        "round": used.name
    }


def _source(ind: dict) -> str:
    return ind.get("source") or IndicatorSource.BALLOT


#: Record sources whose figures concern a campaign's commitments: only a commitment-review
#: scheme, the one kind whose rounds name the campaign, has them. Others (work style) fit any scheme.
CAMPAIGN_SOURCES = frozenset({IndicatorSource.COMMITMENT_FULFILMENT, IndicatorSource.SUPERIOR_REVIEW})


def _check_record(n: int, ind: dict, scheme_kind: str) -> None:
    """A record indicator: a figure read at the count, so no scale and no points; a commitment
    figure only in a commitment-review scheme."""
    source = IndicatorSource(_source(ind)).label
    if _source(ind) in CAMPAIGN_SOURCES and scheme_kind != SchemeKind.COMMITMENT_REVIEW:
        raise DomainError(
            _("Indicator %(n)d takes its figure from a record (%(source)s); only a commitment-review scheme has "
              "such indicators.") % {"n": n, "source": source},
            code="source",
        )
    if ind.get("scale") not in (None, "", Scale.SCORE100) or ind.get("points"):
        raise DomainError(
            _("Indicator %(n)d takes its figure from a record (%(source)s): it has no answer scale and no points.")
            % {"n": n, "source": source},
            code="source",
        )


def _check_parts(indicators: list[dict], groups: list[dict], scheme_kind: str) -> None:
    if scheme_kind not in SchemeKind.values:
        raise DomainError({"kind": _("Unknown kind of scheme.")}, code="kind")
    for i, ind in enumerate(indicators, start=1):
        if not str(ind.get("question", "")).strip():
            raise DomainError(_("Indicator %(n)d has no question.") % {"n": i}, code="indicator")
        if _source(ind) not in IndicatorSource.values:
            raise DomainError(_("Indicator %(n)d has an unknown source.") % {"n": i}, code="source")
        if _source(ind) != IndicatorSource.BALLOT:
            _check_record(i, ind, scheme_kind)
        elif ind.get("scale") not in Scale.values:
            raise DomainError(_("Indicator %(n)d has an unknown scale.") % {"n": i}, code="indicator")
        else:
            try:
                validate_points(ind["scale"], ind.get("points") or [])
            except ValidationError as exc:
                raise DomainError(
                    _("Indicator %(n)d: %(problem)s") % {"n": i, "problem": " ".join(exc.messages)}, code="points"
                ) from exc
        if not isinstance(ind.get("weight"), int) or not 1 <= ind["weight"] <= 100:
            raise DomainError(_("Indicator %(n)d needs a weight from 1 to 100.") % {"n": i}, code="weight")
    if indicators and not any(_source(ind) == IndicatorSource.BALLOT for ind in indicators):
        raise DomainError(_("The scheme needs at least one indicator that ballots answer."), code="source")
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
        {"question": i.question, "source": i.source, "scale": i.scale, "points": i.points, "weight": i.weight}
        for i in scheme.indicators.order_by("order")
    ]
    data["groups"] = [{"kind": g.kind, "weight": g.weight} for g in scheme.groups.order_by("id")]
    return data


def _write_indicators(scheme: Scheme, indicators: list[dict]) -> None:
    """A record indicator is stored with the 0–100 score's scale, the range of its figure."""
    Indicator.objects.bulk_create(
        Indicator(
            scheme=scheme, order=n, question=str(i["question"]).strip(), source=_source(i),
            scale=i["scale"] if _source(i) == IndicatorSource.BALLOT else Scale.SCORE100,
            points=list(i.get("points") or []), weight=i["weight"],
        )
        for n, i in enumerate(indicators, start=1)
    )


def _check_rounds(scheme: Scheme, kind: str) -> None:
    """A scheme's kind must suit every round that uses it (`scheme_kind_for`)."""
    for round_ in Round.objects.filter(scheme=scheme).order_by("id"):
        if scheme_kind_for(round_.kind) != kind:
            raise DomainError(
                {"kind": _("The round “%(round)s” (%(kind)s) uses the scheme, so it must stay a scheme of the kind "
                           "“%(scheme_kind)s”.")
                 % {"round": round_.name, "kind": round_.get_kind_display(),
                    "scheme_kind": SchemeKind(scheme_kind_for(round_.kind)).label}},
                code="kind",
            )


def create_scheme(
    *, name: str, sector: str = "", kind: str = SchemeKind.GENERAL, indicators: list[dict], groups: list[dict], by
) -> Scheme:
    """A scheme with its indicators ({question, source?, scale, weight, points?}) and voter
    groups ({kind, weight}). A record indicator (source other than ballot) needs no scale."""
    _require(ev_rules.can_manage_schemes(by), by)
    _check_parts(indicators, groups, kind)
    with transaction.atomic():
        scheme = Scheme(name=name, sector=sector, kind=kind)
        scheme.full_clean()
        scheme.save()
        _write_indicators(scheme, indicators)
        VoterGroup.objects.bulk_create(VoterGroup(scheme=scheme, kind=g["kind"], weight=g["weight"]) for g in groups)
        audit.record("evaluation.scheme.create", by=by, obj=scheme, after=_scheme_snapshot(scheme))
    return scheme


def update_scheme(
    scheme: Scheme, *, by, name: str | None = None, sector: str | None = None, kind: str | None = None,
    indicators: list[dict] | None = None, groups: list[dict] | None = None,
) -> Scheme:
    """Change a scheme no opened round uses. Indicators given are replaced as a whole;
    voter groups are matched by kind, so draft rounds keep the groups they chose. The
    scheme's kind must still suit the draft rounds that use it."""
    _require(ev_rules.can_manage_schemes(by), by)
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if reason := scheme_lock_reason(scheme):
            raise DomainError(reason, code="scheme_locked")
        before = _scheme_snapshot(scheme)
        new_indicators = indicators if indicators is not None else before["indicators"]
        new_groups = groups if groups is not None else before["groups"]
        new_kind = kind if kind is not None else scheme.kind
        _check_parts(new_indicators, new_groups, new_kind)
        if new_kind != scheme.kind:
            _check_rounds(scheme, new_kind)
        if name is not None:
            scheme.name = name
        if sector is not None:
            scheme.sector = sector
        scheme.kind = new_kind
        scheme.full_clean()
        scheme.save(update_fields=["name", "sector", "kind"])
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
