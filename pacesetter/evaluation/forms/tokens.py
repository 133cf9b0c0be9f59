"""Which tokens to make, and how to hand them out."""
from __future__ import annotations

import secrets

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.forms import BootstrapFormMixin

from ..domain import MAX_TOKENS
from ..models import RoundGroup, RoundSubject

#: Slips on one printable sheet request: each QR code costs ~5 ms to draw, and 400 slips are 50 pages.
PRINT_MAX = 400


class TokenForm(BootstrapFormMixin, forms.Form):
    """Which tokens to make and how to hand them out. `batch` is drawn when the form is shown
    and refused when it comes back a second time: reloading the sheet must not make new
    tokens, which would revoke the slips just printed."""

    SHEET, CSV = "sheet", "csv"

    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=RoundSubject.objects.none(), required=False,
        empty_label=_("all subjects of the round"),
    )
    group = forms.ModelChoiceField(label=_("Voter group"), queryset=RoundGroup.objects.none(), empty_label=None)
    count = forms.IntegerField(label=_("Tokens per subject"), min_value=1, max_value=MAX_TOKENS)
    output = forms.ChoiceField(
        label=_("Output"), widget=forms.RadioSelect, initial=SHEET,
        choices=[(SHEET, _("printable sheet of slips (8 per A4 page)")), (CSV, _("CSV of ballot URLs, for SMS"))],
    )
    batch = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, *args, subjects: QuerySet[RoundSubject], groups: QuerySet[RoundGroup], **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("batch", secrets.token_hex(8))
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        self.fields["subject"].queryset = subjects
        self.fields["subject"].label_from_instance = _subject_choice_label
        self.fields["group"].queryset = groups
        self.fields["output"].widget.attrs["class"] = "form-check-input"

    def chosen_subjects(self) -> list[RoundSubject]:
        subject = self.cleaned_data["subject"]
        return [subject] if subject is not None else list(self.subjects)

    def clean(self):
        data = super().clean()
        if "count" not in data or "output" not in data:
            return data
        n = data["count"] * (1 if data.get("subject") else self.subjects.count())
        limit = PRINT_MAX if data["output"] == self.SHEET else MAX_TOKENS
        if n > limit:
            self.add_error(
                "count",
                _("That makes %(n)d tokens; at most %(limit)d at a time for this output.") % {"n": n, "limit": limit},
            )
        return data


def _subject_choice_label(subject: RoundSubject) -> str:
    code = subject.member.code if subject.member_id else subject.organization.code
    return f"{code} — {subject.label}"
