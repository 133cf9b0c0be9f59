"""Forms of the public notice board: its filter, and the public's feedback form.

The feedback form checks only what the browser sent (a choice from the page, lengths of
the optional fields); `domain.submit_feedback` decides everything else, and its messages
are shown on the form.
"""
from __future__ import annotations

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.models import Campaign
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import BootstrapFormMixin

from .board import MAX_TERM_LENGTH, MAX_TERMS
from .enums import FeedbackKind
from .models import Commitment

ANY = [("", _("any"))]
#: The township filter's value for organisations without a township (county level).
NO_TOWNSHIP = "-"
#: The honeypot's name: a field robots like to fill, hidden from people (commitments/public.css).
HONEYPOT = "homepage"


class BoardFilter(BootstrapFormMixin, forms.Form):
    """The board's campaign, township, sector and search, read from the query string."""

    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    township = forms.ChoiceField(label=_("Township"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_TERMS * (MAX_TERM_LENGTH + 1),
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("commitment, target or name")}))

    def __init__(self, data, *, campaigns: list[Campaign], townships: list[str], no_township_label: str):
        super().__init__(data)
        # The choices come from the page's list: no query when the form validates.
        self.fields["campaign"].choices = [(str(c.pk), str(c)) for c in campaigns]
        self._campaigns = {str(c.pk): c for c in campaigns}
        choices = [(t, t) for t in townships if t]
        if "" in townships:
            choices.append((NO_TOWNSHIP, no_township_label))
        self.fields["township"].choices = ANY + choices

    def clean_campaign(self) -> Campaign | None:
        return self._campaigns.get(self.cleaned_data["campaign"])

    @property
    def is_active(self) -> bool:
        """Whether a filter other than the campaign is filled in."""
        return any(self.data.get(name) for name in ("township", "sector", "q"))

    def township_value(self) -> str | None:
        """None: any township; "": organisations without one."""
        value = self.cleaned_data.get("township") or ""
        if not value:
            return None
        return "" if value == NO_TOWNSHIP else value

    def querystring(self, *, without: tuple[str, ...] = ()) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields
                          if name not in without and self.data.get(name)])


def _about_choices(pledges: list[Commitment]) -> list:
    """The pledges and their items as grouped choices: "c<id>" a whole pledge, "i<id>" an item."""
    groups = []
    for pledge in pledges:
        options = [(f"c{pledge.pk}", _("The commitment as a whole"))]
        options += [(f"i{item.pk}", f"{item.order}. {item.content[:60]}") for item in pledge.public_items]
        groups.append((pledge.owner_name, options))
    return groups


class FeedbackForm(BootstrapFormMixin, forms.Form):
    """Feedback or an objection from the public; `about` is left out on an item's page."""

    about = forms.ChoiceField(label=_("About"))
    kind = forms.ChoiceField(label=_("Kind"), choices=FeedbackKind.choices, initial=FeedbackKind.FEEDBACK)
    text = forms.CharField(
        label=_("Your feedback"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        help_text=_("At most 1,000 characters. It is shown on this page once a moderator has read it."),
    )
    name = forms.CharField(label=_("Your name (optional, shown)"), required=False, max_length=50)
    contact = forms.CharField(
        label=_("Phone or e-mail (optional, never shown)"), required=False, max_length=100,
        help_text=_("Only the organisation's admins see it, to answer you."),
    )

    def __init__(self, *args, pledges: list[Commitment] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if pledges is None:
            del self.fields["about"]
        else:
            self.fields["about"].choices = _about_choices(pledges)
            self._pledges = {p.pk: p for p in pledges}
            self._items = {item.pk: (p, item) for p in pledges for item in p.public_items}

    def clean_about(self) -> tuple:
        """(pledge, item or None) for the value chosen."""
        value = self.cleaned_data["about"]
        kind, pk = value[:1], int(value[1:])
        if kind == "c":
            return self._pledges[pk], None
        return self._items[pk]
