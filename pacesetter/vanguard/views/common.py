"""What the vanguard pages share: sign-in, loading through the scoped querysets (outside the
user's view: 404), the rules check (refused: 403), a form page that hands its data to one
domain function, and .xlsx responses."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.orgs.forms import add_domain_error

from .. import queries

PER_PAGE = 25
SELECTED = ("organization", "lead")


class VanguardMixin(LoginRequiredMixin):
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


class ProjectPage(VanguardMixin):
    def load(self, request, pk, **kwargs):
        self.project = get_object_or_404(queries.projects_visible_to(request.user).select_related(*SELECTED), pk=pk)


class FormPage(ProjectPage, View):
    """GET shows the form, POST hands its cleaned data to `save` (a domain call); a refusal
    is shown on the form with a 400. Each page defines `make_form(data=None, files=None)`
    and `save(user, data)`, which returns what to show next (or None: the project)."""

    template_name = "vanguard/form.html"
    title = ""
    submit_label = ""
    multipart = False

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {
            "form": form, "project": getattr(self, "project", None), "title": self.title,
            "submit_label": self.submit_label or _("Save"), "multipart": self.multipart}, status=status)

    def get(self, request, **kwargs):
        return self.render_form(request, self.make_form())

    def post(self, request, **kwargs):
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                target = self.save(request.user, form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect((target or self.project).get_absolute_url())
        return self.render_form(request, form, status=400)


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(content, content_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
