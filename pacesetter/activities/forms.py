"""Forms of the activity pages; each hands its cleaned data to one domain function."""
from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.evaluation.forms.common import Filter, parse_codes
from pacesetter.orgs.enums import OrgLevel, Sector
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField
from pacesetter.orgs.models import Member

from .enums import ActivityKind, ActivityState, AttendanceStatus

ANY = [("", _("any"))]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ActivityFilter(Filter):
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + ActivityKind.choices, required=False)
    state = forms.ChoiceField(label=_("State"), choices=ANY + ActivityState.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Month"), required=False, min_value=1, max_value=12)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("title or organisation")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        for name in ("kind", "state"):
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        if township := data.get("township", "").strip():
            qs = qs.filter(organization__township=township)
        if data.get("year"):
            qs = qs.filter(day__year=data["year"])
        if data.get("month"):
            qs = qs.filter(day__month=data["month"])
        if text := data.get("q", "").strip():
            qs = qs.filter(Q(title__icontains=text) | Q(organization__name__icontains=text)
                           | Q(organization__code__iexact=text))
        return qs


class FlagFilter(Filter):
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=ANY + OrgLevel.choices, required=False)

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if township := data.get("township", "").strip():
            qs = qs.filter(township=township)
        for name in ("sector", "level"):
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        return qs


class MemberCodesField(forms.CharField):
    """Member codes pasted one per line, resolved inside the queryset the form is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset: QuerySet[Member] | None = None

    def clean(self, value):
        codes = parse_codes(super().clean(value))
        found = {m.code: m for m in self.queryset.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(_("No member with the code %(code)s in your view."),
                                        code="unknown_member", params={"code": missing[0]})
        return [found[c] for c in codes]


class ActivityForm(BootstrapFormMixin, forms.Form):
    organization = OrgCodeField(label=_("Organisation (code)"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    agenda = forms.CharField(label=_("Agenda"), max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))
    invited = MemberCodesField(label=_("Invited members from elsewhere (codes, one a line)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organizations: QuerySet, members: QuerySet, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["invited"].queryset = members
        if editing:
            del self.fields["organization"]


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos; each is checked by core.uploads in the domain function."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(f, initial) for f in files]


class MinutesForm(BootstrapFormMixin, forms.Form):
    minutes = forms.CharField(label=_("Minutes"), max_length=20_000, required=False,
                              widget=forms.Textarea(attrs={"rows": 8}))
    photos = PhotosField(label=_("Photos (JPEG, PNG or WebP)"), required=False,
                         widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))


class CancelForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AttendanceForm(BootstrapFormMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None)
    status = forms.ChoiceField(label=_("Attendance"), choices=AttendanceStatus.choices)
    reason = forms.CharField(label=_("Reason (for leave or absence)"), max_length=200, required=False)

    def __init__(self, *args, members: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
