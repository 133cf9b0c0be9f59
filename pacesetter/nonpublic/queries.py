"""Reads of the registry: who sees which entities, the townships to choose from, filters and
the 抓提高 figures (each covering organisation's latest released evaluation result).

**Visibility**: county admins, inspectors and county-level leaders (their roles sit on the
county) see every entity; an organisation admin the entities in a township or covered by an
organisation inside their subtree. Members, affiliates and others see none. Plans are seen
with their entity; checklists with their covering organisation."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.models import SubjectResult
from pacesetter.orgs.enums import OrgLevel, Role
from pacesetter.orgs.models import Organization
from pacesetter.orgs.queries import paths_q, role_paths

from .models import ChecklistCheck, EstablishPlan, NonpublicEntity

READING_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.INSPECTOR, Role.LEADER)
#: Townships are the committees right below the county (depth 1), with their township named.
TOWNSHIP_DEPTH = 2


def _reading_paths(user) -> list[str] | None:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return []
    return role_paths(user, READING_ROLES)


def entities_visible_to(user) -> QuerySet[NonpublicEntity]:
    paths = _reading_paths(user)
    if paths is None:
        return NonpublicEntity.objects.all()
    if not paths:
        return NonpublicEntity.objects.none()
    return NonpublicEntity.objects.filter(paths_q(paths, "township__path") | paths_q(paths, "covering__path"))


def plans_visible_to(user) -> QuerySet[EstablishPlan]:
    return EstablishPlan.objects.filter(entity__in=entities_visible_to(user))


def covering_organizations_visible_to(user) -> QuerySet[Organization]:
    """Organisations that cover an entity the user sees: the ones with a checklist."""
    covered = entities_visible_to(user).filter(covering=OuterRef("pk"))
    return Organization.objects.filter(Exists(covered))


def checks_visible_to(user) -> QuerySet[ChecklistCheck]:
    return ChecklistCheck.objects.filter(organization__in=covering_organizations_visible_to(user))


def townships() -> QuerySet[Organization]:
    return Organization.objects.filter(depth=TOWNSHIP_DEPTH, level=OrgLevel.COMMITTEE).exclude(
        township="").order_by("path")


def is_township(organization: Organization) -> bool:
    return (organization.depth == TOWNSHIP_DEPTH and organization.level == OrgLevel.COMMITTEE
            and bool(organization.township))


def search(qs: QuerySet[NonpublicEntity], text: str) -> QuerySet[NonpublicEntity]:
    text = text.strip()
    if not text:
        return qs
    return qs.filter(Q(name__icontains=text) | Q(credit_code__iexact=text.upper()))


def with_open_plan(qs: QuerySet[NonpublicEntity], *, overdue_on=None) -> QuerySet[NonpublicEntity]:
    plans = EstablishPlan.objects.filter(entity=OuterRef("pk"), done_on__isnull=True)
    if overdue_on is not None:
        plans = plans.filter(target_date__lt=overdue_on)
    return qs.filter(Exists(plans))


@dataclass(frozen=True)
class Result:
    """抓提高: how a covering organisation fared in the latest released evaluation."""

    round_name: str
    composite: float | None
    grade: str
    grade_label: str


def latest_results(organization_ids) -> dict[int, Result]:
    """Each organisation's result in the latest released round it was evaluated in, one query."""
    ids = {pk for pk in organization_ids if pk}
    if not ids:
        return {}
    rows = SubjectResult.objects.filter(
        subject__organization_id__in=ids, subject__member__isnull=True, tally__round__state=RoundState.RELEASED,
    ).order_by("-tally__round__opens_at", "-tally__round_id").values_list(
        "subject__organization_id", "tally__round__name", "composite", "grade")
    found: dict[int, Result] = {}
    labels = dict(SubjectResult._meta.get_field("grade").choices)
    for org_id, round_name, composite, grade in rows:
        if org_id not in found:
            found[org_id] = Result(round_name, None if composite is None else round(composite, 1), grade,
                                   str(labels.get(grade, "")))
    return found
