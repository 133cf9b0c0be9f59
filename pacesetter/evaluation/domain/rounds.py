"""Rounds: setup, the state machine draft → open → closed → released, and the close rewrite."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.campaigns.models import Campaign
from pacesetter.core import audit
from pacesetter.core.errors import DomainError
from pacesetter.orgs.models import Member, Organization

from .. import rules as ev_rules
from ..enums import RoundKind, RoundState, SchemeKind, SchemeStatus, TokenStatus
from ..models import (
    BallotSetSeal, BallotToken, OpenLimit, Participation, Round, RoundGroup, RoundSubject, Scheme, VoterGroup,
)
from ..queries import database_fingerprint
from .common import _locked_round, _new_ballot_id, _require, _require_state


ROUND_FIELDS = (
    "name", "kind", "scheme", "campaign", "state", "opens_at", "closes_at", "allow_open_channel", "min_n",
    "dissatisfied_flag_share",
)


def check_round_kind(kind: str, scheme: Scheme, campaign: Campaign | None) -> None:
    """A commitment-review round (评诺) uses a commitment-review scheme and names the campaign
    whose commitments it reviews; a commitment-review scheme serves no other kind of round."""
    if kind == RoundKind.COMMITMENT_REVIEW:
        if scheme.kind != SchemeKind.COMMITMENT_REVIEW:
            raise DomainError(
                {"scheme": _("A commitment review needs a scheme of the kind “commitment review”; “%(scheme)s” is "
                             "not one.") % {"scheme": scheme.name}},
                code="scheme_kind",
            )
        if campaign is None:
            raise DomainError(
                {"campaign": _("A commitment review needs the campaign whose commitments it reviews.")},
                code="campaign",
            )
    elif scheme.kind == SchemeKind.COMMITMENT_REVIEW:
        raise DomainError(
            {"scheme": _("The scheme “%(scheme)s” is for commitment reviews only.") % {"scheme": scheme.name}},
            code="scheme_kind",
        )


def create_round(
    *, scheme: Scheme, kind: str, name: str, opens_at, closes_at, by, campaign: Campaign | None = None,
    allow_open_channel: bool = False, min_n: int = 5, dissatisfied_flag_share="0.333",
) -> Round:
    _require(ev_rules.can_manage_rounds(by), by)
    if kind not in RoundKind.values:
        raise DomainError(_("Unknown kind of round."), code="kind")
    if closes_at <= opens_at:
        raise DomainError(_("A round must close after it opens."), code="window")
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.status != SchemeStatus.ACTIVE:
            raise DomainError(_("The scheme “%(scheme)s” is still a draft.") % {"scheme": scheme.name}, code="scheme")
        check_round_kind(kind, scheme, campaign)
        round_ = Round(
            scheme=scheme, kind=kind, campaign=campaign, name=name, opens_at=opens_at, closes_at=closes_at,
            allow_open_channel=allow_open_channel, min_n=min_n, dissatisfied_flag_share=dissatisfied_flag_share,
        )
        round_.full_clean()
        round_.save()
        audit.record("evaluation.round.create", by=by, obj=round_, after=audit.snapshot(round_, ROUND_FIELDS))
    return round_


def add_subjects(round_: Round, *, organizations: Iterable[Organization], by) -> list[RoundSubject]:
    _require(ev_rules.can_manage_rounds(by), by)
    orgs = list(organizations)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Adding subjects"))
        organisations = RoundSubject.objects.filter(round=round_, member__isnull=True)
        present = set(organisations.values_list("organization_id", flat=True))
        new = [RoundSubject(round=round_, organization=o) for o in orgs if o.pk not in present]
        RoundSubject.objects.bulk_create(new)
        # In tree order: without an ORDER BY PostgreSQL returns rows as its heap has them.
        created = list(
            organisations.filter(organization__in=[o.pk for o in orgs]).select_related("organization")
            .order_by("organization__path", "pk")
        )
        audit.record(
            "evaluation.round.add_subjects", by=by, obj=round_,
            after={"organizations": sorted(s.organization.code for s in created)},
        )
    return created


def add_person_subjects(round_: Round, *, members: Iterable[Member], role_title: str = "", by) -> list[RoundSubject]:
    """Named persons (a branch secretary, say) as subjects, each under their organisation."""
    _require(ev_rules.can_manage_rounds(by), by)
    people = list(members)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Adding subjects"))
        present = set(RoundSubject.objects.filter(round=round_, member__isnull=False).values_list("member_id", flat=True))
        RoundSubject.objects.bulk_create(
            RoundSubject(round=round_, organization_id=m.organization_id, member=m, role_title=role_title.strip())
            for m in people if m.pk not in present
        )
        created = list(
            RoundSubject.objects.filter(round=round_, member__in=[m.pk for m in people])
            .select_related("organization", "member").order_by("organization__path", "member__code", "pk")
        )
        audit.record(
            "evaluation.round.add_subjects", by=by, obj=round_,
            after={"members": sorted(s.member.code for s in created), "role_title": role_title.strip()},
        )
    return created


def add_group(round_: Round, *, voter_group: VoterGroup, expected: int, by) -> RoundGroup:
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Adding voter groups"))
        if voter_group.scheme_id != round_.scheme_id:
            raise DomainError(_("That voter group belongs to another scheme."), code="group")
        if expected < 0:
            raise DomainError(_("The expected number of ballots cannot be negative."), code="expected")
        group, _created = RoundGroup.objects.update_or_create(
            round=round_, voter_group=voter_group, defaults={"expected": expected}
        )
        audit.record(
            "evaluation.round.add_group", by=by, obj=round_, after={"group": voter_group.kind, "expected": expected}
        )
    return group


def open_round(round_: Round, *, by) -> Round:
    """Draft → open. From here on the scheme, subjects and groups are locked."""
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Opening the round"))
        if not RoundSubject.objects.filter(round=round_).exists():
            raise DomainError(_("The round has no subjects."), code="no_subjects")
        if not RoundGroup.objects.filter(round=round_).exists():
            raise DomainError(_("The round has no voter groups."), code="no_groups")
        if round_.closes_at <= timezone.now():
            raise DomainError(_("The round's window has already ended."), code="window")
        return _set_state(round_, RoundState.OPEN, by)


def close_round(round_: Round, *, by) -> Round:
    """Open → closed. Ballots are rewritten in random order under fresh random ids and the
    tokens reduced to counts, so nothing in the live database links a token to a ballot.

    The ballot set is final from here (but for paper counts confirmed later): its
    fingerprint is sealed (`BallotSetSeal`) and written into the audit entry, so a count
    does not read every answer by ballot again to publish it."""
    _require(ev_rules.can_manage_rounds(by), by)
    if connection.vendor == "sqlite":
        # Freed pages are zeroed, so deleted ballots do not linger in the file.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.OPEN], _("Closing the round"))
        _reduce_tokens(round_)
        # The open survey's per-device and per-address counts are needed only while it takes ballots.
        OpenLimit.objects.filter(subject__round=round_).delete()
        moved = _rewrite_ballots(round_)
        fingerprint = database_fingerprint(round_)
        BallotSetSeal.objects.update_or_create(
            round=round_, defaults={"fingerprint": fingerprint, "ballots": moved, "figures": ""}
        )
        round_ = _set_state(round_, RoundState.CLOSED, by, extra={"ballots": moved, "fingerprint": fingerprint})
        if connection.vendor == "sqlite":
            transaction.on_commit(_checkpoint_sqlite)
    return round_


def release_results(round_: Round, *, by) -> Round:
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.CLOSED], _("Releasing the results"))
        return _set_state(round_, RoundState.RELEASED, by)


def _set_state(round_: Round, state: str, by, extra: dict | None = None) -> Round:
    before = round_.state
    round_.state = state
    round_.save(update_fields=["state"])
    audit.record(
        f"evaluation.round.{state}", by=by, obj=round_, before={"state": before}, after={"state": state, **(extra or {})}
    )
    return round_


def _reduce_tokens(round_: Round) -> None:
    """Counts per subject and group replace the used/unused distinction of each token."""
    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    rows = BallotToken.objects.filter(round=round_).values_list("subject_id", "group_id", "status")
    for subject_id, group_id, status, n in rows.annotate(n=Count("id")).order_by():
        counts[(subject_id, group_id)][status] = n
    Participation.objects.bulk_create(
        Participation(
            round=round_, subject_id=subject_id, group_id=group_id,
            issued=sum(c.values()), used=c.get(TokenStatus.USED, 0), revoked=c.get(TokenStatus.REVOKED, 0),
        )
        for (subject_id, group_id), c in sorted(counts.items())
    )
    BallotToken.objects.filter(round=round_).update(status=TokenStatus.EXPIRED)


def _rewrite_ballots(round_: Round) -> int:
    """Copy the round's ballots and answers under fresh random ids, in the order of those ids
    (a random permutation, unrelated to the order of casting), then delete the originals.

    The copying runs inside the database (a county round is ~300,000 ballots, 3 million
    answers: ~27 s on SQLite here, where building ORM objects took minutes and gigabytes);
    Python only draws the ids. Inserting in id order also keeps the primary key's index
    appends sequential.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM evaluation_ballot WHERE round_id = %s", [round_.pk])
        old_ids = [row[0] for row in cursor.fetchall()]
        if not old_ids:
            return 0
        taken = set(old_ids)
        new_ids = []
        for _old in old_ids:
            new_id = _new_ballot_id()
            while new_id in taken:
                new_id = _new_ballot_id()
            taken.add(new_id)
            new_ids.append(new_id)
        cursor.execute(
            "CREATE TEMPORARY TABLE evaluation_ballot_remap (old_id bigint PRIMARY KEY, new_id bigint NOT NULL)"
        )
        _fill_remap(cursor, old_ids, new_ids)
        cursor.execute(
            "INSERT INTO evaluation_ballot (id, round_id, subject_id, group_id, channel)"
            " SELECT m.new_id, b.round_id, b.subject_id, b.group_id, b.channel"
            " FROM evaluation_ballot_remap m JOIN evaluation_ballot b ON b.id = m.old_id ORDER BY m.new_id"
        )
        cursor.execute(
            "INSERT INTO evaluation_answer (ballot_id, indicator_id, round_id, subject_id, group_id, option, points)"
            " SELECT m.new_id, a.indicator_id, a.round_id, a.subject_id, a.group_id, a.option, a.points"
            " FROM evaluation_ballot_remap m JOIN evaluation_answer a ON a.ballot_id = m.old_id"
            " ORDER BY m.new_id, a.indicator_id"
        )
        cursor.execute(
            "DELETE FROM evaluation_answer WHERE ballot_id IN (SELECT old_id FROM evaluation_ballot_remap)"
        )
        cursor.execute("DELETE FROM evaluation_ballot WHERE id IN (SELECT old_id FROM evaluation_ballot_remap)")
        cursor.execute("DROP TABLE evaluation_ballot_remap")
    return len(old_ids)


def _fill_remap(cursor, old_ids: list[int], new_ids: list[int]) -> None:
    if connection.vendor == "postgresql":
        for start in range(0, len(old_ids), 100_000):
            cursor.execute(
                "INSERT INTO evaluation_ballot_remap SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                [old_ids[start:start + 100_000], new_ids[start:start + 100_000]],
            )
    else:
        cursor.executemany(
            "INSERT INTO evaluation_ballot_remap (old_id, new_id) VALUES (%s, %s)", list(zip(old_ids, new_ids, strict=True))
        )


def _checkpoint_sqlite() -> None:
    """Copy the WAL into the database file and empty it, so old pages leave the WAL too."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
