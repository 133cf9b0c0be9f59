"""Attendance taken by hand (present, on leave, absent) and its .xlsx export."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from openpyxl import Workbook

from pacesetter.core.xlsx import XLSX_TYPE, header_sheet
from pacesetter.orgs.forms import add_domain_error

from .. import domain
from ..forms import AttendanceForm
from ..queries import eligible_members
from .common import ActivityPage, RunActivityPage


class AttendanceMark(RunActivityPage, View):
    template_name = "activities/activity/attendance.html"

    def form(self, data=None):
        return AttendanceForm(data, members=eligible_members(self.activity).order_by("organization__path", "code"))

    def get(self, request, pk):
        return render(request, self.template_name, {"form": self.form(), "activity": self.activity})

    def post(self, request, pk):
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                domain.mark_attendance(self.activity, data["member"], by=request.user, status=data["status"],
                                       reason=data["reason"])
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Attendance of %(name)s was recorded.") % {"name": data["member"].name})
                return redirect(self.activity.get_absolute_url())
        return render(request, self.template_name, {"form": form, "activity": self.activity}, status=400)


class AttendanceExport(ActivityPage, View):
    """Every eligible member of the activity with their attendance (blank: not recorded)."""

    def get(self, request, pk):
        activity = self.activity
        recorded = {a.member_id: a for a in activity.attendances.all()}
        workbook = Workbook(write_only=True)
        sheet = header_sheet(workbook, _("Attendance"), [
            (_("Member code"), 14), (_("Name"), 12), (_("Organisation"), 26), (_("Attendance"), 12),
            (_("Reason"), 24), (_("Taken by"), 18)])
        for member in eligible_members(activity).select_related("organization").order_by("organization__path",
                                                                                         "code"):
            a = recorded.get(member.pk)
            sheet.append([member.code, member.name, member.organization.name,
                          a.get_status_display() if a else "", a.reason if a else "",
                          a.get_source_display() if a else ""])
        response = HttpResponse(content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="attendance-{activity.pk}-{activity.day:%Y%m%d}.xlsx"'
        workbook.save(response)
        return response
