"""Figures that other apps supply to evaluation without evaluation importing them: record
indicators, and what a ballot page shows above its questions.

**Record indicators.** An indicator whose `source` is not "ballot" is not asked: its figure
(0–100) is read from a record kept elsewhere (the fulfilment rate of a campaign's public
commitments, the superior organisation's judgement of them) when the round is counted. The
app that keeps the record registers a function for the source in its AppConfig.ready()
(`register`); the count asks it for every subject of the round at once (`record_values`).
A scheme naming a source nothing registered cannot be counted: the count is refused,
naming the indicator, and nothing is stored.

**The composite with records** (`with_records`, applied by `tally.tally_round` after the
ballot part is computed as before, with the ballot indicators' own weights):

    composite = (B + Σ_r w_r / 100 × v_r) / ((W_B + Σ_r w_r) / 100)

B is the ballot part (voter groups renormalised over those with ballots, the ballot
indicators weighted by their weights, which total W_B < 100), v_r a record figure, w_r its
weight; both sums run over the record indicators that have a figure for the subject. A
missing figure (nothing due yet, no judgement given) therefore drops out and its weight is
spread over the rest in proportion, as a voter group without ballots does; it is neither
zero nor a guess.

A subject without trusted ballots keeps no composite (None), even when records have
figures for it: the composite is the review of the voters weighed with the records, and a
score from records alone would stand in the ranking beside reviewed subjects as if it were
one of them. Such a subject has too few ballots to be ranked anyway; its record figures are
stored and shown in their own columns. The open-survey composite, shown apart and never
ranked, is completed with the same figures so the two stay comparable.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError

from .enums import IndicatorSource
from .models import Indicator, Round, RoundSubject

#: Figures are stored rounded, as the tally rounds its own.
DIGITS = 6


class SubjectRow(NamedTuple):
    """What a record source is told about each subject of the round."""

    id: int
    organization_id: int
    member_id: int | None


#: round, its subjects → subject id → figure from 0 to 100, or None (no figure).
RecordSource = Callable[[Round, list[SubjectRow]], Mapping[int, float | None]]
#: a round's subject (its round loaded) → a dict with "template", which the ballot pages include
#: above the questions with the dict as `ballot_extra`; None shows nothing.
BallotContext = Callable[[RoundSubject], dict | None]

_sources: dict[str, RecordSource] = {}
_ballot_contexts: dict[str, BallotContext] = {}


def register(source: str, values: RecordSource) -> None:
    """Supply the figures of a record indicator source (an IndicatorSource other than ballot)."""
    if source == IndicatorSource.BALLOT or source not in IndicatorSource.values:
        raise ValueError(f"{source!r} is not a record indicator source")
    _sources[source] = values


def register_ballot_context(kind: str, fn: BallotContext) -> None:
    """Show something above the questions on the ballot pages of rounds of `kind` (a RoundKind)."""
    _ballot_contexts[kind] = fn


def ballot_context(subject: RoundSubject) -> dict | None:
    """What the ballot page of `subject` shows above its questions, or None."""
    fn = _ballot_contexts.get(subject.round.kind)
    return fn(subject) if fn is not None else None


def ballot_indicators(indicators: Iterable[Indicator]) -> list[Indicator]:
    return [ind for ind in indicators if ind.source == IndicatorSource.BALLOT]


def record_indicators(indicators: Iterable[Indicator]) -> list[Indicator]:
    return [ind for ind in indicators if ind.source != IndicatorSource.BALLOT]


def _figure(indicator: Indicator, subject_id: int, value) -> float | None:
    if value is None:
        return None
    number = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not number or not 0 <= value <= 100:
        raise DomainError(
            _("The figure of “%(question)s” (%(source)s) for subject %(subject)d is %(value)r, not a number from "
              "0 to 100; nothing was counted.")
            % {"question": indicator.question, "source": indicator.get_source_display(), "subject": subject_id,
               "value": value},
            code="record_value",
        )
    return round(float(value), DIGITS)


def record_values(
    round_: Round, indicators: Iterable[Indicator], subjects: Iterable[SubjectRow]
) -> dict[int, dict[int, float | None]]:
    """subject id → indicator id → figure (0–100) or None, for the record indicators among
    `indicators`. DomainError, naming the indicator, for a source nobody supplies."""
    subjects = [SubjectRow(*row) for row in subjects]
    figures: dict[int, dict[int, float | None]] = {s.id: {} for s in subjects}
    for indicator in record_indicators(indicators):
        supply = _sources.get(indicator.source)
        if supply is None:
            raise DomainError(
                _("The indicator “%(question)s” takes its figure from “%(source)s”, which nothing in this "
                  "installation supplies; nothing was counted.")
                % {"question": indicator.question, "source": indicator.get_source_display()},
                code="record_source",
            )
        values = supply(round_, subjects)
        for subject in subjects:
            figures[subject.id][indicator.pk] = _figure(indicator, subject.id, values.get(subject.id))
    return figures


def with_records(ballot_part: float | None, ballot_weight: int,
                 records: Iterable[tuple[int, float | None]]) -> float | None:
    """The composite from the ballot part and (weight, figure) of each record indicator (see
    the module docstring); None without a ballot part."""
    if ballot_part is None:
        return None
    score, weight = ballot_part, ballot_weight
    for w, value in records:
        if value is not None:
            score += w / 100 * value
            weight += w
    return round(score * 100 / weight, DIGITS)


def apply_records(indicators: list[Indicator], figures: Mapping[int, Mapping[int, float | None]],
                  scores: Iterable[tuple[int, float | None, float | None]],
                  ) -> Iterator[tuple[dict[str, float | None], float | None, float | None]]:
    """Per (subject id, composite, open-survey composite) of `scores`, the ballot part the
    tally computed from the ballot indicators alone: the subject's record figures as stored
    with its result (indicator id as text → figure) and both composites with those figures
    weighed in (`with_records`). The tally calls it before storing, so each result is
    written once."""
    records = record_indicators(indicators)
    ballot_weight = sum(ind.weight for ind in indicators) - sum(ind.weight for ind in records)
    for subject_id, composite, open_composite in scores:
        values = figures.get(subject_id, {})
        pairs = [(ind.weight, values.get(ind.pk)) for ind in records]
        yield ({str(ind.pk): values.get(ind.pk) for ind in records},
               with_records(composite, ballot_weight, pairs), with_records(open_composite, ballot_weight, pairs))
