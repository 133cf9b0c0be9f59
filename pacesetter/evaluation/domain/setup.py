"""Setup writes the staff pages need besides those of rounds.py: a draft round's settings and
grading rules, taking subjects and voter groups out again, tokens for many subjects at once.

Like the rest of setup they are the county admin's, allowed only while the round is a draft
(tokens: draft or open), each one transaction with its audit entry.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError

from .. import rules as ev_rules
from ..enums import RoundState
from ..models import Round, RoundGroup, RoundSubject
from ..validators import validate_grading
from .common import _locked_round, _require, _require_state
from .rounds import ROUND_FIELDS, check_round_kind, create_round
from .tokens import MAX_TOKENS, make_tokens

#: What `update_round` may change while the round is a draft.
EDITABLE_FIELDS = (
    "name", "campaign", "opens_at", "closes_at", "allow_open_channel", "min_n", "dissatisfied_flag_share", "grading",
)


def _check_grading(grading: dict) -> None:
    try:
        validate_grading(grading)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="grading") from exc


def create_round_with_grading(*, grading: dict | None = None, by, **fields) -> Round:
    """`create_round` and, in the same transaction, the round's own grading rules."""
    if grading:
        _check_grading(grading)
    with transaction.atomic():
        round_ = create_round(by=by, **fields)
        if grading:
            round_ = update_round(round_, grading=grading, by=by)
    return round_


def update_round(round_: Round, *, by, **changes) -> Round:
    """Change a draft round's settings: any of EDITABLE_FIELDS, the others are refused.

    `grading` replaces the round's rules as a whole ({} means the defaults).
    """
    _require(ev_rules.can_manage_rounds(by), by)
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise DomainError(
            _("These settings cannot change here: %(fields)s.") % {"fields": ", ".join(unknown)}, code="fields"
        )
    if "grading" in changes:
        _check_grading(changes["grading"])
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Changing the round's settings"))
        fields = (*ROUND_FIELDS, "grading")
        before = audit.snapshot(round_, fields)
        for name, value in changes.items():
            setattr(round_, name, value)
        if round_.closes_at <= round_.opens_at:
            raise DomainError(_("A round must close after it opens."), code="window")
        if "campaign" in changes:
            check_round_kind(round_.kind, round_.scheme, round_.campaign)
        round_.full_clean()
        round_.save(update_fields=list(changes))
        round_.refresh_from_db()
        after = audit.snapshot(round_, fields)
        if after != before:
            audit.record("evaluation.round.update", by=by, obj=round_, before=before, after=after)
    return round_


def _subject_code(subject: RoundSubject) -> str:
    return subject.member.code if subject.member_id else subject.organization.code


def remove_subject(subject: RoundSubject, *, by) -> None:
    """Take a subject out of a draft round, with any tokens already made for it."""
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(subject.round)
        _require_state(round_, [RoundState.DRAFT], _("Removing subjects"))
        subject = RoundSubject.objects.select_related("organization", "member").get(pk=subject.pk, round=round_)
        code = _subject_code(subject)
        subject.delete()
        audit.record(
            "evaluation.round.remove_subject", by=by, obj=round_,
            before={"member" if subject.member_id else "organization": code},
        )


def remove_group(group: RoundGroup, *, by) -> None:
    """Take a voter group out of a draft round, with any tokens already made for it."""
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(group.round)
        _require_state(round_, [RoundState.DRAFT], _("Removing voter groups"))
        group = RoundGroup.objects.select_related("voter_group").get(pk=group.pk, round=round_)
        kind, expected = group.voter_group.kind, group.expected
        group.delete()
        audit.record(
            "evaluation.round.remove_group", by=by, obj=round_, before={"group": kind, "expected": expected}
        )


def make_tokens_for_subjects(
    round_: Round, *, subjects: Iterable[RoundSubject], group: RoundGroup, count: int, by
) -> list[tuple[RoundSubject, str]]:
    """`count` tokens for each subject (`make_tokens`, so earlier unused ones are revoked),
    all or none: one transaction, at most MAX_TOKENS in all. Pairs of (subject, raw token)."""
    _require(ev_rules.can_manage_rounds(by), by)
    subjects = list(subjects)
    if not subjects:
        raise DomainError(_("The round has no subjects to make tokens for."), code="no_subjects")
    if count < 1 or count * len(subjects) > MAX_TOKENS:
        raise DomainError(
            _("Make between 1 and %(max)d tokens at a time (%(subjects)d subjects × %(count)d asked).")
            % {"max": MAX_TOKENS, "subjects": len(subjects), "count": count},
            code="count",
        )
    made = []
    with transaction.atomic():
        for subject in subjects:
            tokens = make_tokens(round_, subject=subject, group=group, count=count, by=by)
            made.extend((subject, token) for token in tokens)
    return made
