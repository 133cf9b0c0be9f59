"""County admins' pages that change pairings: new, edit, end and replace. Each form hands its
input to one domain function; a refusal is shown beside the field it concerns and nothing
changes. A pairing outside the user's view is a 404, a visible one they may not change a 403."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from .. import domain
from .. import rules as p_rules
from ..enums import PairingState, PartySide
from ..forms import PairingEditForm, PairingEndForm, PairingForm, PairingReplaceForm, show_domain_error
from ..queries import pairings_visible_to, with_parties


class ManagePage(LoginRequiredMixin, View):
    """Signed in (else the login page), the pairing visible (else 404), allowed to manage
    pairings (else 403). Each page names its `make_form(data)` and `write(form)`: GET shows the
    form, POST runs the write and opens the pairing it returns."""

    template_name = "pairing/pairing/form.html"
    title = submit = done = ""
    pairing = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "pk" in kwargs:
            self.pairing = get_object_or_404(with_parties(pairings_visible_to(request.user)), pk=kwargs["pk"])
        if not p_rules.can_manage_pairings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def page(self, form, *, status=200):
        return render(self.request, self.template_name, {
            "form": form, "pairing": self.pairing, "title": self.title, "submit": self.submit,
            "active": self.pairing is None or self.pairing.state == PairingState.ACTIVE,
        }, status=status)

    def get(self, request, **kwargs):
        return self.page(self.make_form())

    def post(self, request, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                pairing = self.write(form)
            except ValidationError as error:
                show_domain_error(form, error)
            else:
                messages.success(request, self.done)
                return redirect(pairing.get_absolute_url())
        return self.page(form, status=400)


class PairingCreate(ManagePage):
    title = submit = _("New pairing")
    done = _("The pairing was created.")

    def make_form(self, data=None):
        return PairingForm(data, user=self.request.user)

    def write(self, form):
        data = form.cleaned_data
        return domain.create_pairing(kind=data["kind"], goals=data["goals"], starts_on=data["starts_on"],
                                     ends_on=data["ends_on"], helpers=form.side("helper"),
                                     helped=form.side("helped"), by=self.request.user)


class PairingEdit(ManagePage):
    title, submit = _("Edit the pairing"), _("Save")
    done = _("The pairing was saved.")

    def make_form(self, data=None):
        return PairingEditForm(data, initial={"goals": self.pairing.goals, "ends_on": self.pairing.ends_on})

    def write(self, form):
        return domain.update_pairing(self.pairing, by=self.request.user, **form.cleaned_data)


class PairingEnd(ManagePage):
    title = submit = _("End the pairing")
    done = _("The pairing was ended.")

    def make_form(self, data=None):
        return PairingEndForm(data)

    def write(self, form):
        return domain.end_pairing(self.pairing, by=self.request.user, **form.cleaned_data)


class PairingReplace(ManagePage):
    """A new helper side takes over the same helped parties; the old pairing stays as history."""

    title = submit = _("Replace the helper")
    done = _("The new pairing replaces the old one, which stays as its history.")

    def make_form(self, data=None):
        return PairingReplaceForm(data, user=self.request.user, initial={"goals": self.pairing.goals})

    def write(self, form):
        data = form.cleaned_data
        helped = [p.party for p in self.pairing.parties.all() if p.side == PartySide.HELPED]
        return domain.replace_pairing(self.pairing, on=data["on"], reason=data["reason"], goals=data["goals"],
                                      ends_on=data["ends_on"], helpers=form.side("helper"), helped=helped,
                                      by=self.request.user)
