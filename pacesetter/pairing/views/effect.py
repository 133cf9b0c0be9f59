"""The effect page (后进赶先进) and its .xlsx export: helped units against comparable
unhelped lagging units between two released rounds (effect.py says how)."""
from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from openpyxl import Workbook

from pacesetter.core.xlsx import XLSX_TYPE, header_sheet
from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.queries import rounds_visible_to
from pacesetter.orgs.forms import BootstrapFormMixin
from pacesetter.orgs.queries import organizations_visible_to

from .. import effect
from ..queries import pairings_visible_to


class RoundsForm(BootstrapFormMixin, forms.Form):
    before = forms.ModelChoiceField(label=gettext_lazy("Earlier round"), queryset=None, required=False)
    after = forms.ModelChoiceField(label=gettext_lazy("Later round"), queryset=None, required=False)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["before"].queryset = self.fields["after"].queryset = rounds


class EffectMixin(LoginRequiredMixin):
    def compute(self, request):
        rounds = rounds_visible_to(request.user).filter(state=RoundState.RELEASED, tally__isnull=False)
        form = RoundsForm(request.GET, rounds=rounds.order_by("-opens_at", "-id"))
        before, after = effect.default_rounds(rounds)
        if form.is_valid() and form.cleaned_data.get("before") and form.cleaned_data.get("after"):
            before, after = form.cleaned_data["before"], form.cleaned_data["after"]
        if before is None or after is None or before.opens_at >= after.opens_at:
            return form, None
        return form, effect.compute(before, after, pairings_visible_to(request.user))


def chart(result) -> dict:
    rows = []
    for name, summary in ((_("helped units"), result.helped_summary), (_("unhelped lagging units"),
                                                                        result.control_summary)):
        rows.append({"name": name, "n": summary.n, "mean": summary.mean, "low": summary.low, "high": summary.high})
    return {"groups": rows, "helpers": [{"name": h["helper"], "mean": h["mean"]} for h in result.by_helper],
            "labels": {"change": _("mean change in composite")}}


class EffectPage(EffectMixin, View):
    def get(self, request):
        form, result = self.compute(request)
        return render(request, "pairing/effect.html", {
            "form": form, "result": result, "chart": chart(result) if result else None,
            "query_string": request.GET.urlencode(),
        })


class EffectExport(EffectMixin, View):
    def get(self, request):
        _form, result = self.compute(request)
        workbook = Workbook(write_only=True)
        sheet = header_sheet(workbook, _("Units"), [
            (_("Group"), 16), (_("Code"), 12), (_("Organisation"), 30), (_("Earlier composite"), 12),
            (_("Later composite"), 12), (_("Change"), 10), (_("Earlier grade"), 12), (_("Later grade"), 12)])
        if result is not None:
            # The comparison group counts every comparable unit, but names only those the user sees.
            ids = [u.id for u in result.control]
            seen = set(organizations_visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True))
            control = [u for u in result.control if u.id in seen]
            for group, units in ((_("helped"), result.helped), (_("unhelped"), control)):
                for u in units:
                    sheet.append([group, u.code, u.name, u.before, u.after, u.change, u.grade_before, u.grade_after])
            helpers = header_sheet(workbook, _("Helpers"), [(_("Helper"), 30), (_("Units"), 8),
                                                            (_("Mean change"), 12)])
            for h in result.by_helper:
                helpers.append([h["helper"], len(h["units"]), h["mean"]])
        response = HttpResponse(content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="pairing-effect.xlsx"'
        workbook.save(response)
        return response
