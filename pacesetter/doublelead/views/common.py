"""What the double-lead pages share: sign-in, loading through the scoped querysets (outside
the user's view: 404), the rules check (refused: 403), and .xlsx responses."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone

from pacesetter.core.xlsx import XLSX_TYPE

PER_PAGE = 25


class DoubleLeadMixin(LoginRequiredMixin):
    """Signed in (else to the login page); `load` finds the page's object in the user's view
    (else 404) and `check` decides whether the user may do what the page does (else 403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(request, **kwargs)
        if not self.check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, **kwargs) -> None:
        """Find the page's object through the user's scoped queryset."""

    def check(self, user) -> bool:
        return True


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(content, content_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
