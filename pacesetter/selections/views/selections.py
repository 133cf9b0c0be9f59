"""Selections for signed-in users: the list, new and edit (county admins), the page with
its counts, nominations and the county admin's steps, the shortlist and the notice poster."""
from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import editable_paths
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as s_rules
from ..eligibility import describe_rules
from ..enums import NominationStatus, QuotaBy, SelectionState
from ..forms import NominationFilter, NoticeForm, SelectionFilter, SelectionForm
from ..queries import nominations_visible_to, selections_visible_to, status_counts
from .common import PER_PAGE, SelectionPage, SelectionsMixin

STEPS = {"open": domain.open_nominations, "review": domain.start_review, "shortlist": domain.shortlist,
         "finalise": domain.finalise_selection}


class SelectionList(SelectionsMixin, TemplateView):
    template_name = "selections/selection/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = SelectionFilter(self.request.GET)
        # The order is given explicitly: GROUP BY would drop Meta.ordering, and the rows keep the keys' order.
        keys = filter_.apply(selections_visible_to(self.request.user)).order_by("-created_at", "-id")
        qs = keys.select_related("kind", "campaign").annotate(
            nomination_count=Count("nominations", filter=~Q(nominations__status=NominationStatus.WITHDRAWN)),
        )
        ctx.update(filter=filter_, page=CappedPaginator(qs, PER_PAGE, keys=keys).get_page(self.request.GET.get("page")),
                   query_string=filter_.querystring(), can_create=s_rules.can_manage_selections(self.request.user))
        return ctx


class SelectionNew(SelectionsMixin, View):
    template_name = "selections/selection/form.html"
    manages = True

    def get(self, request):
        return render(request, self.template_name, {"form": SelectionForm()})

    def post(self, request):
        form = SelectionForm(request.POST)
        if form.is_valid():
            try:
                selection = domain.create_selection(by=request.user, **form.domain_data())
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The selection was created as a draft."))
                return redirect(selection.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class SelectionEdit(SelectionPage, View):
    template_name = "selections/selection/form.html"
    manages = True

    def get(self, request, pk):
        form = SelectionForm(initial=SelectionForm.initial_for(self.selection))
        return render(request, self.template_name, {"form": form, "selection": self.selection})

    def post(self, request, pk):
        form = SelectionForm(request.POST)
        form.fields["kind"].queryset = form.fields["kind"].queryset.model.objects.all()
        if form.is_valid():
            try:
                domain.change_selection(self.selection, by=request.user, **form.domain_data())
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The selection was saved."))
                return redirect(self.selection.get_absolute_url())
        return render(request, self.template_name, {"form": form, "selection": self.selection}, status=400)


class SelectionDetail(SelectionPage, TemplateView):
    template_name = "selections/selection/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, selection = self.request.user, self.selection
        manager = s_rules.can_manage_selections(user)
        visible = nominations_visible_to(user).filter(selection=selection)
        filter_ = NominationFilter(self.request.GET)
        rows = filter_.apply(visible).select_related("organization", "member", "affiliate_unit", "nominated_by").order_by(
            F("rank").asc(nulls_last=True), "-created_at", "-id")
        paths = editable_paths(user)
        state = selection.state
        counts = status_counts(selection, visible)
        ctx.update(
            selection=selection, manager=manager, rules=describe_rules(selection.rules),
            quotas=list(selection.quotas.all()) if selection.quota_by != QuotaBy.COUNTY else [],
            counts=counts, filter=filter_,
            chart={"labels": [str(label) for _value, label, _n in counts], "counts": [n for *_rest, n in counts],
                   "name": _("Nominations")} if any(n for *_rest, n in counts) else None, query_string=filter_.querystring(),
            page=CappedPaginator(rows, PER_PAGE).get_page(self.request.GET.get("page")),
            can_nominate=state == SelectionState.NOMINATING and (paths is None or bool(paths)),
            steps=self._steps(manager, state), notice_form=NoticeForm() if manager and state == "reviewing" else None,
            public_url=reverse("selections:notice-detail", args=[selection.pk]),
        )
        return ctx

    @staticmethod
    def _steps(manager: bool, state: str) -> list[tuple[str, str, str]]:
        """The buttons of the county admin's next steps: (action, label, style)."""
        if not manager:
            return []
        return {
            SelectionState.DRAFT: [("open", _("Open nominations"), "primary")],
            SelectionState.NOMINATING: [("review", _("Close nominations and start the review"), "warning")],
            SelectionState.REVIEWING: [("shortlist", _("Draw up the shortlist"), "primary")],
            SelectionState.NOTICE: [("finalise", _("Finalise the list"), "success")],
        }.get(state, [])


class SelectionStep(SelectionPage, View):
    """The county admin's steps; "notice" takes the start date of the notice form."""

    manages = True

    def post(self, request, pk):
        action = request.POST.get("action", "")
        try:
            if action == "notice":
                form = NoticeForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(" ".join(m for errors in form.errors.values() for m in errors))
                domain.start_notice(self.selection, by=request.user, starts_on=form.cleaned_data["starts_on"])
            elif action in STEPS:
                STEPS[action](self.selection, by=request.user)
            else:
                raise ValidationError(_("Choose a step."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            self.selection.refresh_from_db()
            messages.success(request, _("The selection is now: %(state)s.") % {
                "state": self.selection.get_state_display()})
        return redirect(self.selection.get_absolute_url())


class Shortlist(SelectionPage, TemplateView):
    """The ranked list: shortlisted first, then the approved ones left out by the quota."""

    template_name = "selections/selection/shortlist.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = nominations_visible_to(self.request.user).filter(selection=self.selection, status__in=[
            NominationStatus.SHORTLISTED, NominationStatus.CONFIRMED, NominationStatus.DROPPED,
            NominationStatus.COUNTY_APPROVED]).select_related("organization", "member", "affiliate_unit").order_by(
            F("rank").asc(nulls_last=True), F("score").desc(nulls_last=True), "id")
        ctx.update(selection=self.selection, page=CappedPaginator(rows, PER_PAGE).get_page(
            self.request.GET.get("page")), query_string="")
        return ctx


class NoticePoster(SelectionPage, View):
    """A printable A4 poster with the QR code of the public notice page."""

    manages = True

    def get(self, request, pk):
        url = request.build_absolute_uri(reverse("selections:notice-detail", args=[self.selection.pk]))
        qr = segno.make(url, error="m").svg_inline(scale=4, border=4, omitsize=True, svgclass="poster-qr",
                                                   title=_("QR code of the public notice"))
        return render(request, "selections/selection/poster.html", {"selection": self.selection, "url": url, "qr": qr})
