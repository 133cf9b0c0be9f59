"""Paper ballots collected at a meeting: counted by hand, entered by one county admin as
counts per option, confirmed by a second one, then counted like any other ballot.

A paper count knows only how many ballots chose each option of each question, not which
answers were on the same sheet. Confirming therefore makes `ballots` ballots of the paper
channel in which the k-th ballot takes the k-th entry of each question's expanded list
(options best first, each repeated by its count; scores highest first). Per subject,
group, indicator and option these ballots are exact; anything that combines answers
across questions of one ballot (a per-ballot total, a cross-tabulation) means nothing for
paper ballots. The tally only counts per cell, so its results are exact.
"""
from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError

from .. import rules as ev_rules
from ..enums import SCORE_MAX, Channel, PaperStatus, RoundState, Scale
from ..models import Answer, Ballot, BallotSetSeal, Indicator, PaperCount, Round, RoundGroup, RoundSubject, TallyResult
from .ballots import scheme_indicators
from .common import _locked_round, _new_ballot_id, _require_state

#: More ballots than any meeting hands out: a typo (an extra zero) is refused, not inserted.
MAX_PAPER_BALLOTS = 10_000
MAX_REASON = 500
MAX_NOTE = 200


def _require_county_admin(by) -> None:
    if by is None or not ev_rules.can_manage_rounds(by):
        raise PermissionDeniedError(
            _("Only a county admin may enter, confirm or reject paper ballot counts."), code="forbidden"
        )


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _question(ind: Indicator) -> str:
    return _("Question %(n)d (%(question)s)") % {"n": ind.order, "question": ind.question}


def check_paper_counts(
    indicators: list[Indicator], counts: Mapping, ballots: int | None = None
) -> tuple[dict[str, list[int]], int]:
    """The counts keyed by indicator id (as a string) and the number of ballots, or a
    DomainError listing every problem, each naming its question and option.

    `counts` maps an indicator id (int or str) to the number of ballots per option, best
    first, or for a 0–100 score to the list of scores written on the ballots. Every paper
    ballot answers every question, so each question's total is the number of ballots
    (`ballots` if given, else the first question's total).
    """
    errors: list[str] = []
    known = {str(ind.pk) for ind in indicators}
    if {str(key) for key in counts} - known:
        errors.append(_("The counts name a question that is not in the round's scheme."))
    normalised: dict[str, list[int]] = {}
    totals: list[tuple[Indicator, int]] = []
    for ind in indicators:
        values = counts.get(ind.pk, counts.get(str(ind.pk)))
        if values is None:
            errors.append(_("%(question)s: no counts were given.") % {"question": _question(ind)})
            continue
        if not isinstance(values, list | tuple):
            errors.append(_("%(question)s: the counts must be a list.") % {"question": _question(ind)})
            continue
        if ind.scale == Scale.SCORE100:
            bad = [(k, v) for k, v in enumerate(values, 1) if not (_whole(v) and 0 <= v <= SCORE_MAX)]
            errors.extend(
                _("%(question)s, score %(k)d: “%(value)s” is not a whole number from 0 to %(max)d.")
                % {"question": _question(ind), "k": k, "value": v, "max": SCORE_MAX}
                for k, v in bad
            )
            total = len(values)
        else:
            labels = ind.option_labels
            if len(values) != len(labels):
                errors.append(
                    _("%(question)s: %(expected)d counts are needed, one per option, not %(got)d.")
                    % {"question": _question(ind), "expected": len(labels), "got": len(values)}
                )
                continue
            bad = [(label, v) for label, v in zip(labels, values, strict=True) if not (_whole(v) and v >= 0)]
            errors.extend(
                _("%(question)s, option “%(option)s”: “%(value)s” is not a whole number of ballots (0 or more).")
                % {"question": _question(ind), "option": label, "value": v}
                for label, v in bad
            )
            total = sum(values) if not bad else 0
        if not bad:
            normalised[str(ind.pk)] = list(values)
            totals.append((ind, total))
    if ballots is not None and not (_whole(ballots) and 1 <= ballots <= MAX_PAPER_BALLOTS):
        errors.append(_("The number of ballots must be a whole number from 1 to %(max)d.") % {"max": MAX_PAPER_BALLOTS})
        ballots = None
    expected = ballots if ballots is not None else (totals[0][1] if totals else None)
    for ind, total in totals:
        if expected is not None and total != expected:
            errors.append(
                _("%(question)s: %(total)d ballots counted, but there are %(ballots)d ballots; every ballot "
                  "answers every question.") % {"question": _question(ind), "total": total, "ballots": expected}
            )
    if not errors and (expected is None or not 1 <= expected <= MAX_PAPER_BALLOTS):
        errors.append(_("A count must have from 1 to %(max)d ballots.") % {"max": MAX_PAPER_BALLOTS})
    if errors:
        raise DomainError(errors, code="paper_counts")
    return normalised, expected


