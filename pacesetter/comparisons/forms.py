"""Filters of the comparison pages, read from the query string (GET forms): the round among
the user's released rounds, and sector, level and township where they narrow the units."""
from __future__ import annotations

from django import forms
from django.utils.http import urlencode
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pacesetter.evaluation.enums import RoundKind
from pacesetter.orgs.enums import OrgLevel, Sector
from pacesetter.orgs.forms import BootstrapFormMixin

ANY = [("", _("any"))]
GROUPINGS = [("township", _("township")), ("sector", _("sector"))]


class CompareFilter(BootstrapFormMixin, forms.Form):
    """A filter whose `round` choices are the rounds given (newest first); an empty round
    means the newest one. An invalid value shows its error and the page shows nothing."""

    round = forms.TypedChoiceField(label=_("Round"), coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, rounds=()):
        super().__init__(data)
        self.rounds = {r.pk: r for r in rounds}
        if "round" in self.fields:
            self.fields["round"].choices = [("", _("newest"))] + [(r.pk, r.name) for r in rounds]

    def chosen_round(self):
        """The round asked for, else the newest; None if the form is invalid or there is none."""
        if not self.is_valid():
            return None
        wanted = self.cleaned_data.get("round")
        if wanted is None:
            return next(iter(self.rounds.values()), None)
        return self.rounds.get(wanted)

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def value(self, name: str) -> str:
        return (self.is_valid() and self.cleaned_data.get(name)) or ""

    def querystring(self, **override) -> str:
        values = {name: self.data.get(name) for name in self.fields} | override
        return urlencode([(name, value) for name, value in values.items() if value])


class HistoryFilter(CompareFilter):
    kind = forms.ChoiceField(label=_("Kind of round"), choices=ANY + RoundKind.choices, required=False)

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        del self.fields["round"]


class PeerFilter(CompareFilter):
    pass


class WithinFilter(CompareFilter):
    level = forms.ChoiceField(
        label=_("Units"), required=False,
        choices=[("", _("direct subordinates"))] + [(v, format_lazy(_("every {level} below"), level=label))
                                                    for v, label in OrgLevel.choices],
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    township = forms.CharField(label=_("Township"), max_length=50, required=False)


class OutsideFilter(CompareFilter):
    by = forms.ChoiceField(label=_("Compare by"), choices=GROUPINGS, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=ANY + OrgLevel.choices, required=False)
    township = forms.CharField(label=_("Township"), max_length=50, required=False)
    focus = forms.CharField(label=_("Mark"), max_length=50, required=False,
                            help_text=_("The township or sector to set against the others."))

    @property
    def grouping(self) -> str:
        return self.value("by") or "township"


class FindOrganization(CompareFilter):
    """The landing page's search, with the round the comparison links then open."""

    q = forms.CharField(label=_("Organisation name or code"), max_length=100, required=False)
