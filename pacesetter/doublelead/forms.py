"""Forms of the double-lead pages; each hands its cleaned data to one domain function."""
from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.forms import BootstrapFormMixin

from . import queries
from .enums import EnterpriseKind, HelpKind

ANY = [("", _("any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 10, "decimal_places": 2, "min_value": 0}


class MemberFilter(BootstrapFormMixin, forms.Form):
    """Narrows the list; an invalid filter shows an empty list."""

    township = forms.ChoiceField(label=_("Township"), required=False)
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    active = forms.ChoiceField(label=_("Active"), required=False,
                               choices=ANY + [("yes", _("active")), ("no", _("not active"))])
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("name, member code or enterprise")}))

    def __init__(self, data, *, members: QuerySet, **kwargs):
        super().__init__(data, **kwargs)
        townships = members.order_by().values_list(queries.TOWNSHIP, flat=True).distinct()
        industries = queries.Enterprise.objects.filter(holder__in=members).order_by().values_list(
            "industry", flat=True).distinct()
        self.fields["township"].choices = ANY + [(t, t) for t in sorted(set(townships)) if t]
        self.fields["industry"].choices = ANY + [(i, i) for i in sorted(set(industries))]

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("township"):
            qs = qs.filter(**{queries.TOWNSHIP: data["township"]})
        if data.get("industry"):
            qs = queries.with_industry(qs, data["industry"])
        if data.get("active"):
            qs = qs.filter(active=data["active"] == "yes")
        return queries.search(qs, data.get("q") or "")


class RegisterForm(BootstrapFormMixin, forms.Form):
    member_code = forms.CharField(label=_("Member code"), max_length=32,
                                  help_text=_("A rural party member of an organisation you manage."))
    registered_on = forms.DateField(label=_("Registered on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MemberEditForm(BootstrapFormMixin, forms.Form):
    active = forms.BooleanField(label=_("Active"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EnterpriseForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=EnterpriseKind.choices)
    industry = forms.CharField(label=_("Industry"), max_length=50, help_text=_("e.g. 果蔬种植, 生猪养殖, 乡村旅游"))
    founded_year = forms.IntegerField(label=_("Founded in"), min_value=1949, max_value=2100)
    employees = forms.IntegerField(label=_("Employees"), min_value=0, max_value=1_000_000)


class HouseholdForm(BootstrapFormMixin, forms.Form):
    head_name = forms.CharField(label=_("Head of household"), max_length=50,
                                help_text=_("The name only: no ID numbers."))
    village = forms.CharField(label=_("Village"), max_length=50)
    since_year = forms.IntegerField(label=_("Helped since"), min_value=1949, max_value=2100)
    help_kind = forms.ChoiceField(label=_("How helped"), choices=HelpKind.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class FiguresForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1949, max_value=2100)
    own_income = forms.DecimalField(label=_("Own income (10,000 yuan)"), **MONEY)
    helped_income_increase = forms.DecimalField(label=_("Income increase of helped households (10,000 yuan)"),
                                                **MONEY)
    jobs_created = forms.IntegerField(label=_("Jobs created"), min_value=0, max_value=1_000_000)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]


class TrainingForm(BootstrapFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=200)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1, max_value=1_000_000)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=1, min_value=0)


class YearForm(BootstrapFormMixin, forms.Form):
    """The year the statistics show, one of those with figures. Left out, or not one of
    them (the form says so), the latest is shown."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, data, *, years: list[int], **kwargs):
        super().__init__(data, **kwargs)
        self.years = years
        self.fields["year"].choices = [(y, str(y)) for y in reversed(years)]

    @property
    def is_active(self) -> bool:
        return bool(self.data.get("year"))

    def chosen(self) -> int | None:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return self.years[-1] if self.years else None
