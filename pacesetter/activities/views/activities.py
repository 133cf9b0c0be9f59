"""Activities: the list with its export, "my activities", planning and editing, the page
with attendance and photos, holding (minutes and photos) and cancelling."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from pacesetter.core.uploads import photo_view
from pacesetter.core.xlsx import XLSX_TYPE, header_sheet
from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import members_visible_to
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as a_rules
from ..enums import ActivityState, AttendanceStatus
from ..forms import ActivityFilter, ActivityForm, CancelForm, MinutesForm
from ..models import Attendance
from ..queries import (
    activities_visible_to,
    attendance_summary,
    eligible_activities,
    member_of,
    organizations_run_by,
    photos_visible_to,
    present_count,
    rate,
)
from .common import PER_PAGE, ActivitiesMixin, ActivityPage, RunActivityPage

#: Rows an export holds at most.
EXPORT_LIMIT = 20_000


def _listed(qs):
    return qs.select_related("organization").annotate(present=present_count()).order_by("-starts_at", "-id")


class ActivityList(ActivitiesMixin, TemplateView):
    template_name = "activities/activity/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = ActivityFilter(self.request.GET)
        qs = _listed(filter_.apply(activities_visible_to(self.request.user)))
        ctx.update(filter=filter_, query_string=filter_.querystring(),
                   page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
                   can_plan=a_rules.can_plan_for(self.request.user))
        return ctx


class MyActivities(ActivitiesMixin, TemplateView):
    """A member's activities: of their organisation or invited, with their own attendance."""

    template_name = "activities/activity/mine.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        member = member_of(self.request.user)
        qs = activities_visible_to(self.request.user).none()
        if member is not None:
            qs = eligible_activities(member).select_related("organization").order_by("-starts_at", "-id")
        page = CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page"))
        mine = {}
        if member is not None:
            mine = dict(Attendance.objects.filter(member=member, activity__in=page.object_list)
                        .values_list("activity_id", "status"))
        for activity in page.object_list:
            activity.my_status = mine.get(activity.pk)
        ctx.update(member=member, page=page, today=timezone.localdate())
        return ctx


class ActivityExport(ActivitiesMixin, View):
    """The filtered activities, one row each, and their attendance, as .xlsx."""

    def get(self, request):
        filter_ = ActivityFilter(request.GET)
        qs = _listed(filter_.apply(activities_visible_to(request.user)))[:EXPORT_LIMIT]
        workbook = Workbook(write_only=True)
        sheet = header_sheet(workbook, _("Activities"), [
            (_("Day"), 12), (_("Kind"), 22), (_("Title"), 36), (_("Organisation"), 26), (_("Township"), 12),
            (_("Place"), 20), (_("State"), 10), (_("Present"), 10)])
        for a in qs:
            sheet.append([a.day, a.get_kind_display(), a.title, a.organization.name, a.organization.township,
                          a.place, a.get_state_display(), a.present])
        response = HttpResponse(content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="activities-{timezone.localdate():%Y%m%d}.xlsx"'
        workbook.save(response)
        return response


def _form(request, data=None, *, activity=None):
    """The activity form: organisations the user runs activities of, invited members from
    those the user sees."""
    initial = {}
    if activity is not None:
        local = timezone.localtime
        initial = {"kind": activity.kind, "title": activity.title, "starts_at": local(activity.starts_at),
                   "ends_at": local(activity.ends_at), "place": activity.place, "agenda": activity.agenda,
                   "invited": "\n".join(activity.invited.order_by("code").values_list("code", flat=True))}
    return ActivityForm(data, organizations=organizations_run_by(request.user),
                        members=members_visible_to(request.user), editing=activity is not None, initial=initial)


class ActivityNew(ActivitiesMixin, View):
    template_name = "activities/activity/form.html"

    def allowed(self, user) -> bool:
        return a_rules.can_plan_for(user)

    def get(self, request):
        return render(request, self.template_name, {"form": _form(request)})

    def post(self, request):
        form = _form(request, request.POST)
        if form.is_valid():
            try:
                activity = domain.plan_activity(form.cleaned_data.pop("organization"), by=request.user,
                                                **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The activity was planned."))
                return redirect(activity.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class ActivityEdit(RunActivityPage, View):
    template_name = "activities/activity/form.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"form": _form(request, activity=self.activity),
                                                    "activity": self.activity})

    def post(self, request, pk):
        form = _form(request, request.POST, activity=self.activity)
        if form.is_valid():
            try:
                domain.update_activity(self.activity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The activity was saved."))
                return redirect(self.activity.get_absolute_url())
        return render(request, self.template_name, {"form": form, "activity": self.activity}, status=400)


class ActivityDetail(ActivityPage, TemplateView):
    template_name = "activities/activity/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        activity = self.activity
        summary = attendance_summary(activity)
        share = rate(summary[AttendanceStatus.PRESENT], summary["eligible"])
        ctx.update(activity=activity, summary=summary,
                   rate_percent=None if share is None else round(100 * share),
                   attendances=list(activity.attendances.select_related("member").order_by("status", "member__code")),
                   photos=list(activity.photos.all()), invited=list(activity.invited.order_by("code")),
                   can_run=a_rules.can_run_activity(self.request.user, activity),
                   is_today=activity.day == timezone.localdate())
        return ctx


class ActivityMinutes(RunActivityPage, View):
    """Hold a planned activity, or write the minutes of a held one, with photos."""

    template_name = "activities/activity/minutes.html"

    def get(self, request, pk):
        form = MinutesForm(initial={"minutes": self.activity.minutes})
        return render(request, self.template_name, {"form": form, "activity": self.activity})

    def post(self, request, pk):
        form = MinutesForm(request.POST, request.FILES)
        if form.is_valid():
            write = domain.hold_activity if self.activity.state == ActivityState.PLANNED else domain.record_minutes
            try:
                write(self.activity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The minutes were saved."))
                return redirect(self.activity.get_absolute_url())
        return render(request, self.template_name, {"form": form, "activity": self.activity}, status=400)


class ActivityCancel(RunActivityPage, View):
    template_name = "activities/activity/cancel.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"form": CancelForm(), "activity": self.activity})

    def post(self, request, pk):
        form = CancelForm(request.POST)
        if form.is_valid():
            try:
                domain.cancel_activity(self.activity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The activity was cancelled."))
                return redirect(self.activity.get_absolute_url())
        return render(request, self.template_name, {"form": form, "activity": self.activity}, status=400)


PhotoFile = photo_view(photos_visible_to)
PhotoThumbnail = photo_view(photos_visible_to, thumbnail=True)
