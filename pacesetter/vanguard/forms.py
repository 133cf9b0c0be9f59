"""Forms of the vanguard pages; each hands its cleaned data to one domain function. Members
and organisations are named by their codes, found only in the user's view."""
from __future__ import annotations

import re

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacesetter.evaluation.forms.common import Filter
from pacesetter.orgs.forms import BootstrapFormMixin
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

from . import queries
from .enums import Measure, ProjectState, Rating, VanguardKind

ANY = [("", gettext_lazy("any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CODES = re.compile(r"[\s,，、;；]+")


class ProjectFilter(Filter):
    """Narrows the list; an invalid filter shows an empty list."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False, choices=ANY + VanguardKind.choices)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False, choices=ANY + ProjectState.choices)
    township = forms.ChoiceField(label=gettext_lazy("Township"), required=False)
    org = forms.CharField(label=gettext_lazy("Organisation code"), required=False, max_length=32,
                          help_text=gettext_lazy("Its projects and those under it."))
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("title, lead's name or code")}))

    def __init__(self, data, *, projects: QuerySet, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        townships = projects.order_by().values_list(queries.TOWNSHIP, flat=True).distinct()
        self.fields["township"].choices = ANY + [(t, t) for t in sorted(set(townships)) if t]

    def clean_org(self):
        code = self.cleaned_data["org"].strip()
        if not code:
            return None
        found = organizations_visible_to(self.user).filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("No organisation with this code in your view."))
        return found

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        for name in ("kind", "state"):
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        if data.get("township"):
            qs = qs.filter(**{queries.TOWNSHIP: data["township"]})
        if data.get("org"):
            qs = queries.in_subtree(qs, data["org"].path)
        return queries.search(qs, data.get("q") or "")


class ProjectForm(BootstrapFormMixin, forms.Form):
    organization = forms.CharField(label=gettext_lazy("Organisation code"), max_length=32,
                                   help_text=gettext_lazy("The organisation (unit) the project belongs to."))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=VanguardKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200,
                            help_text=gettext_lazy("e.g. 党员先锋岗·窗口服务零投诉"))
    lead = forms.CharField(label=gettext_lazy("Lead owner's member code"), max_length=32)
    co_owners = forms.CharField(label=gettext_lazy("Other owners' member codes"), required=False, max_length=800,
                                widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=gettext_lazy("One per line or separated by commas."))
    goals = forms.CharField(label=gettext_lazy("Goals"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=DATE, initial=timezone.localdate)
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=DATE)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if editing:
            del self.fields["organization"]

    def _member(self, code: str):
        found = members_visible_to(self.user).select_related("organization").filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("No member with the code %(code)s in your view.") % {"code": code})
        return found

    def clean_organization(self):
        code = self.cleaned_data["organization"].strip()
        found = organizations_visible_to(self.user).filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("No organisation with this code in your view."))
        return found

    def clean_lead(self):
        return self._member(self.cleaned_data["lead"].strip())

    def clean_co_owners(self):
        codes = list(dict.fromkeys(c for c in CODES.split(self.cleaned_data["co_owners"]) if c))
        return [self._member(code) for code in codes]


class StateForm(BootstrapFormMixin, forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("New state"), choices=ProjectState.choices)


class ProgressForm(BootstrapFormMixin, forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE, initial=timezone.localdate)
    percent = forms.IntegerField(label=gettext_lazy("Percent done"), min_value=0, max_value=100)
    text = forms.CharField(label=gettext_lazy("What was done"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))


class ResultForm(BootstrapFormMixin, forms.Form):
    measure = forms.ChoiceField(label=gettext_lazy("Measure"), choices=Measure.choices)
    amount = forms.DecimalField(label=gettext_lazy("Amount"), min_value=0, max_digits=14, decimal_places=2,
                                help_text=gettext_lazy("Yuan for money saved; a whole number for the rest."))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(FilesField, self).clean(f, initial) for f in files]


class EvidenceForm(BootstrapFormMixin, forms.Form):
    files = FilesField(label=gettext_lazy("Files"), required=False,
                       help_text=gettext_lazy("Photos (JPEG, PNG, WebP) or documents (PDF, Word, Excel, WPS, OFD)."))


class ReviewForm(BootstrapFormMixin, forms.Form):
    rating = forms.ChoiceField(label=gettext_lazy("Rating"), choices=Rating.choices)
    comment = forms.CharField(label=gettext_lazy("Comment"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
