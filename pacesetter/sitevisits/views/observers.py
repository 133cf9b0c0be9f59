"""Observers of a meeting (county admins): the list with who holds a live code and how many
sites each has scored, adding observers, and issuing codes — the badge list shows the codes
once, in the answer to the POST; nothing stores them readable."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from ..enums import MeetingState
from ..forms import ObserversForm
from ..models import ObserverCode
from ..queries import observers_visible_to
from .common import PER_PAGE, MeetingPage


class ObserverList(MeetingPage, View):
    template_name = "sitevisits/meeting/observers.html"
    manages = True

    def context(self, form=None) -> dict:
        meeting = self.meeting
        qs = observers_visible_to(self.request.user).filter(meeting=meeting).annotate(
            scored=Count("sheets"),
            has_code=Exists(ObserverCode.objects.filter(observer=OuterRef("pk"), revoked_at__isnull=True)),
        ).order_by("number")
        if text := self.request.GET.get("q", "").strip()[:50]:
            qs = qs.filter(name__icontains=text)
        return {
            "meeting": meeting, "q": text, "site_count": meeting.sites.count(),
            "page": CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            "form": form or ObserversForm(),
            "can_add": meeting.state in (MeetingState.DRAFT, MeetingState.OPEN),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self.context())

    def post(self, request, pk):
        form = ObserversForm(request.POST)
        if form.is_valid():
            try:
                added = domain.add_observers(self.meeting, by=request.user, people=form.cleaned_data["people"])
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("%(n)d observers were added. Issue their codes next.") % {"n": len(added)})
                return redirect("sitevisits:observer-list", pk=self.meeting.pk)
        return render(request, self.template_name, self.context(form), status=400)


class CodesIssue(MeetingPage, View):
    """GET: what issuing does; POST: new codes for every observer (or one, `observer`),
    old ones revoked, and the printable badge list with the codes — shown this once."""

    template_name = "sitevisits/meeting/codes.html"
    manages = True

    def get(self, request, pk):
        return render(request, self.template_name, {"meeting": self.meeting, "badges": None})

    def post(self, request, pk):
        observers = None
        if number := request.POST.get("observer", "").strip():
            observers = [get_object_or_404(observers_visible_to(request.user), meeting=self.meeting,
                                           pk=number if number.isdigit() else 0)]
        try:
            badges = domain.issue_codes(self.meeting, by=request.user, observers=observers)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("sitevisits:observer-list", pk=self.meeting.pk)
        response = render(request, self.template_name, {"meeting": self.meeting, "badges": badges})
        response["Cache-Control"] = "no-store"
        return response
