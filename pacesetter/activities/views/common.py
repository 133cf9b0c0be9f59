"""What the activity pages share: sign-in, loading through the scoped querysets (outside the
user's view: 404), the rules check (refused: 403) and the forms' domain refusals."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import rules as a_rules
from ..queries import activities_visible_to

PER_PAGE = 25


class ActivitiesMixin(LoginRequiredMixin):
    """Signed in (else to the login page); `load` finds the page's object in the user's view
    (else 404) and `allowed` decides whether the user may do what the page does (else 403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(request, **kwargs)
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, **kwargs) -> None:
        """Find the page's object through the user's scoped queryset."""

    def allowed(self, user) -> bool:
        return True


class ActivityPage(ActivitiesMixin):
    def load(self, request, pk, **kwargs):
        self.activity = get_object_or_404(activities_visible_to(request.user).select_related("organization"), pk=pk)


class RunActivityPage(ActivityPage):
    """A page that changes the activity: its organisation's admins only."""

    def allowed(self, user) -> bool:
        return a_rules.can_run_activity(user, self.activity)
