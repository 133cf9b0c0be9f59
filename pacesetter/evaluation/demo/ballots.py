"""The bulk path of the evaluation demo: answers drawn from a subject's quality, and ballots
inserted in bulk while a round is open, exactly as `cast_ballot` writes them (the package
docstring says why)."""
from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count

from pacesetter.orgs.models import Member, Organization

from .. import domain
from ..domain.common import _new_ballot_id
from ..enums import Channel, Scale, TokenStatus
from ..models import (
    Answer,
    Ballot,
    BallotToken,
    Indicator,
    Round,
    RoundGroup,
    RoundSubject,
    Scheme,
)

SCORE = Scale.SCORE100

# --- answers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """How a subject is judged: its quality, and whether its answers are polarised."""

    quality: float
    polarised: bool = False


def _option(rng: random.Random, quality: float, options: int) -> int:
    """An option index near (1 − quality) × (options − 1): good subjects mostly get the best."""
    centre = (1 - quality) * (options - 1)
    return min(options - 1, max(0, round(centre + rng.gauss(0, 0.7))))


def _answers(rng: random.Random, indicators: list[Indicator], profile: Profile) -> list[tuple[int, int, int]]:
    """(indicator id, option or score, points) for one ballot."""
    answers = []
    for ind in indicators:
        if ind.scale == SCORE:
            quality = (0.05 if rng.random() < 0.42 else 0.95) if profile.polarised else profile.quality
            score = min(100, max(0, round(rng.gauss(42 + 55 * quality, 7))))
            answers.append((ind.pk, score, score))
            continue
        points = ind.option_points
        if profile.polarised and rng.random() < 0.42:
            option = len(points) - 1
        else:
            option = _option(rng, 0.95 if profile.polarised else profile.quality, len(points))
        answers.append((ind.pk, option, points[option]))
    return answers


# --- bulk writing --------------------------------------------------------------------------


def insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows into a model's table: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    quote = connection.ops.quote_name
    opts = model._meta
    table = quote(opts.db_table)
    names = ", ".join(quote(opts.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows)  # nosec B608 # table and column names come from model _meta, quoted; every value is a bound parameter


class Ballots:
    """Ballots and answers gathered for one bulk insert."""

    def __init__(self, round_: Round, rng: random.Random):
        self.round, self.rng = round_, rng
        self.indicators = list(Indicator.objects.filter(scheme_id=round_.scheme_id).order_by("order"))
        self.ballots: list[tuple] = []
        self.answers: list[tuple] = []
        self._ids: set[int] = set()

    def add(self, subject_id: int, group_id: int, count: int, profile: Profile, channel: str = Channel.TOKEN) -> None:
        for _n in range(count):
            ballot_id = _new_ballot_id()
            while ballot_id in self._ids:
                ballot_id = _new_ballot_id()
            self._ids.add(ballot_id)
            self.ballots.append((ballot_id, self.round.pk, subject_id, group_id, channel))
            self.answers.extend(
                (ballot_id, indicator_id, self.round.pk, subject_id, group_id, option, points)
                for indicator_id, option, points in _answers(self.rng, self.indicators, profile)
            )

    def write(self) -> int:
        with transaction.atomic():
            insert_rows(Ballot, ("id", "round", "subject", "group", "channel"), self.ballots)
            insert_rows(Answer, ("ballot", "indicator", "round", "subject", "group", "option", "points"), self.answers)
        return len(self.ballots)


def chunks(items: list, size: int = 5000) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def issue_tokens(round_: Round, subject: RoundSubject, group: RoundGroup, *, issued: int, used: int,
            keep: int = 0) -> tuple[list[str], list[str]]:
    """Make `issued` tokens through the domain; returns (raw tokens to mark used, the
    `keep` first ones, left unused for someone to try)."""
    raw = domain.make_tokens(round_, subject=subject, group=group, count=issued, by=None)
    return raw[keep:keep + used], raw[:keep]


def mark_used(raw_tokens: list[str]) -> None:
    hashes = [domain.token_hash(raw) for raw in raw_tokens]
    for chunk in chunks(hashes):
        BallotToken.objects.filter(key_hash__in=chunk, status=TokenStatus.UNUSED).update(status=TokenStatus.USED)


def add_groups(round_: Round, scheme: Scheme, expected: dict[str, int]) -> dict[str, RoundGroup]:
    return {
        vg.kind: domain.add_group(round_, voter_group=vg, expected=expected[vg.kind], by=None)
        for vg in scheme.groups.order_by("id")
    }


def member_counts(orgs: Iterable[Organization]) -> dict[int, int]:
    ids = [o.pk for o in orgs]
    counts: dict[int, int] = {}
    for chunk in chunks(ids):
        counts.update(
            Member.objects.filter(organization_id__in=chunk).values_list("organization_id")
            .annotate(n=Count("id")).order_by()
        )
    return counts


def draw_profiles(rng: random.Random, subject_ids: list[int]) -> dict[int, Profile]:
    """Mostly good subjects, with a few excellent and a couple of lagging ones."""
    profiles = {pk: Profile(min(0.97, max(0.45, rng.betavariate(6, 2)))) for pk in subject_ids}
    shuffled = subject_ids[:]
    rng.shuffle(shuffled)
    k = max(1, len(shuffled) // 10)
    for pk in shuffled[:k]:
        profiles[pk] = Profile(rng.uniform(0.93, 1.0))
    for pk in shuffled[k:k + max(1, k // 2)]:
        profiles[pk] = Profile(rng.uniform(0.3, 0.42))
    return profiles
