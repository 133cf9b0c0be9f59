"""Which jobs a user sees: a county admin all; others their own and those of the
organisations they may change."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from pacesetter.orgs import rules as org_rules
from pacesetter.orgs.queries import editable_paths

from .models import Job


def jobs_visible_to(user) -> QuerySet[Job]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Job.objects.none()
    if org_rules.is_county_admin(user):
        return Job.objects.all()
    scope = Q(requested_by=user)
    for path in editable_paths(user) or []:
        scope |= Q(organization__path__startswith=path)
    return Job.objects.filter(scope)
