"""Forms of the observation meeting pages; each hands its cleaned data to one domain function."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.core.rubric import CriteriaField
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField

from .enums import MeetingState
from .models import Criterion

ANY = [("", _("any"))]
DEFAULT_SHEET = "组织建设 25\n创先争优活动开展 25\n承诺践诺 25\n群众满意 25"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: The public sheet's honeypot: a field robots like to fill, hidden from people (sitevisits.css).
HONEYPOT = "website"


class MeetingFilter(BootstrapFormMixin, forms.Form):
    """A GET form narrowing the list; an invalid filter shows an empty list."""

    state = forms.ChoiceField(label=_("State"), choices=ANY + MeetingState.choices, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("title")}))

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        if state := self.cleaned_data.get("state"):
            qs = qs.filter(state=state)
        if text := self.cleaned_data.get("q", "").strip():
            qs = qs.filter(Q(title__icontains=text) | Q(description__icontains=text))
        return qs


class MeetingForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    sheet = CriteriaField(label=_("Score sheet"), initial=DEFAULT_SHEET)


class SiteForm(BootstrapFormMixin, forms.Form):
    organization = OrgCodeField(label=_("Organisation (code)"))
    introduction = forms.CharField(label=_("Introduction"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    photos_url = forms.URLField(label=_("Photos (link to the photo exhibition)"), required=False, max_length=300,
                                assume_scheme="https")

    def __init__(self, *args, organizations: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class PhotosForm(BootstrapFormMixin, forms.Form):
    photos_url = forms.URLField(label=_("Photos (link to the photo exhibition)"), required=False, max_length=300,
                                assume_scheme="https")


class ObserversForm(BootstrapFormMixin, forms.Form):
    people = forms.CharField(label=_("Observers"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}),
                             help_text=_("One observer a line: the name, a comma, then the unit and position "
                                         "(王建国，县委副书记)."))

    def clean_people(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data["people"].splitlines():
            if line.strip():
                name, *unit = re.split(r"[,，\t]", line.strip(), maxsplit=1)
                rows.append((name.strip(), unit[0].strip() if unit else ""))
        return rows


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Your observer code"), max_length=40,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "placeholder": "ABCD-EFGH-JKMN-PQRS"}))


class SheetForm(BootstrapFormMixin, forms.Form):
    """The hidden code, a field per criterion of the sheet (0 to its maximum, named by its
    position: c1, c2, …) and a comment."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        comment = self.fields.pop("comment")
        for criterion in criteria:
            self.fields[f"c{criterion.position}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_points})", min_value=0, max_value=criterion.max_points,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
        self.fields["comment"] = comment

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.position}"] for c in self.criteria}
