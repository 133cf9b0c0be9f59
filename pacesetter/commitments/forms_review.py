"""The form that starts a campaign's commitment review (评诺): the round's name and window,
its scheme (the standard one unless another commitment-review scheme is chosen) and the
ballots expected per voter group."""
from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.models import Campaign
from pacesetter.evaluation.enums import GroupKind, SchemeKind, SchemeStatus
from pacesetter.evaluation.models import Scheme, VoterGroup
from pacesetter.orgs.forms import BootstrapFormMixin

#: The voter groups of the standard scheme (review.default_review_scheme): their inputs are
#: always shown, prefilled, so the standard review needs no typing.
STANDARD_GROUPS = (GroupKind.MEMBERS, GroupKind.PUBLIC)
GROUP_PREFIX = "expected_"
ROUND_DAYS = 14


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


def review_schemes():
    """The active commitment-review schemes a review may use."""
    return Scheme.objects.filter(kind=SchemeKind.COMMITMENT_REVIEW, status=SchemeStatus.ACTIVE).order_by("name", "id")


class ReviewRoundForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    scheme = forms.ModelChoiceField(
        label=_("Scheme"), queryset=Scheme.objects.none(), required=False,
        empty_label=_("The standard scheme “Commitment review”"),
        help_text=_("The standard scheme weighs the ballots of members and the public (50 %), the fulfilment rate "
                    "(30 %) and the superior organisation's judgement (20 %); it is made the first time it is used."),
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=_DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=_DateTimeInput())
    allow_open_channel = forms.BooleanField(
        label=_("Allow open survey ballots (QR poster, no token)"), required=False,
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        now = timezone.localtime().replace(second=0, microsecond=0)
        kwargs["initial"] = {
            "name": (gettext("%(campaign)s: commitment review") % {"campaign": campaign.name})[:100],
            "opens_at": now,
            "closes_at": now + datetime.timedelta(days=ROUND_DAYS),
            **{GROUP_PREFIX + kind: 0 for kind in STANDARD_GROUPS},
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, **kwargs)
        schemes = review_schemes()
        self.fields["scheme"].queryset = schemes
        self.group_errors: list[str] = []
        offered = set(STANDARD_GROUPS) | set(
            VoterGroup.objects.filter(scheme__in=schemes).values_list("kind", flat=True).distinct()
        )
        for kind in GroupKind:
            if kind in offered:
                self.fields[GROUP_PREFIX + kind] = forms.IntegerField(
                    label=capfirst(kind.label), min_value=0, required=False,
                    widget=forms.NumberInput(attrs={"class": "form-control", "min": 0, "step": 1}),
                )

    @property
    def group_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(GROUP_PREFIX)]

    @property
    def setting_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith(GROUP_PREFIX)]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A round must close after it opens."))
        return data

    def groups(self) -> dict[str, int]:
        """Voter group kind → ballots expected per organisation, for the groups filled in."""
        return {
            name.removeprefix(GROUP_PREFIX): value for name, value in self.cleaned_data.items()
            if name.startswith(GROUP_PREFIX) and value is not None
        }

    def add_domain_error(self, error: ValidationError) -> None:
        """The domain's errors on the fields they name; those about voter groups above the
        groups' inputs, and the campaign's (not a field here) above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            if field == "groups":
                self.group_errors.extend(message for e in errors for message in e.messages)
            else:
                self.add_error(field if field in self.fields else None, errors)
