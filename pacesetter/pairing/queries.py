"""Reads of pairings: who sees which pairings, logs and recommendation runs.

**Visibility** builds on the organisation subtrees of `orgs.queries` (the one decision):
- county admins, organisation admins and inspectors see the pairings with a party whose
  organisation (an organisation party itself, or a member's or a leader's organisation) lies
  in the subtrees of those roles: a county admin, attached to the county, sees all; an
  organisation admin the pairings of their units, on either side (they log the helper
  side's visits);
- a county-level leader sees the pairings they are a party to;
- members and affiliate admins see none: pairings are the organisation department's working
  records, not a public list (helped units are, by definition, lagging).
Help logs and photos follow their pairing. Recommendation runs are county admins' and
inspectors' only (they rank named lagging units county-wide).
"""
from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import paths_q, role_paths

from .models import HelpLog, Pairing, PairingParty, RecommendationRow, RecommendationRun

UNIT_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.INSPECTOR)
COUNTY_ROLES = (Role.COUNTY_ADMIN, Role.INSPECTOR)


def _party_in(paths: list[str]) -> Q:
    return (paths_q(paths, "organization__path") | paths_q(paths, "member__organization__path")
            | paths_q(paths, "leader__organization__path"))


def pairings_visible_to(user) -> QuerySet[Pairing]:
    paths = role_paths(user, UNIT_ROLES)
    if paths is None:
        return Pairing.objects.all()
    if not getattr(user, "is_active", False):
        return Pairing.objects.none()
    own = PairingParty.objects.filter(pairing_id=OuterRef("pk"), leader__user_id=user.pk)
    if not paths:
        return Pairing.objects.filter(Exists(own))
    inside = PairingParty.objects.filter(_party_in(paths), pairing_id=OuterRef("pk"))
    return Pairing.objects.filter(Q(Exists(inside)) | Q(Exists(own)))


def logs_visible_to(user) -> QuerySet[HelpLog]:
    return HelpLog.objects.filter(pairing__in=pairings_visible_to(user))


def runs_visible_to(user) -> QuerySet[RecommendationRun]:
    paths = role_paths(user, COUNTY_ROLES)
    if paths is None or paths:
        return RecommendationRun.objects.all()
    return RecommendationRun.objects.none()


def with_parties(qs: QuerySet[Pairing]) -> QuerySet[Pairing]:
    """Pairings with their parties (and each party's organisation) in two more queries."""
    return qs.prefetch_related(Prefetch(
        "parties",
        queryset=PairingParty.objects.select_related("organization", "member__organization", "leader__organization"),
    ))


def rows_of(run: RecommendationRun) -> QuerySet[RecommendationRow]:
    return run.rows.select_related("helper", "helped", "pairing").order_by("helped__code", "id")
