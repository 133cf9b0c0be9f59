"""What the registry pages share: sign-in, loading through the scoped querysets (outside the
user's view: 404), the rules check (refused: 403), form rendering and .xlsx responses."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

PER_PAGE = 25


class NonpublicMixin(LoginRequiredMixin):
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


def lookups(user) -> dict:
    """The querysets codes typed into a form are looked up in."""
    return {"organizations": organizations_visible_to(user), "members": members_visible_to(user)}


def form_page(request, form, *, title: str, submit_label: str, back: str, entity=None, status: int = 200):
    return render(request, "nonpublic/form.html", {"form": form, "title": title, "submit_label": submit_label,
                                                   "back": back, "entity": entity}, status=status)


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(content, content_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})


#: Domain refusal codes that are not the name of the form field they concern.
FIELD_OF_CODE = {"date": ("on", "registered_on"), "count": ("employees",), "open_plan": (), "covered": ()}


def show_error(form, error) -> None:
    """A domain refusal under the form field its code names, else above the form."""
    code = getattr(error, "code", None) or ""
    names = FIELD_OF_CODE.get(code, (code,))
    field = next((name for name in names if name in form.fields), None)
    for message in error.messages:
        form.add_error(field, message)
