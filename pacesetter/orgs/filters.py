"""Filters for the list pages: plain Django forms read from the query string.

Each filter narrows a queryset that is already scoped to the user's view; the organisation
code a user types is looked up inside that view too, so a filter never widens what one sees.
An invalid filter shows its errors and an empty list rather than silently showing everything.
"""
from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .enums import Gender, MemberStatus, OrgLevel, OrgStatus, Sector
from .forms import BootstrapFormMixin
from .models import Organization
from .queries import subtree_q, years_before

ANY = [("", _("any"))]
YES_NO = [("", _("any")), ("yes", _("yes")), ("no", _("no"))]


class ListFilter(BootstrapFormMixin, forms.Form):
    """A GET form whose `apply(qs)` narrows a queryset; subclasses define `narrow(qs, data)`."""

    def __init__(self, data, *, visible_orgs: QuerySet[Organization], today: datetime.date | None = None):
        super().__init__(data)
        self.visible_orgs = visible_orgs
        self.today = today or timezone.localdate()

    @property
    def is_active(self) -> bool:
        """Whether any filter field is filled in (pagination and the like do not count)."""
        return any(self.data.get(name) for name in self.fields)

    def _org(self, code: str) -> Organization | None:
        code = (code or "").strip()
        if not code:
            return None
        org = self.visible_orgs.filter(code=code).only("pk", "path", "code", "name").first()
        if org is None:
            raise forms.ValidationError(
                _("No organisation with the code %(code)s in your view."), code="unknown_org", params={"code": code}
            )
        return org

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        return self.narrow(qs, self.cleaned_data)

    def querystring(self) -> str:
        """The filled-in filter fields as a query string, for pagination and export links."""
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])


class MemberFilter(ListFilter):
    org = forms.CharField(
        label=_("Organisation code"), required=False, max_length=32,
        widget=forms.TextInput(attrs={"placeholder": _("sub-organisations included")}),
    )
    q = forms.CharField(label=_("Name or member code"), required=False, max_length=50)
    gender = forms.ChoiceField(label=_("Gender"), choices=ANY + Gender.choices, required=False)
    status = forms.ChoiceField(label=_("Member type"), choices=ANY + MemberStatus.choices, required=False)
    rural = forms.ChoiceField(label=_("Rural member"), choices=YES_NO, required=False)
    education = forms.CharField(
        label=_("Education"), required=False, max_length=30,
        widget=forms.TextInput(attrs={"list": "education-options"}),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    age_min = forms.IntegerField(label=_("Age from"), required=False, min_value=0, max_value=130)
    age_max = forms.IntegerField(label=_("Age to"), required=False, min_value=0, max_value=130)
    joined_from = forms.DateField(
        label=_("Joined from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    joined_to = forms.DateField(label=_("Joined to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_org(self):
        return self._org(self.cleaned_data.get("org"))

    def narrow(self, qs, data):
        if data.get("org"):
            qs = qs.filter(subtree_q(data["org"].path, "organization__path"))
        if q := (data.get("q") or "").strip():
            qs = qs.filter(Q(code__istartswith=q) | Q(name__icontains=q))
        for field in ("gender", "status"):
            if data.get(field):
                qs = qs.filter(**{field: data[field]})
        if data.get("rural"):
            qs = qs.filter(is_rural=data["rural"] == "yes")
        if education := (data.get("education") or "").strip():
            qs = qs.filter(education=education)
        if data.get("sector"):
            qs = qs.filter(organization__sector=data["sector"])
        if township := (data.get("township") or "").strip():
            qs = qs.filter(organization__township=township)
        if data.get("age_min") is not None:
            # At least `age_min` years old today: born on or before this day that many years ago.
            qs = qs.filter(birth_date__lte=years_before(self.today, data["age_min"]))
        if data.get("age_max") is not None:
            qs = qs.filter(birth_date__gt=years_before(self.today, data["age_max"] + 1))
        if data.get("joined_from"):
            qs = qs.filter(join_date__gte=data["joined_from"])
        if data.get("joined_to"):
            qs = qs.filter(join_date__lte=data["joined_to"])
        return qs


class LeaderFilter(ListFilter):
    q = forms.CharField(label=_("Name, code or title"), required=False, max_length=50)

    def narrow(self, qs, data):
        if q := (data.get("q") or "").strip():
            qs = qs.filter(Q(code__istartswith=q) | Q(name__icontains=q) | Q(title__icontains=q))
        return qs


class OrganizationFilter(ListFilter):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    org = forms.CharField(
        label=_("Within organisation (code)"), required=False, max_length=32,
        widget=forms.TextInput(attrs={"placeholder": _("sub-organisations included")}),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=ANY + OrgLevel.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + OrgStatus.choices, required=False)

    def clean_org(self):
        return self._org(self.cleaned_data.get("org"))

    def narrow(self, qs, data):
        if data.get("org"):
            qs = qs.filter(subtree_q(data["org"].path))
        if q := (data.get("q") or "").strip():
            qs = qs.filter(Q(code__istartswith=q) | Q(name__icontains=q))
        for field in ("sector", "level", "status"):
            if data.get(field):
                qs = qs.filter(**{field: data[field]})
        if township := (data.get("township") or "").strip():
            qs = qs.filter(township=township)
        return qs
