"""Import pages: choose what to import, upload a file, see the counts or the error report.

Only users who pass `rules.can_import` get here (others 403); leaders need a county admin.
A file of up to JOB_IMPORT_INLINE_ROWS rows is imported inside the request; a bigger one is
stored and imported by the background worker, and the page redirects to the job's page
(progress, then the counts or the same row-numbered error report).
"""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.jobs.domain import start_job

from . import rules as org_rules
from .importing import (
    KIND_LABELS,
    KINDS,
    ImportFileError,
    check_size,
    export_template,
    import_file,
    may_import,
    read_sheet,
)
from .importing.columns import COLUMNS
from .importing.engine import ImportResult, RowError
from .importing.reading import max_bytes
from .importing.report import report_path, save_report
from .models import Organization
from .queries import editable_paths

ERRORS_SHOWN = 200


def _rows(data: bytes, filename: str) -> int:
    """Data rows of the file (0 when unreadable: the import in the request then reports why).

    Files of more than JOB_IMPORT_INLINE_ROWS rows are imported by the background worker
    (pacesetter.jobs), with the same all-or-nothing check and row-numbered errors."""
    try:
        return max(len(read_sheet(data, filename).rows) - 1, 0)
    except ImportFileError:
        return 0


def _leader_tops(user):
    """The top organisations a user may add leaders to; a choice only when there are several."""
    paths = editable_paths(user)
    tops = Organization.objects.filter(depth=1) if paths is None else Organization.objects.filter(path__in=paths)
    return tops.order_by("path")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=gettext_lazy("New leaders join"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    dry_run = forms.BooleanField(
        required=False,
        label=gettext_lazy("Only check the file, import nothing"),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, kind: str, user, **kwargs):
        super().__init__(*args, **kwargs)
        tops = _leader_tops(user) if kind == "leaders" else Organization.objects.none()
        if kind == "leaders" and tops.count() > 1:
            self.fields["organization"].queryset = tops
            self.fields["organization"].required = True
        else:
            del self.fields["organization"]


class ImportAccess(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not org_rules.can_import(request.user):
            raise PermissionDenied
        kind = kwargs.get("kind")
        if kind is not None and not may_import(request.user, kind):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportIndex(ImportAccess, View):
    def get(self, request):
        kinds = [
            {"kind": kind, "label": KIND_LABELS[kind], "columns": COLUMNS[kind]}
            for kind in KINDS
            if may_import(request.user, kind)
        ]
        return render(request, "orgs/import/index.html", {"kinds": kinds})


class ImportUpload(ImportAccess, View):
    template_name = "orgs/import/upload.html"

    def context(self, kind: str, form: ImportForm, **extra) -> dict:
        return {
            "kind": kind,
            "kind_label": KIND_LABELS[kind],
            "columns": COLUMNS[kind],
            "form": form,
            "max_mb": max_bytes() // (1024 * 1024),
            **extra,
        }

    def get(self, request, kind):
        form = ImportForm(kind=kind, user=request.user)
        return render(request, self.template_name, self.context(kind, form))

    def post(self, request, kind):
        form = ImportForm(request.POST, request.FILES, kind=kind, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name, self.context(kind, form), status=400)
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size)  # before reading a huge upload into memory
            data = upload.read()
            if _rows(data, upload.name) > settings.JOB_IMPORT_INLINE_ROWS:
                job = start_job("orgs.import", by=request.user, input_file=(upload.name, data), params={
                    "kind": kind, "dry_run": form.cleaned_data["dry_run"],
                    "organization": getattr(form.cleaned_data.get("organization"), "pk", None),
                })
                return HttpResponseRedirect(job.get_absolute_url())
            result = import_file(
                kind, data, upload.name, by=request.user,
                dry_run=form.cleaned_data["dry_run"],
                organization=form.cleaned_data.get("organization"),
            )
        except ImportFileError as exc:
            result = ImportResult(kind, upload.name, errors=[RowError(None, "", "", exc.messages[0])])
        except PermissionDeniedError:
            raise PermissionDenied from None
        except DomainError as exc:
            form.add_error(None, exc.messages[0])
            return render(request, self.template_name, self.context(kind, form), status=400)
        extra = {"result": result}
        if not result.ok:
            token = save_report(result, request.user)
            extra.update(
                errors=result.errors[:ERRORS_SHOWN],
                error_count=len(result.errors),
                report_url=reverse("orgs:import-report", kwargs={"token": token}),
            )
        return render(request, self.template_name, self.context(kind, form, **extra))


class ImportTemplate(ImportAccess, View):
    def get(self, request, kind):
        return HttpResponse(
            export_template(kind),
            content_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="template-{kind}.xlsx"'},
        )


class ImportReport(ImportAccess, View):
    """An error report, only for the user whose import produced it."""

    def get(self, request, token):
        path = report_path(token, request.user)
        if path is None:
            raise Http404(_("No such report."))
        return FileResponse(path.open("rb"), as_attachment=True, filename="import-errors.xlsx", content_type=XLSX_TYPE)
