"""Logging progress, recording results, adding evidence (and serving it through the
project's visibility) and reviewing a completed project."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views import View

from pacesetter.core.uploads import PHOTO, file_response

from .. import domain
from .. import rules as v_rules
from ..forms import EvidenceForm, ProgressForm, ResultForm, ReviewForm
from .common import FormPage, ProjectPage


class ProgressNew(FormPage):
    title = gettext_lazy("Log progress")

    def check(self, user) -> bool:
        return v_rules.can_log_progress(user, self.project)

    def make_form(self, data=None, files=None):
        return ProgressForm(data)

    def save(self, user, data):
        domain.log_progress(self.project, by=user, **data)


class ResultNew(FormPage):
    title = gettext_lazy("Record a result")

    def check(self, user) -> bool:
        return v_rules.can_edit_project(user, self.project)

    def make_form(self, data=None, files=None):
        return ResultForm(data)

    def save(self, user, data):
        domain.add_result(self.project, by=user, **data)


class EvidenceNew(FormPage):
    title = gettext_lazy("Add evidence")
    submit_label = gettext_lazy("Upload")
    multipart = True

    def check(self, user) -> bool:
        return v_rules.can_edit_project(user, self.project)

    def make_form(self, data=None, files=None):
        return EvidenceForm(data, files)

    def save(self, user, data):
        domain.add_evidence(self.project, by=user, files=data["files"])


class EvidenceFile(ProjectPage, View):
    """An evidence file (a photo's thumbnail with ?thumb=1), only through the project's
    visibility; documents download, photos show (core.uploads.file_response: a file missing
    from storage is a 404, never sniffed, kept out of shared caches)."""

    def get(self, request, pk, evidence):
        row = get_object_or_404(self.project.evidence.all(), pk=evidence)
        thumb = request.GET.get("thumb") == "1" and bool(row.thumbnail)
        return file_response(row.thumbnail if thumb else row.file,
                             content_type="image/jpeg" if thumb else row.content_type,
                             attachment=row.kind != PHOTO, filename=row.original_name)


class ReviewNew(FormPage):
    title = gettext_lazy("Review the project")

    def check(self, user) -> bool:
        return v_rules.can_review_project(user, self.project)

    def make_form(self, data=None, files=None):
        review = getattr(self.project, "review", None)
        initial = {"rating": review.rating, "comment": review.comment} if review else None
        return ReviewForm(data, initial=initial)

    def save(self, user, data):
        domain.review_project(self.project, by=user, **data)
