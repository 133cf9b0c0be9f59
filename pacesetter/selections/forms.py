"""Forms of the selection pages; each hands its cleaned data to one domain function.

Field names are stable (the browser tests and the API use the same ones): the selection
form's rules are `rule_<key>`, the quota table is `quotas` ("group seats" a line)."""
from __future__ import annotations

import re

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.models import Campaign
from pacesetter.commitments.forms import MultipleFileField, upload_limits
from pacesetter.evaluation.enums import Grade, RoundState
from pacesetter.evaluation.forms.common import Filter
from pacesetter.evaluation.models import Round
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField

from .eligibility import RULES
from .enums import NominationStatus, NomineeKind, QuotaBy, ReviewDecision, SelectionState
from .models import HonourKind

ANY = [("", _("any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: The public objection form's honeypot: robots fill it, people never see it (selections.css).
HONEYPOT = "website"


class SelectionFilter(Filter):
    state = forms.ChoiceField(label=_("State"), choices=ANY + SelectionState.choices, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("title")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        if state := self.cleaned_data.get("state"):
            qs = qs.filter(state=state)
        if text := self.cleaned_data.get("q", "").strip():
            qs = qs.filter(Q(title__icontains=text) | Q(description__icontains=text))
        return qs


class NominationFilter(Filter):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + NominationStatus.choices, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("organisation or member")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        if status := self.cleaned_data.get("status"):
            qs = qs.filter(status=status)
        if text := self.cleaned_data.get("q", "").strip():
            qs = qs.filter(Q(organization__name__icontains=text) | Q(member__name__icontains=text)
                           | Q(organization__code=text))
        return qs


class HonourKindForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    nominee = forms.ChoiceField(label=_("Given to"), choices=NomineeKind.choices)
    affiliate_kind = forms.ChoiceField(label=_("Kind of affiliate unit"), required=False,
                                       choices=[("", _("every kind"))] + AffiliateKind.choices,
                                       help_text=_("Only for an honour given to affiliate units."))
    code = forms.SlugField(label=_("Code"), max_length=40, required=False,
                           help_text=_("Letters, digits and hyphens; made from the name if left empty."))


class HonourKindChangeForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    active = forms.BooleanField(label=_("In use"), required=False)


class SelectionForm(BootstrapFormMixin, forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.order_by("-starts_on"))
    kind = forms.ModelChoiceField(label=_("Honour kind"), queryset=HonourKind.objects.filter(active=True))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    round = forms.ModelChoiceField(label=_("Evaluation round (released)"), required=False,
                                   queryset=Round.objects.filter(state=RoundState.RELEASED).order_by("-closes_at"),
                                   help_text=_("Its results check the grade rule and rank the shortlist."))
    nominations_close_on = forms.DateField(label=_("Nominations close on"), widget=DATE)
    notice_days = forms.IntegerField(label=_("Notice period (working days, Monday to Friday)"), min_value=1,
                                     max_value=30, initial=5)
    quota_by = forms.ChoiceField(label=_("Seats"), choices=QuotaBy.choices)
    default_quota = forms.IntegerField(label=_("Seats (the whole county, or each group not in the table)"),
                                       min_value=1, max_value=1000, initial=1)
    quotas = forms.CharField(label=_("Quota table"), required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("One group a line: the township (or sector code), then its seats."))
    rule_min_grade = forms.ChoiceField(label=_("Graded at least"), required=False,
                                       choices=[("", _("no grade rule"))] + Grade.choices[:3])
    rule_no_open_case = forms.BooleanField(label=_("No open accountability case"), required=False)
    rule_min_fulfilment = forms.IntegerField(label=_("Commitments fulfilment at least (%)"), required=False,
                                             min_value=0, max_value=100)
    rule_formal_members_only = forms.BooleanField(label=_("Probationary members excluded"), required=False)
    rule_not_honoured_years = forms.IntegerField(label=_("Not given this honour in the last … years"),
                                                 required=False, min_value=1, max_value=20)
    rule_no_disqualification = forms.BooleanField(
        label=_("Not disqualified from this year's honours (closed accountability case)"), required=False)
    rule_vanguard_rated = forms.BooleanField(
        label=_("A vanguard project reviewed good or better (post pacesetters)"), required=False)

    @classmethod
    def initial_for(cls, selection) -> dict:
        initial = {name: getattr(selection, name) for name in
                   ("campaign", "kind", "title", "description", "round", "nominations_close_on", "notice_days",
                    "quota_by", "default_quota")}
        initial["quotas"] = "\n".join(f"{q.group} {q.seats}" for q in selection.quotas.all())
        initial.update({f"rule_{key}": value for key, value in selection.rules.items()})
        return initial

    def clean_quotas(self) -> dict:
        rows = {}
        for line in self.cleaned_data["quotas"].splitlines():
            if not line.strip():
                continue
            match = re.fullmatch(r"\s*(.+?)\s+(\d{1,4})\s*", line)
            if not match:
                raise forms.ValidationError(_("Write each line as a group and a number of seats: %(line)s"),
                                            params={"line": line})
            rows[match.group(1)] = int(match.group(2))
        return rows

    def domain_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["rules"] = {rule.key: data.pop(f"rule_{rule.key}") for rule in RULES}
        return data


class NominationForm(BootstrapFormMixin, forms.Form):
    """`organization` by code for a collective honour, `member` by code for an individual one,
    `affiliate_unit` by code for an honour of affiliate units."""

    organization = OrgCodeField(label=_("Organisation (code)"), required=False)
    member = forms.CharField(label=_("Member (code)"), required=False, max_length=32)
    affiliate_unit = forms.CharField(label=_("Affiliate unit (code)"), required=False, max_length=32)
    statement = forms.CharField(label=_("Statement of deeds"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8}))
    files = MultipleFileField(label=_("Evidence: photos and documents"), required=False)

    def __init__(self, *args, organizations: QuerySet, members: QuerySet, units: QuerySet, nominee: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.members, self.units, self.nominee = members, units, nominee
        self.fields["organization"].queryset = organizations
        keep = {NomineeKind.MEMBER: "member", NomineeKind.AFFILIATE: "affiliate_unit"}.get(nominee, "organization")
        for name in {"organization", "member", "affiliate_unit"} - {keep}:
            self.fields.pop(name)
        limits = upload_limits()
        self.fields["files"].widget.attrs["accept"] = limits["accept"]
        self.fields["files"].help_text = _(
            "Up to 10 files, each at most %(max_size)s. Photos: %(photos)s. Documents: %(documents)s.") % limits

    def clean_member(self):
        code = self.cleaned_data["member"].strip()
        member = self.members.filter(code=code).select_related("organization").first()
        if member is None:
            raise forms.ValidationError(_("No member with the code %(code)s in your view."), params={"code": code})
        return member

    def clean_affiliate_unit(self):
        code = self.cleaned_data["affiliate_unit"].strip()
        unit = self.units.filter(code=code).select_related("organization").first()
        if unit is None:
            raise forms.ValidationError(_("No affiliate unit with the code %(code)s in your view."),
                                        params={"code": code})
        return unit

    def clean(self):
        data = super().clean()
        if "organization" in self.fields and not data.get("organization") and "organization" not in self.errors:
            self.add_error("organization", _("Give the organisation's code."))
        return data


class ReviewForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ReviewDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect, choices=[
        ("upheld", _("upheld: the nominee drops out")), ("dismissed", _("dismissed: the nominee stays"))])
    finding = forms.CharField(label=_("Finding"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class NoticeForm(BootstrapFormMixin, forms.Form):
    starts_on = forms.DateField(label=_("Notice starts on"), required=False, widget=DATE,
                                help_text=_("Today if left empty."))


class ObjectionForm(BootstrapFormMixin, forms.Form):
    nomination = forms.TypedChoiceField(label=_("Nominee"), coerce=int)
    text = forms.CharField(label=_("Your objection"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Say what you know and how it can be checked."))
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=50)
    contact = forms.CharField(label=_("Phone or e-mail (optional)"), required=False, max_length=100,
                              help_text=_("Only the county's investigators see it, to ask you more."))

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [("", "—")] + [(n.pk, str(n)) for n in nominees]
