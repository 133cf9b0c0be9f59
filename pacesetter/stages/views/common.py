"""What the stage pages share: sign-in, loading through the scoped querysets (outside the
user's view: 404), the rules check (refused: 403), the campaign a page is about, .xlsx."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone

from pacesetter.campaigns.queries import campaigns_visible_to, current_campaign
from pacesetter.core.xlsx import XLSX_TYPE

PER_PAGE = 25


class StagesMixin(LoginRequiredMixin):
    """Signed in (else to the login page); `load` finds the page's objects in the user's
    view (else 404) and `check` decides whether the user may do what the page does (else 403)."""

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


def chosen_campaign(request):
    """The campaign of ?campaign=<id> (404 when not a visible one), else the current one,
    else the latest; None when there is no campaign at all."""
    campaigns = campaigns_visible_to(request.user)
    wanted = request.GET.get("campaign", "").strip()
    if wanted:
        found = campaigns.filter(pk=wanted).first() if wanted.isdigit() else None
        if found is None:
            raise Http404
        return found
    return current_campaign() or campaigns.order_by("-starts_on", "-id").first()


def today():
    return timezone.localdate()


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(content, content_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
