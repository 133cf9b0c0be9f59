"""A round's settings with its grading rules (分类定级), the list's filter, the confirmation
box of the state buttons."""
from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.models import Campaign
from pacesetter.orgs.forms import BootstrapFormMixin

from ..enums import Grade, RoundKind, RoundState, SchemeStatus
from ..models import Round, Scheme
from ..validators import DEFAULT_GRADING
from .common import ANY, Filter


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class RoundForm(BootstrapFormMixin, forms.Form):
    """A draft round's settings with its grading rules (分类定级), prefilled with the defaults."""

    name = forms.CharField(label=_("Name"), max_length=100)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.order_by("-year", "-starts_on", "-id"), required=False,
        empty_label=_("none"),
        help_text=_("A commitment review names the campaign whose commitments it reviews; other rounds may name "
                    "the campaign they belong to."),
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=_DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=_DateTimeInput())
    allow_open_channel = forms.BooleanField(
        label=_("Allow open survey ballots (QR poster, no token)"), required=False,
    )
    min_n = forms.IntegerField(
        label=_("Minimum ballots per subject"), min_value=1, initial=5,
        help_text=_("Subjects with fewer ballots are marked “insufficient sample” and not ranked."),
    )
    dissatisfied_flag_share = forms.DecimalField(
        label=_("Dissatisfied share that flags a subject"), min_value=Decimal("0.001"), max_value=Decimal("1"),
        max_digits=4, decimal_places=3, initial=Decimal("0.333"),
        help_text=_("A share from 0 to 1: 0.333 flags a subject when a third of the answers are “dissatisfied”."),
    )
    advanced_min = forms.FloatField(
        label=_("Advanced: lowest score"), min_value=0, max_value=100, initial=DEFAULT_GRADING["advanced_min"],
    )
    good_min = forms.FloatField(
        label=_("Good: lowest score"), min_value=0, max_value=100, initial=DEFAULT_GRADING["good_min"],
    )
    fair_min = forms.FloatField(
        label=_("Fair: lowest score (below it: lagging)"), min_value=0, max_value=100,
        initial=DEFAULT_GRADING["fair_min"],
    )
    advanced_top_share = forms.FloatField(
        label=_("Advanced: at most this top share of the peer group"), min_value=0, max_value=1,
        initial=DEFAULT_GRADING["advanced_top_share"],
    )
    lagging_bottom_share = forms.FloatField(
        label=_("Lagging: this bottom share of the peer group"), min_value=0, max_value=1,
        initial=DEFAULT_GRADING["lagging_bottom_share"],
    )
    flag_caps_at = forms.ChoiceField(
        label=_("Best grade of a subject flagged for dissatisfaction"), choices=Grade.choices,
        initial=DEFAULT_GRADING["flag_caps_at"],
    )

    GRADING_FIELDS = tuple(DEFAULT_GRADING)
    SETTINGS_FIELDS = (
        "name", "campaign", "opens_at", "closes_at", "allow_open_channel", "min_n", "dissatisfied_flag_share",
    )

    @classmethod
    def initial_for(cls, round_: Round) -> dict:
        initial = {name: getattr(round_, name) for name in cls.SETTINGS_FIELDS}
        return initial | DEFAULT_GRADING | (round_.grading or {})

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A round must close after it opens."))
        scores = [data.get(name) for name in ("advanced_min", "good_min", "fair_min")]
        if None not in scores and not scores[0] >= scores[1] >= scores[2]:
            self.add_error("good_min", _("The lowest scores must run advanced ≥ good ≥ fair."))
        return data

    def settings(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SETTINGS_FIELDS}

    def grading(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.GRADING_FIELDS}


class RoundCreateForm(RoundForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=RoundKind.choices)
    scheme = forms.ModelChoiceField(
        label=_("Scheme"), queryset=Scheme.objects.filter(status=SchemeStatus.ACTIVE).order_by("name", "id"),
        help_text=_("Only active schemes can be used."),
    )

    field_order = ["name", "kind", "scheme", "campaign"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        now = timezone.localtime().replace(second=0, microsecond=0)
        kwargs["initial"].setdefault("opens_at", now)
        kwargs["initial"].setdefault("closes_at", now + datetime.timedelta(days=7))
        super().__init__(*args, **kwargs)

    def settings(self) -> dict:
        return super().settings() | {"kind": self.cleaned_data["kind"], "scheme": self.cleaned_data["scheme"]}


class RoundFilter(Filter):
    state = forms.ChoiceField(label=_("State"), choices=ANY + RoundState.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + RoundKind.choices, required=False)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
