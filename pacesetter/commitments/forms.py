"""Forms of the commitment pages. They read input; the domain functions check it and say
what is wrong, so each domain refusal is shown on the field its code names."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.core.uploads import DOCUMENT, FORMATS, PHOTO, accepted_extensions
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import BootstrapFormMixin
from pacesetter.orgs.models import Goal, Organization

from .domain import MAX_FILES
from .enums import Category, CommitmentStatus, Judgement

ANY = [("", _("any"))]


def show_domain_error(form: forms.Form, error: ValidationError) -> None:
    """A domain refusal on the field its code starts with ("deadline_outside" → deadline,
    "file_type" → files), else above the form."""
    code = getattr(error, "code", None) or ""
    field = next((name for name in form.fields if code.startswith(f"{name}_")), None)
    if field is None and (code.startswith("file_") or code == "too_many_files"):
        field = "files" if "files" in form.fields else None
    form.add_error(field, ValidationError(error.messages))


def campaigns_open() -> QuerySet[Campaign]:
    """Campaigns that take commitments: all but the closed ones, newest first."""
    return Campaign.objects.exclude(status=CampaignStatus.CLOSED).order_by("-year", "-starts_on", "-id")


# --- The list's filter -------------------------------------------------------------------


class CommitmentFilter(BootstrapFormMixin, forms.Form):
    """A GET form narrowing the pledges the user sees; an invalid filter shows an empty list."""

    q = forms.CharField(label=_("Organisation or member"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("name or code")}))
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.all(), required=False,
                                      empty_label=_("any"))
    status = forms.ChoiceField(label=_("Status"), choices=ANY + CommitmentStatus.choices, required=False)
    owner = forms.ChoiceField(
        label=_("Whose"), required=False,
        choices=ANY + [("organization", _("organisations'")), ("member", _("members'"))],
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    township = forms.CharField(label=_("Township"), required=False, max_length=50)
    review = forms.BooleanField(label=_("Awaiting my review"), required=False)

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def apply(self, qs: QuerySet, *, reviewable: Q) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if q := (data.get("q") or "").strip():
            qs = qs.filter(
                Q(organization__code__istartswith=q) | Q(organization__name__icontains=q)
                | Q(member__code__istartswith=q) | Q(member__name__icontains=q)
            )
        if data.get("campaign"):
            qs = qs.filter(campaign=data["campaign"])
        if data.get("status"):
            qs = qs.filter(status=data["status"])
        if data.get("owner"):
            qs = qs.filter(member__isnull=data["owner"] == "organization")
        if data.get("sector"):
            qs = qs.filter(organization__sector=data["sector"])
        if township := (data.get("township") or "").strip():
            qs = qs.filter(organization__township=township)
        if data.get("review"):
            qs = qs.filter(reviewable, status=CommitmentStatus.SUBMITTED)
        return qs

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])


# --- Starting a pledge -------------------------------------------------------------------


class CommitmentStartForm(BootstrapFormMixin, forms.Form):
    """Whose pledge, for which campaign. `organizations` are those the user may write for;
    `member` is the user's own party-member record, if any."""

    OWN = "own"
    ORGANIZATION = "organization"

    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=campaigns_open(), empty_label=None)
    owner = forms.ChoiceField(label=_("Whose commitment"), widget=forms.RadioSelect)
    organization = forms.CharField(
        label=_("Organisation (code)"), required=False, max_length=32,
        help_text=_("One of the organisations you administer."),
    )

    def __init__(self, *args, organizations: QuerySet[Organization] | None, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations, self.member = organizations, member
        choices = []
        if member is not None:
            choices.append((self.OWN, _("My own, as the party member %(name)s") % {"name": member.name}))
        if organizations is not None:
            choices.append((self.ORGANIZATION, _("An organisation's")))
        else:
            del self.fields["organization"]
        self.fields["owner"].choices = choices
        self.fields["owner"].widget.attrs["class"] = "form-check-input"
        if choices:
            self.fields["owner"].initial = choices[0][0]

    def clean(self):
        data = super().clean()
        if data.get("owner") == self.ORGANIZATION:
            code = (data.get("organization") or "").strip()
            if not code:
                self.add_error("organization", _("Give the code of the organisation whose commitment this is."))
            else:
                org = self.organizations.filter(code=code).first()
                if org is None:
                    self.add_error("organization", _("No organisation with the code %(code)s among those you "
                                                     "administer.") % {"code": code})
                data["organization"] = org
        return data


# --- Items -------------------------------------------------------------------------------


class GoalChoiceField(forms.ModelChoiceField):
    """The county's goals as a tree: each indented by its depth."""

    def label_from_instance(self, goal: Goal) -> str:
        return "\u00a0\u00a0\u00a0" * (goal.depth - 1) + goal.name


class ItemForm(BootstrapFormMixin, forms.Form):
    content = forms.CharField(label=_("Commitment"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    target = forms.CharField(
        label=_("Measurable target"), max_length=300,
        help_text=_("How anyone can tell it was kept: a number, a date, a share."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    goal = GoalChoiceField(label=_("County goal served"), queryset=Goal.objects.none(), required=False,
                           empty_label=_("— none —"))

    def __init__(self, *args, current_goal_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        in_force = Q(is_active=True)
        if current_goal_id:
            in_force |= Q(pk=current_goal_id)
        self.fields["goal"].queryset = Goal.objects.filter(in_force).order_by("path")


# --- Review ------------------------------------------------------------------------------


class ReturnForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Its authors see it and change the commitment accordingly."),
    )


class JudgementForm(BootstrapFormMixin, forms.Form):
    judgement = forms.ChoiceField(label=_("Judgement of the delivery"), choices=Judgement.choices)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


# --- Delivery ----------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files; what each is gets checked by the domain (`core.uploads`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def upload_limits() -> dict:
    """What the progress form tells the uploader, and its `accept` list."""
    return {
        "max_files": MAX_FILES,
        "max_size": filesizeformat(settings.EVIDENCE_MAX_BYTES),
        "photos": ", ".join(f".{e}" for e in accepted_extensions((PHOTO,))),
        "documents": ", ".join(f".{e}" for e in accepted_extensions((DOCUMENT,))),
        "accept": ",".join([f".{e}" for e in FORMATS] + ["image/jpeg", "image/png", "image/webp"]),
    }


class ProgressForm(BootstrapFormMixin, forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Evidence: photos and documents"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = upload_limits()
        self.fields["files"].widget.attrs["accept"] = limits["accept"]
        self.fields["files"].help_text = _(
            "Up to %(max_files)d files, each at most %(max_size)s. Photos: %(photos)s. Documents: %(documents)s."
        ) % limits


class OutcomeForm(BootstrapFormMixin, forms.Form):
    """The note of an outcome; the button pressed (delivered, not delivered, reopen) is the outcome."""

    note = forms.CharField(label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("It appears on the public timeline."))
