"""Meetings for signed-in users: the list, a new meeting, its page (score sheet, sites in
visiting order with the sheets received so far, the county admin's steps), the state
changes, the sites' posters and the live ranking."""
from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import organizations_visible_to
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as sv_rules
from ..enums import MeetingState
from ..forms import MeetingFilter, MeetingForm, PhotosForm, SiteForm
from ..queries import meetings_visible_to, progress, ranking, sites_visible_to
from .common import PER_PAGE, MeetingPage, MeetingsMixin

TRANSITIONS = {"open": domain.open_scoring, "close": domain.close_scoring, "publish": domain.publish_results}


class MeetingList(MeetingsMixin, TemplateView):
    template_name = "sitevisits/meeting/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = MeetingFilter(self.request.GET)
        keys = filter_.apply(meetings_visible_to(self.request.user)).order_by("-held_on", "-id")
        qs = keys.annotate(site_count=Count("sites", distinct=True))
        ctx.update(filter=filter_, page=CappedPaginator(qs, PER_PAGE, keys=keys).get_page(self.request.GET.get("page")),
                   query_string=filter_.querystring(), can_create=sv_rules.can_manage_meetings(self.request.user))
        return ctx


class MeetingNew(MeetingsMixin, View):
    template_name = "sitevisits/meeting/new.html"
    manages = True

    def get(self, request):
        return render(request, self.template_name, {"form": MeetingForm()})

    def post(self, request):
        form = MeetingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = domain.create_meeting(by=request.user, criteria=data.pop("sheet"), **data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The meeting was created as a draft. Add its sites and observers."))
                return redirect(meeting.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class MeetingDetail(MeetingPage, View):
    template_name = "sitevisits/meeting/detail.html"

    def context(self, site_form=None) -> dict:
        user, meeting = self.request.user, self.meeting
        manager = sv_rules.can_manage_meetings(user)
        draft = meeting.state == MeetingState.DRAFT
        return {
            "meeting": meeting, "criteria": list(meeting.criteria.all()), "sites": list(progress(meeting)),
            "manager": manager, "observer_count": meeting.observers.count() if manager else None,
            "site_form": site_form or (SiteForm(organizations=organizations_visible_to(user))
                                       if manager and draft else None),
            "can_open": manager and draft, "can_close": manager and meeting.state == MeetingState.OPEN,
            "can_publish": manager and meeting.state == MeetingState.CLOSED,
        }

    def get(self, request, pk):
        return render(request, self.template_name, self.context())

    def post(self, request, pk):
        """A new site for the route (county admins)."""
        if not sv_rules.can_manage_meetings(request.user):
            raise PermissionDenied
        form = SiteForm(request.POST, organizations=organizations_visible_to(request.user))
        if form.is_valid():
            try:
                domain.add_site(self.meeting, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The site was added to the route."))
                return redirect(self.meeting.get_absolute_url())
        return render(request, self.template_name, self.context(site_form=form), status=400)


class MeetingStateChange(MeetingPage, View):
    manages = True

    def post(self, request, pk):
        step = TRANSITIONS.get(request.POST.get("action", ""))
        if step is None:
            messages.error(request, _("Choose a step."))
            return redirect(self.meeting.get_absolute_url())
        try:
            meeting = step(self.meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting is now: %(state)s.") % {"state": meeting.get_state_display()})
        return redirect(self.meeting.get_absolute_url())


class _SitePage(MeetingsMixin):
    def load(self, request, pk, site, **kwargs):
        self.site = get_object_or_404(sites_visible_to(request.user).select_related("meeting", "organization"),
                                      pk=site, meeting_id=pk)
        self.meeting = self.site.meeting


class SiteRemove(_SitePage, View):
    manages = True

    def post(self, request, pk, site):
        try:
            domain.remove_site(self.site, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The site was taken off the route."))
        return redirect(self.meeting.get_absolute_url())


class SitePhotos(_SitePage, View):
    """Link a site to its photos, in any state (an empty link removes it)."""

    manages = True

    def post(self, request, pk, site):
        form = PhotosForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
            return redirect(self.meeting.get_absolute_url())
        domain.link_site_photos(self.site, by=request.user, photos_url=form.cleaned_data["photos_url"])
        messages.success(request, _("The site's photos link was saved."))
        return redirect(self.meeting.get_absolute_url())


class SitePoster(_SitePage, View):
    """A printable A4 poster for the site: the QR code of its score sheet."""

    manages = True

    def get(self, request, pk, site):
        url = request.build_absolute_uri(reverse("sitevisits:sheet", kwargs={"token": self.site.token}))
        qr = segno.make(url, error="m").svg_inline(scale=4, border=4, omitsize=True, svgclass="poster-qr",
                                                   title=_("QR code of the score sheet"))
        return render(request, "sitevisits/meeting/poster.html",
                      {"meeting": self.meeting, "site": self.site, "url": url, "qr": qr})


class MeetingResults(MeetingPage, TemplateView):
    """The live ranking, for county admins while the sheets come in."""

    template_name = "sitevisits/meeting/results.html"
    manages = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(meeting=self.meeting, criteria=list(self.meeting.criteria.all()), rows=ranking(self.meeting))
        return ctx
