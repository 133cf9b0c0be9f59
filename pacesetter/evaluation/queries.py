"""Reads of the evaluation mechanism, scoped by the one visibility decision of orgs.queries."""
from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from pacesetter.orgs.queries import organizations_visible_to

from .models import Round, RoundSubject


def subjects_visible_to(user) -> QuerySet[RoundSubject]:
    """Round subjects whose organisation the user sees."""
    return RoundSubject.objects.filter(organization__in=organizations_visible_to(user))


def rounds_visible_to(user) -> QuerySet[Round]:
    """Rounds with at least one subject the user sees (their results are another matter:
    hidden until released)."""
    return Round.objects.filter(Exists(subjects_visible_to(user).filter(round=OuterRef("pk"))))
