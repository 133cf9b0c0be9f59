"""What the selection pages share: sign-in, loading through the scoped querysets (outside
the user's view: 404) and the rules check (refused: 403)."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import rules as s_rules
from ..queries import nominations_visible_to, selections_visible_to

PER_PAGE = 25


class SelectionsMixin(LoginRequiredMixin):
    """Signed in (else to the login page); `load` finds the page's object in the user's view
    (else 404) and `manages` pages are the county admins' (else 403)."""

    manages = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(request, **kwargs)
        if self.manages and not s_rules.can_manage_selections(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, **kwargs) -> None:
        """Find the page's object through the user's scoped queryset."""


class SelectionPage(SelectionsMixin):
    def load(self, request, pk, **kwargs):
        self.selection = get_object_or_404(
            selections_visible_to(request.user).select_related("kind", "campaign", "round"), pk=pk)


class NominationPage(SelectionsMixin):
    def load(self, request, pk, **kwargs):
        self.nomination = get_object_or_404(
            nominations_visible_to(request.user).select_related(
                "selection__kind", "selection__campaign", "organization", "member", "affiliate_unit", "nominated_by"),
            pk=pk)
        self.selection = self.nomination.selection
