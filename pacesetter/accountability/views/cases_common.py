"""What the ladder, notice and case pages share: who may enter them at all, and how a refused
form comes back.

The pages are for those who take part in key-task work: county admins, organisation admins,
county-level leaders and inspectors (and superusers). Members, affiliate admins and users
without a role get 403 on every page here, whatever the object: a 403 that does not depend
on the object tells nothing about it. Inside, notices and cases are loaded through
`notices_visible_to` / `cases_visible_to`, so one outside the user's view is a 404.
"""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import user_roles

PER_PAGE = 25
AREA_ROLES = frozenset({Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.LEADER, Role.INSPECTOR})


def takes_part(user) -> bool:
    """Whether the user has a part in key-task work (and so reads the ladder, notices, cases)."""
    if not getattr(user, "is_active", False):
        return False
    return bool(getattr(user, "is_superuser", False)) or bool(user_roles(user) & AREA_ROLES)


class AreaMixin(LoginRequiredMixin):
    """Signed in (else to the login page) and taking part in key-task work (else 403); then
    `load` finds the page's object in the user's view (else 404) and `check` decides whether
    the user may do what the page does (else 403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not takes_part(request.user):
            raise PermissionDenied
        self.load(request, **kwargs)
        if not self.check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, **kwargs) -> None:
        """Find the page's object through the user's scoped queryset."""

    def check(self, user) -> bool:
        return True
