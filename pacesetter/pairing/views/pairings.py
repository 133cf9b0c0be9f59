"""Pairing pages: the list, a pairing with its parties, goals and log timeline, logging help."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as p_rules
from ..forms import HelpLogForm, PairingFilter
from ..models import HelpPhoto
from ..queries import pairings_visible_to, with_parties

PER_PAGE = 25


class PairingList(LoginRequiredMixin, TemplateView):
    template_name = "pairing/pairing/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = PairingFilter(self.request.GET)
        qs = with_parties(filter_.apply(pairings_visible_to(self.request.user))).order_by("-starts_on", "-id")
        ctx.update(filter=filter_, page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
                   can_create=p_rules.can_manage_pairings(self.request.user),
                   query_string=filter_.querystring())
        return ctx


class PairingPage(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.pairing = get_object_or_404(with_parties(pairings_visible_to(request.user)), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class PairingDetail(PairingPage):
    template_name = "pairing/pairing/detail.html"

    def context(self, form=None) -> dict:
        pairing = self.pairing
        can_log = p_rules.can_log_help(self.request.user, pairing) and pairing.state == "active"
        parties = list(pairing.parties.all())
        return {
            "pairing": pairing, "helpers": [p for p in parties if p.side == "helper"],
            "helped": [p for p in parties if p.side == "helped"],
            "logs": pairing.logs.select_related("logged_by").prefetch_related("photos").order_by("-date", "-id")[:100],
            "history": list(pairing.replaces.all()), "can_log": can_log,
            "can_change": p_rules.can_change_pairing(self.request.user, pairing),
            "form": form or (HelpLogForm() if can_log else None),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self.context())

    def post(self, request, pk):
        """Log a visit or help given (the helper side's organisation admins, county admins)."""
        if not p_rules.can_log_help(request.user, self.pairing):
            raise PermissionDenied
        form = HelpLogForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                domain.log_help(self.pairing, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The visit was logged."))
                return redirect(self.pairing.get_absolute_url())
        return render(request, self.template_name, self.context(form=form), status=400)


class HelpPhotoFile(PairingPage):
    """A visit's photo (or its thumbnail with ?thumb=1), only through the pairing's visibility."""

    def get(self, request, pk, photo):
        row = get_object_or_404(HelpPhoto.objects.filter(log__pairing=self.pairing), pk=photo)
        thumb = request.GET.get("thumb") == "1" and bool(row.thumbnail)
        field = row.thumbnail if thumb else row.file
        try:
            handle = field.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(handle, content_type="image/jpeg" if thumb else row.content_type)
