"""Joint activities (联建活动): the list, a new one from a unit's page, its page with photos,
editing it, and the photo files (for those who see the activity)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.uploads import photo_view
from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import subtree_q
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as l_rules
from ..forms import ActivityFilter, ActivityForm
from ..queries import activities_visible_to, photos_visible_to, units_visible_to
from .common import PER_PAGE, ActivityPage, LinkageMixin, UnitPage


class ActivityList(LinkageMixin, TemplateView):
    template_name = "linkage/activity/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = ActivityFilter(self.request.GET)
        listed = filter_.apply(activities_visible_to(self.request.user)).order_by("-held_on", "-id")
        qs = listed.select_related("organization").annotate(
            unit_count=Count("units", distinct=True), photo_count=Count("photos", distinct=True),
        )
        ctx.update(filter=filter_,
                   page=CappedPaginator(qs, PER_PAGE, keys=listed).get_page(self.request.GET.get("page")),
                   query_string=filter_.querystring())
        return ctx


class ActivityNew(UnitPage, View):
    """An activity of the unit's party organisation with the affiliates linked to it."""

    template_name = "linkage/activity/form.html"

    def allowed(self, user) -> bool:
        return l_rules.can_record_for_unit(user, self.unit)

    def form(self, data=None, files=None):
        units = units_visible_to(self.request.user).filter(organization=self.unit.organization).order_by("kind")
        return ActivityForm(data, files, units=units,
                            initial={"units": [self.unit.pk], "held_on": timezone.localdate()})

    def get(self, request, pk):
        return render(request, self.template_name, {"form": self.form(), "unit": self.unit})

    def post(self, request, pk):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                activity = domain.record_activity(self.unit.organization, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The joint activity was recorded."))
                return redirect(activity.get_absolute_url())
        return render(request, self.template_name, {"form": form, "unit": self.unit}, status=400)


class ActivityDetail(ActivityPage, TemplateView):
    template_name = "linkage/activity/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        activity = self.activity
        ctx.update(activity=activity, units=list(activity.units.order_by("kind", "code")),
                   photos=list(activity.photos.all()),
                   can_edit=l_rules.can_edit_activity(self.request.user, activity))
        return ctx


class ActivityEdit(ActivityPage, View):
    template_name = "linkage/activity/form.html"

    def allowed(self, user) -> bool:
        return l_rules.can_edit_activity(user, self.activity)

    def form(self, data=None, files=None):
        activity = self.activity
        units = units_visible_to(self.request.user).filter(
            subtree_q(activity.organization.path, "organization__path")).order_by("organization__path", "kind")
        initial = {"units": list(activity.units.values_list("pk", flat=True)), "held_on": activity.held_on,
                   "title": activity.title, "description": activity.description,
                   "participants": activity.participants}
        return ActivityForm(data, files, units=units, initial=initial)

    def get(self, request, pk):
        return render(request, self.template_name, {"form": self.form(), "activity": self.activity})

    def post(self, request, pk):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                domain.update_activity(self.activity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The joint activity was saved."))
                return redirect(self.activity.get_absolute_url())
        return render(request, self.template_name, {"form": form, "activity": self.activity}, status=400)


PhotoFile = photo_view(photos_visible_to)
PhotoThumbnail = photo_view(photos_visible_to, thumbnail=True)
