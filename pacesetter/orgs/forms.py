"""Forms of the organisation pages. They validate input; the views hand it to domain functions.

Organisations named by code (a new parent, a merge target, a receiving organisation) are
looked up in the user's visible queryset, so a form can never reach outside the user's view.
"""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Member, Organization


class BootstrapFormMixin:
    """Bootstrap classes on every widget, so templates can render any field the same way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def add_domain_error(form: forms.Form, error: ValidationError) -> None:
    """Show a domain function's error on the form: by field where it names one of ours."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class OrgCodeField(forms.CharField):
    """An organisation typed in by its code, resolved inside the queryset the form is given."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)
        self.queryset: QuerySet[Organization] | None = None

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        org = self.queryset.filter(code=code.strip()).first()
        if org is None:
            raise ValidationError(
                _("No organisation with the code %(code)s in your view."), code="unknown_org", params={"code": code}
            )
        return org


class VisibleOrgsFormMixin:
    """Points every OrgCodeField at the user's visible organisations."""

    def __init__(self, *args, visible_orgs: QuerySet[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, OrgCodeField):
                field.queryset = visible_orgs


class OrganizationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = ("code", "name", "level", "sector", "township", "secretary", "established")
        widgets = {"established": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class OrganizationMoveForm(VisibleOrgsFormMixin, BootstrapFormMixin, forms.Form):
    new_parent = OrgCodeField(
        label=_("New parent organisation (code)"),
        help_text=_("The organisation and all its sub-organisations and members move under this one."),
    )


class OrganizationMergeForm(VisibleOrgsFormMixin, BootstrapFormMixin, forms.Form):
    into = OrgCodeField(
        label=_("Merge into (organisation code)"),
        help_text=_("Members and sub-organisations move to this organisation; this one is archived as merged."),
    )
    confirm = forms.BooleanField(label=_("I understand that this organisation will be archived."))


class OrganizationDissolveForm(VisibleOrgsFormMixin, BootstrapFormMixin, forms.Form):
    transfer_members_to = OrgCodeField(
        label=_("Move its members to (organisation code)"),
        required=False,
        help_text=_("Leave empty to keep the members with the dissolved organisation."),
    )
    confirm = forms.BooleanField(label=_("I understand that this organisation will be archived as dissolved."))


class MemberForm(VisibleOrgsFormMixin, BootstrapFormMixin, forms.ModelForm):
    organization = OrgCodeField(label=_("Organisation (code)"))

    class Meta:
        model = Member
        fields = (
            "code", "name", "gender", "birth_date", "join_date", "status", "education",
            "organization", "position", "is_rural", "phone",
        )
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "join_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["organization"] = self.instance.organization.code
