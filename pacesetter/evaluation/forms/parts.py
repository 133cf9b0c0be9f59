"""A draft round's subjects and voter groups. Organisations and members typed in by code are
looked up in the user's visible querysets, so a form never reaches outside the user's view."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.enums import OrgLevel, OrgStatus, Sector
from pacesetter.orgs.forms import BootstrapFormMixin
from pacesetter.orgs.models import Member, Organization
from pacesetter.orgs.queries import subtree_q

from ..models import Round, RoundGroup, RoundSubject, VoterGroup
from .common import ANY, parse_codes


class _VisibleMixin:
    def __init__(self, *args, visible_orgs: QuerySet[Organization], visible_members: QuerySet[Member], **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_orgs = visible_orgs
        self.visible_members = visible_members


def _unknown(codes: list[str], found: set[str], message) -> None:
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(message % {"codes": ", ".join(missing)}, code="unknown")


class AddOrganizationsForm(_VisibleMixin, BootstrapFormMixin, forms.Form):
    codes = forms.CharField(
        label=_("Organisation codes"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One code per line."),
    )

    def clean_codes(self) -> list[Organization]:
        codes = parse_codes(self.cleaned_data["codes"])
        if not codes:
            raise ValidationError(_("Paste at least one organisation code."), code="required")
        orgs = {org.code: org for org in self.visible_orgs.filter(code__in=codes)}
        _unknown(codes, set(orgs), _("No organisation with these codes in your view: %(codes)s."))
        archived = [code for code in codes if orgs[code].status != OrgStatus.ACTIVE]
        if archived:
            raise ValidationError(
                _("These organisations are dissolved or merged: %(codes)s.") % {"codes": ", ".join(archived)},
                code="archived",
            )
        return [orgs[code] for code in codes]


class AddOrganizationsUnderForm(_VisibleMixin, BootstrapFormMixin, forms.Form):
    under = forms.CharField(
        label=_("Under the organisation"), max_length=32, help_text=_("Its code; it counts too if it matches."),
    )
    level = forms.ChoiceField(label=_("Level"), choices=ANY + OrgLevel.choices, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)

    def clean(self):
        data = super().clean()
        code = (data.get("under") or "").strip()
        if not code:
            return data
        top = self.visible_orgs.filter(code=code).first()
        if top is None:
            self.add_error("under", _("No organisation with the code %(code)s in your view.") % {"code": code})
            return data
        orgs = self.visible_orgs.filter(subtree_q(top.path), status=OrgStatus.ACTIVE)
        for name in ("level", "sector"):
            if data.get(name):
                orgs = orgs.filter(**{name: data[name]})
        data["organizations"] = list(orgs.order_by("path"))
        if not data["organizations"]:
            raise ValidationError(_("No active organisation of that level and sector under %(code)s.") % {"code": code})
        return data


class AddPersonsForm(_VisibleMixin, BootstrapFormMixin, forms.Form):
    codes = forms.CharField(
        label=_("Member codes"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One code per line."),
    )
    role_title = forms.CharField(
        label=_("Post"), max_length=50, required=False, help_text=_("e.g. branch secretary (支部书记)"),
    )

    def clean_codes(self) -> list[Member]:
        codes = parse_codes(self.cleaned_data["codes"])
        if not codes:
            raise ValidationError(_("Paste at least one member code."), code="required")
        members = {m.code: m for m in self.visible_members.filter(code__in=codes)}
        _unknown(codes, set(members), _("No member with these codes in your view: %(codes)s."))
        return [members[code] for code in codes]


class RemoveSubjectForm(forms.Form):
    subject = forms.ModelChoiceField(queryset=RoundSubject.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, subjects: QuerySet[RoundSubject], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects


class RoundGroupForm(BootstrapFormMixin, forms.Form):
    voter_group = forms.ModelChoiceField(label=_("Voter group"), queryset=VoterGroup.objects.none())
    expected = forms.IntegerField(
        label=_("Expected ballots per subject"), min_value=0, max_value=1_000_000,
        help_text=_("How many ballots each subject should receive from this group."),
    )

    def __init__(self, *args, round_: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter_group"].queryset = VoterGroup.objects.filter(scheme_id=round_.scheme_id)


class RemoveGroupForm(forms.Form):
    group = forms.ModelChoiceField(queryset=RoundGroup.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, round_: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = RoundGroup.objects.filter(round=round_).select_related("voter_group")
