"""Forms of the staff's feedback moderation: the list's filter and the moderation buttons."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.filters import ANY, ListFilter
from pacesetter.orgs.forms import BootstrapFormMixin
from pacesetter.orgs.queries import subtree_q

from .enums import FeedbackKind, FeedbackStatus


class FeedbackFilter(ListFilter):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + FeedbackStatus.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + FeedbackKind.choices, required=False)
    org = forms.CharField(
        label=_("Organisation code"), required=False, max_length=32,
        widget=forms.TextInput(attrs={"placeholder": _("sub-organisations included")}),
    )

    def clean_org(self):
        return self._org(self.cleaned_data.get("org"))

    def narrow(self, qs, data):
        if data.get("org"):
            qs = qs.filter(subtree_q(data["org"].path, "commitment__organization__path"))
        for field in ("status", "kind"):
            if data.get(field):
                qs = qs.filter(**{field: data[field]})
        return qs


class ModerationForm(BootstrapFormMixin, forms.Form):
    """Show (with an optional public reply) or keep off the page (with a reason);
    `domain.moderate_feedback` checks the rest."""

    SHOW, REJECT = "show", "reject"

    action = forms.ChoiceField(choices=[(SHOW, _("Show")), (REJECT, _("Do not show"))], widget=forms.HiddenInput)
    reply = forms.CharField(label=_("Public reply (optional)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("Reason for not showing"), required=False)
