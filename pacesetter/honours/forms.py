"""Forms of the honours pages. They read input; the domain functions check it, and each
refusal is shown on the field its code names (`show_domain_error`)."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pacesetter.linkage.models import AffiliateUnit
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField
from pacesetter.orgs.models import Member
from pacesetter.selections.enums import NomineeKind
from pacesetter.selections.models import HonourKind

ANY = [("", _("any"))]
DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def show_domain_error(form: forms.Form, error: ValidationError) -> None:
    """A refusal under the field its code starts with (`year_invalid` → year), else above."""
    code = getattr(error, "code", None) or ""
    field = next((name for name in form.fields if code.startswith(f"{name}_")), None)
    form.add_error(field, ValidationError(error.messages))


class KindChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, kind: HonourKind) -> str:
        return kind.name


class RollFilterForm(BootstrapFormMixin, forms.Form):
    """The honour roll's filters; years and townships are those that have honours."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = KindChoiceField(label=_("Honour"), queryset=HonourKind.objects.all(), required=False, empty_label=_("any"))
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=ANY + list(Sector.choices))
    township = forms.ChoiceField(label=_("Township"), required=False)
    given_to = forms.ChoiceField(label=_("Given to"), required=False, choices=ANY + list(NomineeKind.choices))

    def __init__(self, *args, years: list[int], townships: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = ANY + [(y, y) for y in years]
        self.fields["township"].choices = ANY + [(t, t) for t in townships]

    @property
    def is_active(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def apply(self, honours):
        if not self.is_bound:
            return honours
        if not self.is_valid():
            return honours.none()
        data = self.cleaned_data
        if data.get("year"):
            honours = honours.filter(year=data["year"])
        if data.get("kind"):
            honours = honours.filter(kind=data["kind"])
        if data.get("sector"):
            honours = honours.filter(sector=data["sector"])
        if data.get("given_to"):
            honours = honours.filter(kind__nominee=data["given_to"])
        if data.get("township"):
            honours = honours.filter(township=data["township"])
        return honours


class ManageFilterForm(RollFilterForm):
    """The county admins' list: the roll's filters, whether revoked, and a name or number."""

    state = forms.ChoiceField(label=_("State"), required=False, choices=ANY + [
        ("in_force", _("in force")), ("revoked", _("revoked"))])
    q = forms.CharField(label=_("Name or certificate number"), required=False, max_length=50)

    def apply(self, honours):
        honours = super().apply(honours)
        if not self.is_bound or not self.is_valid():
            return honours
        data = self.cleaned_data
        if data["state"]:
            honours = honours.filter(revoked_at__isnull=data["state"] == "in_force")
        if data["q"].strip():
            text = data["q"].strip()
            honours = honours.filter(
                Q(organization_name__contains=text) | Q(member_name__contains=text)
                | Q(affiliate_unit_name__contains=text)
                | Q(certificate_no__icontains=text))
        return honours


class HonourForm(BootstrapFormMixin, forms.Form):
    """An honour entered by hand (earlier years); the member is typed by their code."""

    kind = KindChoiceField(label=_("Honour"), queryset=HonourKind.objects.all())
    year = forms.IntegerField(label=_("Year"))
    organization = OrgCodeField(label=_("Organisation code"))
    member = forms.CharField(label=_("Member code"), required=False, max_length=32,
                             help_text=_("For an individual honour: the member's code in the organisation."))
    affiliate_unit = forms.CharField(label=_("Affiliate unit code"), required=False, max_length=32,
                                     help_text=_("For an affiliate unit's honour: the code of a unit linked to the "
                                                 "organisation."))
    commended_on = forms.DateField(label=_("Commended on"), required=False, **DATE_WIDGET,
                                   help_text=_("Left empty: the last day of the year (or today)."))
    citation = forms.CharField(label=_("Citation"), required=False, max_length=300,
                               widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, visible_orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_orgs

    def clean(self):
        data = super().clean()
        code, org = (data.get("member") or "").strip(), data.get("organization")
        data["member"] = None
        if code and org is not None:
            data["member"] = Member.objects.filter(organization=org, code=code).first()
            if data["member"] is None:
                self.add_error("member", _("No member with this code in the organisation."))
        code = (data.get("affiliate_unit") or "").strip()
        data["affiliate_unit"] = None
        if code and org is not None:
            data["affiliate_unit"] = AffiliateUnit.objects.filter(organization=org, code=code).first()
            if data["affiliate_unit"] is None:
                self.add_error("affiliate_unit", _("No affiliate unit with this code is linked to the organisation."))
        return data


class RevokeForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class CommendForm(BootstrapFormMixin, forms.Form):
    commended_on = forms.DateField(label=_("Commended on"), required=False, **DATE_WIDGET)
    citation = forms.CharField(label=_("Citation"), required=False, max_length=300,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Printed on every certificate; left empty, the certificate names the "
                                           "honour."))
