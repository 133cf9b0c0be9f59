"""Forms of the campaign pages: they read input; the views hand it to the domain functions."""
from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.forms import BootstrapFormMixin

from .domain import CAMPAIGN_FIELDS
from .enums import CampaignStatus
from .models import Campaign

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(BootstrapFormMixin, forms.Form):
    """The campaign's own fields; the domain function checks them against each other."""

    name = forms.CharField(label=_("Name"), max_length=100)
    year = forms.IntegerField(label=_("Year"), help_text=_("The year the campaign is counted in, e.g. 2026."))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    pledges_due = forms.DateField(
        label=_("Commitments due by"), required=False, widget=DATE,
        help_text=_("Organisations and members submit their commitments for review until this day."),
    )

    def __init__(self, *args, instance: Campaign | None = None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in CAMPAIGN_FIELDS})
        super().__init__(*args, **kwargs)


class CampaignStatusForm(forms.Form):
    status = forms.ChoiceField(choices=CampaignStatus.choices)


class CampaignFilter(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("any")), *CampaignStatus.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def apply(self, qs: QuerySet[Campaign]) -> QuerySet[Campaign]:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("status"):
            qs = qs.filter(status=data["status"])
        if data.get("year") is not None:
            qs = qs.filter(year=data["year"])
        if q := (data.get("q") or "").strip():
            qs = qs.filter(Q(name__icontains=q))
        return qs

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])
