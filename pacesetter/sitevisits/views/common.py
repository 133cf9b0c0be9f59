"""What the meeting pages share: sign-in, loading through the scoped querysets (outside the
user's view: 404) and the rules check (refused: 403)."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import rules as sv_rules
from ..queries import meetings_visible_to

PER_PAGE = 25


class MeetingsMixin(LoginRequiredMixin):
    """Signed in (else to the login page); `load` finds the page's object in the user's view
    (else 404) and `check` decides whether the user may do what the page does (else 403)."""

    manages = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(request, **kwargs)
        if self.manages and not sv_rules.can_manage_meetings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, **kwargs) -> None:
        """Find the page's object through the user's scoped queryset."""


class MeetingPage(MeetingsMixin):
    def load(self, request, pk, **kwargs):
        self.meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
