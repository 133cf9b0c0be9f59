"""The exhibition's public side: no login. The gallery, the big screen and the files show
published photos to everyone; through `photos_visible_to`, a photo awaiting moderation is
also seen (page and files) by its uploader, its organisation's admins and county admins,
and is a 404 to anyone else, exactly like a photo that does not exist."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.views import View

from pacesetter.core.public_limits import FILE, public_rate_limit
from pacesetter.core.uploads import file_response
from pacesetter.orgs.views.common import positive_int

from .. import rules as x_rules
from ..forms import GalleryFilterForm, RejectForm
from ..models import Photo
from ..queries import photos_visible_to, published, with_display

PHOTOS_PER_PAGE = 24
#: The big screen cycles through at most this many photos, the newest first.
SCREEN_PHOTOS = 200


def _gallery_filter(request) -> GalleryFilterForm:
    townships = (
        published(Photo.objects.all()).exclude(organization__township="")
        .order_by("organization__township").values_list("organization__township", flat=True).distinct()
    )
    return GalleryFilterForm(request.GET or None, townships=list(townships))


@public_rate_limit("exhibition")
class Gallery(View):
    """The public gallery: thumbnails of the published photos, by theme, township and sector."""

    http_method_names = ["get", "head"]

    def get(self, request):
        form = _gallery_filter(request)
        photos = with_display(published(photos_visible_to(request.user)))
        if form.is_bound:
            photos = form.apply(photos)
        page = Paginator(photos.order_by("-taken_on", "-id"), PHOTOS_PER_PAGE).get_page(
            positive_int(request.GET.get("page"))
        )
        query = {k: v for k, v in request.GET.items() if k != "page" and v}
        return render(request, "exhibition/gallery.html", {
            "filter": form, "page": page, "query_string": urlencode(query),
            "screen_url": reverse("exhibition:screen") + (f"?{urlencode(query)}" if query else ""),
        })


@public_rate_limit("exhibition")
class PhotoDetail(View):
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        photo = get_object_or_404(with_display(photos_visible_to(request.user)), pk=pk)
        return render(request, "exhibition/photo.html", {
            "photo": photo, "can_moderate": x_rules.can_moderate(request.user), "reject_form": RejectForm(),
        })


class _PhotoFile(View):
    """A photo's image or thumbnail, for those who see the photo. Published ones may be
    cached a little; the others never."""

    http_method_names = ["get", "head"]
    field = "file"

    def get(self, request, pk):
        photo = get_object_or_404(photos_visible_to(request.user), pk=pk)
        return file_response(getattr(photo, self.field), content_type="image/jpeg",
                             cache="public, max-age=300" if photo.is_published else "private, no-store")


@public_rate_limit("exhibition.files", kind=FILE)
class PhotoImage(_PhotoFile):
    field = "file"


@public_rate_limit("exhibition.files", kind=FILE)
class PhotoThumbnail(_PhotoFile):
    field = "thumbnail"


@public_rate_limit("exhibition")
class Screen(View):
    """A full-screen slideshow for a big screen at a meeting or in a hall: the published
    photos of the gallery's filters, cycled by exhibition/screen.js."""

    http_method_names = ["get", "head"]

    def get(self, request):
        form = _gallery_filter(request)
        photos = with_display(published(photos_visible_to(request.user)))
        if form.is_bound:
            photos = form.apply(photos)
        slides = [
            {"src": reverse("exhibition:photo-image", kwargs={"pk": p.pk}), "caption": p.caption,
             "organization": p.organization.name, "theme": p.theme.name, "place": p.place,
             "date": date_format(p.taken_on, "DATE_FORMAT")}
            for p in photos.order_by("-taken_on", "-id")[:SCREEN_PHOTOS]
        ]
        seconds = min(max(positive_int(request.GET.get("seconds"), 8), 3), 120)
        return render(request, "exhibition/screen.html", {
            "slides": slides, "seconds": seconds, "filter": form,
            "theme": form.cleaned_data.get("theme") if form.is_bound and form.is_valid() else None,
        })
