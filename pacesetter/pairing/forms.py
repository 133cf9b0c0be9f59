"""Forms of the pairing pages: the list's filter, a pairing (new, edit, end, replace) and a help log.

Parties are typed in by code, organisations, party members and county-level leaders each in
their own box, and found only among those the user sees; the kind's rules on which parties
it pairs are the domain's, and its refusals are shown beside the side they concern."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.enums import OrgStatus
from pacesetter.orgs.forms import BootstrapFormMixin
from pacesetter.orgs.queries import leaders_visible_to, members_visible_to, organizations_visible_to

from .domain.pairings import MAX_PARTIES
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


CODE_SEPARATORS = re.compile(r"[\s,，、;；]+")
#: Domain refusal code → the form field it is shown beside (the organisations box of a side).
FORM_ERRORS = {
    "kind": "kind", "helpers_missing": "helper_organizations", "shape_helpers": "helper_organizations",
    "helped_missing": "helped_organizations", "shape_helped": "helped_organizations",
    "helped_many": "helped_organizations", "party_twice": "helped_organizations", "goals_required": "goals",
    "goals_too_long": "goals", "starts_on_required": "starts_on", "period_order": "ends_on",
    "end_before_start": "on", "end_future": "on", "reason_required": "reason", "reason_too_long": "reason",
}


def show_domain_error(form: forms.Form, error: ValidationError) -> None:
    """A domain refusal beside the field its code concerns, else above the form."""
    field = FORM_ERRORS.get(getattr(error, "code", None) or "")
    form.add_error(field if field in form.fields else None, error)


class PartyCodesField(forms.CharField):
    """Codes separated by spaces, commas or new lines, each found in `queryset` (the user's view)."""

    widget = forms.Textarea(attrs={"rows": 1})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        super().__init__(*args, **kwargs)
        self.queryset: QuerySet | None = None

    def clean(self, value):
        codes = list(dict.fromkeys(c for c in CODE_SEPARATORS.split(super().clean(value) or "") if c))
        if len(codes) > MAX_PARTIES:
            raise ValidationError(_("At most %(n)d codes."), code="too_many", params={"n": MAX_PARTIES})
        found = {o.code: o for o in self.queryset.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise ValidationError(_("Not found among those you see: %(codes)s."), code="unknown",
                                  params={"codes": ", ".join(missing)})
        return [found[c] for c in codes]


class SidesMixin:
    """The boxes of one or both sides, pointed at what the user sees."""

    def set_querysets(self, user) -> None:
        visible = {"organizations": organizations_visible_to(user).filter(status=OrgStatus.ACTIVE),
                   "members": members_visible_to(user), "leaders": leaders_visible_to(user)}
        for name, field in self.fields.items():
            if isinstance(field, PartyCodesField):
                field.queryset = visible[name.split("_", 1)[1]]

    def side(self, side: str) -> list:
        data = self.cleaned_data
        return [*data[f"{side}_organizations"], *data[f"{side}_members"], *data[f"{side}_leaders"]]


def _helper_fields() -> dict:
    return {
        "helper_organizations": PartyCodesField(label=_("Helper organisations (codes)")),
        "helper_members": PartyCodesField(label=_("Helper party members (member codes)")),
        "helper_leaders": PartyCodesField(label=_("Helper county-level leaders (leader codes)")),
    }


class PairingForm(SidesMixin, BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PairingKind.choices)
    helper_organizations, helper_members, helper_leaders = _helper_fields().values()
    helped_organizations = PartyCodesField(label=_("Helped organisations (codes)"))
    helped_members = PartyCodesField(label=_("Helped party members (member codes)"))
    helped_leaders = PartyCodesField(label=_("Helped county-level leaders (leader codes)"))
    goals = forms.CharField(label=_("Goals"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Planned end (optional)"), widget=DATE, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_querysets(user)


class PairingEditForm(BootstrapFormMixin, forms.Form):
    goals = forms.CharField(label=_("Goals"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    ends_on = forms.DateField(label=_("Planned end (optional)"), widget=DATE, required=False)


class PairingEndForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("Ended on"), widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason for ending"), max_length=200)


class PairingReplaceForm(SidesMixin, PairingEndForm):
    """A new helper side from a day on; the helped side stays, the old pairing is history."""

    helper_organizations, helper_members, helper_leaders = _helper_fields().values()
    goals = forms.CharField(label=_("Goals of the new pairing"), max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    ends_on = forms.DateField(label=_("Planned end (optional)"), widget=DATE, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("Handed over on")
        self.fields["reason"].label = _("Reason for the change")
        self.set_querysets(user)
