"""Importing entities from a spreadsheet: the upload page, every refused row listed with its
number (nothing kept then), and the template to fill in."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pacesetter.jobs.domain import start_job

from .. import importing, xlsx
from .. import rules as np_rules
from ..forms import ImportForm
from .common import NonpublicMixin, xlsx_response


class ImportMixin(NonpublicMixin):
    def check(self, user) -> bool:
        return np_rules.can_register(user)


class EntityImport(ImportMixin, View):
    template_name = "nonpublic/entity/import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        outcome = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = upload.read()
                if len(importing.read_rows(data, upload.name)) - 1 > settings.JOB_IMPORT_INLINE_ROWS:
                    # A big file: the background worker imports it; the job's page follows it.
                    job = start_job("nonpublic.import", by=request.user, input_file=(upload.name, data))
                    return redirect(job.get_absolute_url())
                outcome = importing.import_entities(data, upload.name, by=request.user)
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                if not outcome.errors:
                    messages.success(request, _("%(n)d entities imported.") % {"n": outcome.created})
                    return redirect("nonpublic:entity-list")
        return render(request, self.template_name, {"form": form, "outcome": outcome}, status=400)


class ImportTemplate(ImportMixin, View):
    def get(self, request):
        return xlsx_response(xlsx.import_template(), "non-public-import-template")