def enter_paper_count(
    round_: Round, *, subject: RoundSubject, group: RoundGroup, counts: Mapping, note: str = "",
    ballots: int | None = None, by,
) -> PaperCount:
    """A county admin enters a meeting's paper ballots for one subject and voter group; they
    count only once a second county admin confirms them."""
    _require_county_admin(by)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(_("The note is longer than %(max)d characters.") % {"max": MAX_NOTE}, code="note")
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.OPEN, RoundState.CLOSED], _("Entering paper ballots"))
        if subject.round_id != round_.pk:
            raise DomainError(_("That subject is not evaluated in this round."), code="subject")
        if group.round_id != round_.pk:
            raise DomainError(_("That voter group does not take part in this round."), code="group")
        normalised, n = check_paper_counts(scheme_indicators(round_.scheme_id), counts, ballots)
        entry = PaperCount.objects.create(
            round=round_, subject=subject, group=group, ballots=n, counts=normalised, note=note, entered_by=by,
        )
        audit.record(
            "evaluation.paper.enter", by=by, obj=entry,
            after={"round": round_.pk, "subject": subject.pk, "group": group.pk, "ballots": n,
                   "counts": normalised, "note": note},
        )
    return entry


def _locked_pending(entry: PaperCount, action: str) -> tuple[Round, PaperCount]:
    round_ = _locked_round(Round(pk=entry.round_id))
    entry = PaperCount.objects.select_for_update().get(pk=entry.pk)
    if entry.status != PaperStatus.PENDING:
        raise DomainError(
            _("%(action)s is not possible: this count is already %(status)s.")
            % {"action": action, "status": entry.get_status_display()},
            code="paper_decided",
        )
    return round_, entry


def paper_answers(indicators: list[Indicator], counts: Mapping[str, list[int]], ballots: int) -> list[list[tuple]]:
    """(indicator id, option, points) per indicator for each of the `ballots` ballots: the
    k-th ballot takes the k-th entry of each question's expanded list (see the module)."""
    columns = []
    for ind in indicators:
        values = counts[str(ind.pk)]
        if ind.scale == Scale.SCORE100:
            columns.append([(ind.pk, score, score) for score in sorted(values, reverse=True)])
        else:
            points = ind.option_points
            columns.append([(ind.pk, option, points[option]) for option, n in enumerate(values) for _k in range(n)])
    return [list(ballot) for ballot in zip(*columns, strict=True)] if columns else []


def confirm_paper_count(entry: PaperCount, *, by) -> PaperCount:
    """A second county admin confirms a count: its ballots join the round's, channel "paper".

    After the close this changes the ballot set: its seal goes, so the next count
    fingerprints the ballots afresh."""
    _require_county_admin(by)
    with transaction.atomic():
        round_, entry = _locked_pending(entry, _("Confirming"))
        _require_state(round_, [RoundState.OPEN, RoundState.CLOSED], _("Confirming paper ballots"))
        if entry.entered_by_id == by.pk:
            raise DomainError(
                _("A second county admin must confirm this count, not the one who entered it."), code="same_admin"
            )
        indicators = scheme_indicators(round_.scheme_id)
        counts, n = check_paper_counts(indicators, entry.counts, entry.ballots)
        ids: set[int] = set()
        while len(ids) < n:
            ids.add(_new_ballot_id())
        ballot_ids = sorted(ids)
        Ballot.objects.bulk_create(
            (Ballot(id=ballot_id, round_id=round_.pk, subject_id=entry.subject_id, group_id=entry.group_id,
                    channel=Channel.PAPER) for ballot_id in ballot_ids),
            batch_size=2000,
        )
        Answer.objects.bulk_create(
            (Answer(ballot_id=ballot_id, indicator_id=indicator_id, round_id=round_.pk, subject_id=entry.subject_id,
                    group_id=entry.group_id, option=option, points=points)
             for ballot_id, answers in zip(ballot_ids, paper_answers(indicators, counts, n), strict=True)
             for indicator_id, option, points in answers),
            batch_size=2000,
        )
        BallotSetSeal.objects.filter(round=round_).delete()
        entry.status, entry.decided_by, entry.decided_at = PaperStatus.CONFIRMED, by, timezone.now()
        entry.save(update_fields=["status", "decided_by", "decided_at"])
        recount = TallyResult.objects.filter(round=round_).exists()
        audit.record(
            "evaluation.paper.confirm", by=by, obj=entry, before={"status": PaperStatus.PENDING},
            after={"status": PaperStatus.CONFIRMED, "ballots": n, "recount_needed": recount},
        )
    return entry


def reject_paper_count(entry: PaperCount, *, reason: str, by) -> PaperCount:
    """A county admin (the one who entered it too: a mistaken entry is withdrawn this way)
    rejects a pending count; nothing of it is counted. The reason is kept in the audit log."""
    _require_county_admin(by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for rejecting this count."), code="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(_("The reason is longer than %(max)d characters.") % {"max": MAX_REASON}, code="reason")
    with transaction.atomic():
        _round, entry = _locked_pending(entry, _("Rejecting"))
        entry.status, entry.decided_by, entry.decided_at = PaperStatus.REJECTED, by, timezone.now()
        entry.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(
            "evaluation.paper.reject", by=by, obj=entry, before={"status": PaperStatus.PENDING},
            after={"status": PaperStatus.REJECTED, "reason": reason},
        )
    return entry
