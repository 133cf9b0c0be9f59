"""The exhibition's pages for logged-in users: uploading photos for one's organisations,
following their moderation, the county admins' moderation queue and the themes."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pacesetter.core.errors import PermissionDeniedError
from pacesetter.orgs.queries import editable_paths, organizations_visible_to, paths_q
from pacesetter.orgs.views.common import positive_int

from .. import domain
from .. import rules as x_rules
from ..enums import PhotoStatus
from ..forms import (
    ManageFilterForm,
    RejectForm,
    ThemeForm,
    UploadForm,
    show_domain_error,
)
from ..queries import (
    photos_managed_by,
    photos_visible_to,
    themes_visible_to,
    with_display,
)

PHOTOS_PER_PAGE = 24
QUEUE_PER_PAGE = 20


def _editable_orgs(user):
    paths = editable_paths(user)
    orgs = organizations_visible_to(user)
    return orgs if paths is None else orgs.filter(paths_q(paths, "path"))


def _listing(request, photos, per_page: int, data=None, *, oldest_first: bool = False) -> dict:
    data = request.GET if data is None else data
    form = ManageFilterForm(data or None)
    photos = with_display(photos)
    if form.is_bound:
        photos = form.apply(photos)
    order = ("uploaded_at", "id") if oldest_first else ("-uploaded_at", "-id")
    page = Paginator(photos.order_by(*order), per_page).get_page(positive_int(data.get("page")))
    query = {k: v for k, v in data.items() if k != "page" and v}
    return {"filter": form, "page": page, "query_string": urlencode(query)}


class PhotoUpload(LoginRequiredMixin, View):
    template_name = "exhibition/upload.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not x_rules.can_upload(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None, files=None) -> UploadForm:
        orgs = _editable_orgs(self.request.user)
        initial = {"organization": orgs.order_by("depth", "path").values_list("code", flat=True).first()}
        return UploadForm(data, files, editable_orgs=orgs, initial=initial)

    def get(self, request):
        return render(request, self.template_name, {"form": self.form()})

    def post(self, request):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                photos = domain.upload_photos(by=request.user, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ValidationError as error:
                show_domain_error(form, error)
            else:
                messages.success(request, ngettext(
                    "%(n)d photo was uploaded; it is published once a county admin approves it.",
                    "%(n)d photos were uploaded; they are published once a county admin approves them.",
                    len(photos)) % {"n": len(photos)})
                return redirect("exhibition:photo-mine")
        return render(request, self.template_name, {"form": form})


class PhotoMine(LoginRequiredMixin, View):
    """The photos of the organisations one may edit (and one's own uploads), in every state."""

    http_method_names = ["get", "head"]

    def get(self, request):
        context = _listing(request, photos_managed_by(request.user), PHOTOS_PER_PAGE)
        return render(request, "exhibition/mine.html", context | {"can_upload": x_rules.can_upload(request.user)})


class ModerationQueue(LoginRequiredMixin, View):
    """County admins: the photos awaiting moderation (filter by state to see the others)."""

    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not x_rules.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        data = request.GET.copy()
        data.setdefault("status", PhotoStatus.SUBMITTED)
        # First come, first moderated: the oldest upload waits longest.
        context = _listing(request, photos_visible_to(request.user), QUEUE_PER_PAGE, data=data, oldest_first=True)
        return render(request, "exhibition/moderation.html", context | {"reject_form": RejectForm()})


class PhotoModerate(LoginRequiredMixin, View):
    """POST action=approve, or action=reject with a reason; back to `next` (a local URL)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        photo = get_object_or_404(photos_visible_to(request.user), pk=pk)
        if not x_rules.can_moderate(request.user):
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "approve":
                domain.approve_photo(photo, by=request.user)
                messages.success(request, _("“%(caption)s” is published.") % {"caption": photo.caption})
            elif action == "reject":
                domain.reject_photo(photo, by=request.user, reason=request.POST.get("reason", ""))
                messages.success(request, _("“%(caption)s” was rejected.") % {"caption": photo.caption})
            else:
                messages.error(request, _("Choose to publish or to reject the photo."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
            target = reverse("exhibition:moderation")
        return redirect(target)


class _ThemeAdmin(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not x_rules.can_manage_themes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save(self, form, call):
        try:
            call(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            show_domain_error(form, error)
            return False
        return True


class ThemeList(_ThemeAdmin):
    """The themes with how many photos each holds, and a form to add one."""

    def render_page(self, form):
        themes = themes_visible_to(self.request.user).annotate(photo_count=Count("photos"))
        themes = Paginator(themes.order_by("position", "name"), 50).get_page(
            positive_int(self.request.GET.get("page"))
        )
        return render(self.request, "exhibition/themes.html", {"page": themes, "form": form})

    def get(self, request):
        return self.render_page(ThemeForm())

    def post(self, request):
        form = ThemeForm(request.POST)
        if form.is_valid() and self.save(form, domain.create_theme):
            messages.success(request, _("The theme “%(name)s” was added.") % {"name": form.cleaned_data["name"]})
            return redirect("exhibition:theme-list")
        return self.render_page(form)


class ThemeEdit(_ThemeAdmin):
    def get(self, request, pk):
        theme = get_object_or_404(themes_visible_to(request.user), pk=pk)
        form = ThemeForm(initial={"name": theme.name, "description": theme.description, "position": theme.position,
                                  "is_active": theme.is_active})
        return render(request, "exhibition/theme_edit.html", {"theme": theme, "form": form})

    def post(self, request, pk):
        theme = get_object_or_404(themes_visible_to(request.user), pk=pk)
        form = ThemeForm(request.POST)
        if form.is_valid() and self.save(form, lambda **kw: domain.update_theme(theme, **kw)):
            messages.success(request, _("The theme “%(name)s” was saved.") % {"name": form.cleaned_data["name"]})
            return redirect("exhibition:theme-list")
        return render(request, "exhibition/theme_edit.html", {"theme": theme, "form": form})
