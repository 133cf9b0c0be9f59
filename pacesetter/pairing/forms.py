"""Forms of the pairing pages: the list's filter and a help log."""
from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.forms import BootstrapFormMixin

from .enums import PairingKind, PairingState
from .models import PairingParty

ANY = [("", _("any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PairingFilter(BootstrapFormMixin, forms.Form):
    """A GET form narrowing the list; an invalid filter shows an empty list."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + PairingKind.choices, required=False)
    state = forms.ChoiceField(label=_("State"), choices=ANY + PairingState.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("state"):
            qs = qs.filter(state=data["state"])
        if town := data.get("township", "").strip():
            qs = qs.filter(Exists(PairingParty.objects.filter(pairing_id=OuterRef("pk"),
                                                              organization__township=town)))
        return qs


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(PhotosField, self).clean(f, initial) for f in files]


class HelpLogForm(BootstrapFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    activity = forms.CharField(label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    people = forms.IntegerField(label=_("People taking part"), min_value=0, max_value=100000, initial=0)
    money = forms.DecimalField(label=_("Money (yuan)"), min_value=0, max_digits=12, decimal_places=2, initial=0)
    goods = forms.CharField(label=_("Goods"), max_length=200, required=False)
    photos = PhotosField(label=_("Photos"), required=False)
