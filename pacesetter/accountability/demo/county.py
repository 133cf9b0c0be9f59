"""The demo county: where its leaders serve, who acts in the demo, and its units by a word
of their name, as the catalogue names them.

A word finds the first county agency whose name holds it (临江县林业局党支部 for 林业局),
else the first organisation just below a township or system committee that holds it (the
industrial park's joint branch); T1 and T2 are the first and second township committees.
A small demo county has three agencies and one township: a word found nowhere takes one of
the agencies, the same one for the same word (a township only when there are no agencies).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Sector
from pacesetter.orgs.models import Leader, Organization, RoleAssignment

from ..models import KeyTask


@dataclass
class Actors:
    county: object
    inspector: object
    township1: object | None
    leader1: object | None
    township_path: str

    def leads(self, task: KeyTask) -> bool:
        return self.leader1 is not None and task.leader.user_id == self.leader1.pk

    def for_unit(self, org: Organization):
        """Who writes for a unit: township1 in its own township, the county admin elsewhere."""
        if self.township1 is not None and org.path.startswith(self.township_path):
            return self.township1
        return self.county


def find_county(root: Organization) -> Organization:
    """Where the county-level leaders serve: the root, or a province's first county."""
    county = Organization.objects.filter(path__startswith=root.path, leaders__isnull=False).order_by("path").first()
    return county or root


def find_actors(county: Organization) -> Actors:
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["county", "inspector", "township1", "leader1"])}
    if "county" not in users or "inspector" not in users:
        raise DomainError(_("The demo logins 'county' and 'inspector' are missing: seed the organisations first."))
    township = RoleAssignment.objects.filter(user__username="township1").values_list(
        "organization__path", flat=True).first()
    leader1 = users.get("leader1")
    if leader1 is not None and not Leader.objects.filter(user=leader1).exists():
        first = Leader.objects.filter(organization=county).order_by("code").first()
        Leader.objects.filter(pk=first.pk).update(user=leader1)
    return Actors(users["county"], users["inspector"], users.get("township1"), leader1, township or "\0")


class Units:
    def __init__(self, county: Organization):
        rows = list(Organization.objects.filter(
            path__startswith=county.path, depth__in=(county.depth + 1, county.depth + 2), status=OrgStatus.ACTIVE,
        ).order_by("path").values_list("pk", "path", "depth", "name", "sector", "township"))
        heads = [r for r in rows if r[2] == county.depth + 1]
        self.townships = [r[0] for r in heads if r[5]]
        agency_heads = [r[1] for r in heads if r[4] == Sector.AGENCY and not r[5]]
        below = [r for r in rows if r[2] == county.depth + 2]
        self.agencies = [(r[0], r[3]) for r in below if agency_heads and r[1].startswith(agency_heads[0])]
        self.others = [(r[0], r[3]) for r in below]
        self.pool = [pk for pk, _name in self.agencies] or self.townships or [county.pk]
        self._cache: dict[int, Organization] = {}

    def find(self, word: str) -> Organization:
        if word in ("T1", "T2") and self.townships:
            pk = self.townships[min(int(word[1]) - 1, len(self.townships) - 1)]
        else:
            pk = next((pk for pk, name in self.agencies + self.others if word in name), None)
            if pk is None:
                pk = self.pool[zlib.crc32(word.encode()) % len(self.pool)]
        if pk not in self._cache:
            self._cache[pk] = Organization.objects.get(pk=pk)
        return self._cache[pk]
