"""What the setup pages share: loading a round or scheme through the user's scoped querysets
(invisible == missing == 404), the county admin's check (403), and small helpers."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pacesetter.orgs.queries import user_roles

from ... import rules as ev_rules
from ...models import Round, Scheme
from ...queries import rounds_visible_to

PER_PAGE = 25


def schemes_visible_to(user) -> QuerySet[Scheme]:
    """Schemes are county-wide rules, not organisation data: anyone with a role reads them all."""
    if not getattr(user, "is_active", False):
        return Scheme.objects.none()
    if getattr(user, "is_superuser", False) or user_roles(user):
        return Scheme.objects.all()
    return Scheme.objects.none()


def rounds_for(user) -> QuerySet[Round]:
    """The rounds a user finds on these pages: those with a subject they see, and for the
    county admin, who sets rounds up, every round, including a new one with no subjects yet
    (which `rounds_visible_to` leaves out: it is seen through its subjects)."""
    if ev_rules.can_manage_rounds(user):
        return Round.objects.all()
    return rounds_visible_to(user)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def flash_error(request, error: ValidationError) -> None:
    messages.error(request, error_text(error))


class RoundMixin(LoginRequiredMixin):
    """Loads `self.round` among the rounds the user sees; `manage = True` pages are the county admin's."""

    manage = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.round: Round = get_object_or_404(rounds_for(request.user).select_related("scheme"), pk=kwargs["pk"])
        if self.manage and not ev_rules.can_manage_rounds(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SchemeMixin(LoginRequiredMixin):
    """Loads `self.scheme` among the schemes the user reads; `manage = True` pages are the county admin's."""

    manage = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.scheme: Scheme = get_object_or_404(schemes_visible_to(request.user), pk=kwargs["pk"])
        if self.manage and not ev_rules.can_manage_schemes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
