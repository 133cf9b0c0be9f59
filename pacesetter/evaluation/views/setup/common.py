"""What the setup pages share: loading a round or scheme through the user's scoped querysets
(invisible == missing == 404), the county admin's check (403), and small helpers."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from ... import rules as ev_rules
from ...models import Round, Scheme
from ...queries import rounds_visible_to, schemes_visible_to  # noqa: F401 (re-exported to the setup views)

PER_PAGE = 25


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
        self.round: Round = get_object_or_404(rounds_visible_to(request.user).select_related("scheme"), pk=kwargs["pk"])
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
