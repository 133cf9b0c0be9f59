"""Evidence files and photo thumbnails, served from the media storage.

Evidence on the public timeline (a published pledge's versions from its approval on) is
served to anyone, so the notice board links here; all other evidence only to those who
see the item. Anyone else gets 404, as for a file that does not exist."""
from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from pacesetter.core.public_limits import FILE, public_rate_limit

from ..enums import CommitmentStatus, EvidenceKind, VersionKind
from ..models import Evidence, ItemVersion
from ..queries import items_visible_to


def _is_public(evidence: Evidence) -> bool:
    """What `queries.public_timeline` shows: a published pledge's versions at or after the
    item's first approval."""
    version = evidence.version
    if version.item.commitment.status != CommitmentStatus.PUBLISHED:
        return False
    return ItemVersion.objects.filter(item_id=version.item_id, kind=VersionKind.APPROVED,
                                      number__lte=version.number).exists()


def _download_name(evidence: Evidence) -> str:
    """The uploader's name, with the stored file's extension (photos are stored as JPEG)."""
    stem, dot, ext = evidence.original_name.rpartition(".")
    if dot and stem and ext.lower() == evidence.extension:
        return evidence.original_name
    return f"{stem if dot and stem else evidence.original_name}.{evidence.extension}"


class _EvidenceView(View):
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        evidence = get_object_or_404(Evidence.objects.select_related("version__item__commitment"), pk=pk)
        public = _is_public(evidence)
        if not public and not (
            request.user.is_authenticated
            and items_visible_to(request.user).filter(pk=evidence.version.item_id).exists()
        ):
            raise Http404
        field = self.field(evidence)
        if not field:
            raise Http404
        try:
            handle = field.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = self.respond(evidence, handle)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
        return response


@public_rate_limit("commitments.evidence", kind=FILE)
class EvidenceFile(_EvidenceView):
    """Photos inline, documents as a download under the uploader's file name."""

    def field(self, evidence):
        return evidence.file

    def respond(self, evidence, handle):
        return FileResponse(
            handle, content_type=evidence.content_type, as_attachment=evidence.kind == EvidenceKind.DOCUMENT,
            filename=_download_name(evidence),
        )


@public_rate_limit("commitments.evidence", kind=FILE)
class EvidenceThumbnail(_EvidenceView):
    def field(self, evidence):
        return evidence.thumbnail

    def respond(self, evidence, handle):
        return FileResponse(handle, content_type="image/jpeg")
