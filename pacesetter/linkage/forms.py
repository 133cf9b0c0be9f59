"""Forms of the linkage pages; each hands its cleaned data to one domain function."""
from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.evaluation.forms.common import Filter
from pacesetter.orgs.enums import OrgLevel, Sector
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField

from .enums import AffiliateKind, HonourRecipient
from .models import JointActivity

ANY = [("", _("any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitFilter(Filter):
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + AffiliateKind.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    active = forms.ChoiceField(label=_("Status"), required=False,
                               choices=ANY + [("yes", _("active")), ("no", _("inactive"))])
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("name, code or party organisation")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if township := data.get("township", "").strip():
            qs = qs.filter(organization__township=township)
        if data.get("sector"):
            qs = qs.filter(organization__sector=data["sector"])
        if data.get("active"):
            qs = qs.filter(active=data["active"] == "yes")
        if text := data.get("q", "").strip():
            qs = qs.filter(Q(name__icontains=text) | Q(code__iexact=text) | Q(organization__name__icontains=text))
        return qs


class CoverageFilter(Filter):
    """Which party organisations the coverage counts, and which kind the lacking list shows."""

    level = forms.ChoiceField(label=_("Level"), choices=ANY + OrgLevel.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    lacking = forms.ChoiceField(label=_("Lacking"), choices=AffiliateKind.choices, required=False)

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("level"):
            qs = qs.filter(level=data["level"])
        if township := data.get("township", "").strip():
            qs = qs.filter(township=township)
        if data.get("sector"):
            qs = qs.filter(sector=data["sector"])
        return qs

    @property
    def lacking_kind(self) -> str:
        return (self.cleaned_data.get("lacking") if self.is_valid() else "") or AffiliateKind.YOUTH_LEAGUE


class UnitForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AffiliateKind.choices)
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=100)
    organization = OrgCodeField(label=_("Party organisation (code)"))
    members_count = forms.IntegerField(label=_("Members"), min_value=0, max_value=1_000_000, initial=0)
    head_name = forms.CharField(label=_("Head"), max_length=50, required=False)
    established = forms.DateField(label=_("Established"), required=False, widget=DATE)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, organizations: QuerySet, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if editing:
            del self.fields["code"]
        else:
            del self.fields["active"]


class HonourForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1949, max_value=2100)
    title = forms.CharField(label=_("Honour"), max_length=100,
                            widget=forms.TextInput(attrs={"placeholder": "五四红旗团支部"}))
    recipient = forms.ChoiceField(label=_("Recipient"), choices=HonourRecipient.choices)
    person_name = forms.CharField(label=_("Person (for an individual honour)"), max_length=50, required=False)
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=100,
                                 widget=forms.TextInput(attrs={"placeholder": "共青团县委"}))


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos; each is checked by core.uploads in the domain function."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(f, initial) for f in files]


class ActivityForm(BootstrapFormMixin, forms.Form):
    """An activity of a party organisation with the affiliates linked to it."""

    units = forms.ModelMultipleChoiceField(label=_("Affiliate units"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=100_000, initial=0)
    photos = PhotosField(label=_("Photos (JPEG, PNG or WebP)"), required=False,
                         widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    def __init__(self, *args, units: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["units"].widget.attrs["class"] = "form-check-input"


class ActivityFilter(Filter):
    kind = forms.ChoiceField(label=_("With"), choices=ANY + AffiliateKind.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1949, max_value=2100)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("title or party organisation")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("kind"):
            linked = JointActivity.units.through.objects.filter(jointactivity_id=OuterRef("pk"),
                                                                affiliateunit__kind=data["kind"])
            qs = qs.filter(Exists(linked))
        if township := data.get("township", "").strip():
            qs = qs.filter(organization__township=township)
        if data.get("year"):
            qs = qs.filter(held_on__year=data["year"])
        if text := data.get("q", "").strip():
            qs = qs.filter(Q(title__icontains=text) | Q(organization__name__icontains=text))
        return qs
