"""Forms of the stage pages: GET filters of the dashboard and the township drill-down, and
the forms whose cleaned data each go to one domain function."""
from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from pacesetter.core.uploads import accepted_extensions
from pacesetter.orgs.enums import OrgLevel, Sector
from pacesetter.orgs.forms import BootstrapFormMixin

from . import checks
from .enums import Rag, StageKind

ANY = [("", _("any"))]
ALL = [("", _("all"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Filter(BootstrapFormMixin, forms.Form):
    """A GET form; an invalid one shows nothing rather than everything."""

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "campaign")

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name) or "" if self.is_valid() else ""


class DashboardFilter(_Filter):
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=ALL + list(Sector.choices))
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=ALL + list(StageKind.choices),
                              help_text=_("Count only the tasks of this stage."))

    def __init__(self, data, *, campaigns, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["campaign"].choices = [(str(c.pk), c.name) for c in campaigns]


class TownshipFilter(_Filter):
    campaign = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(widget=forms.HiddenInput, required=False)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=ANY + list(OrgLevel.choices))
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=ANY + list(Sector.choices))
    rag = forms.ChoiceField(label=_("Rating"), required=False, choices=ANY + list(Rag.choices))
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=ALL + list(StageKind.choices),
                              help_text=_("Count only the tasks of this stage."))

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in ("level", "sector", "rag", "stage"))


class StageForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Stage"), choices=StageKind.choices)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["kind"]


class TaskForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    check_kind = forms.ChoiceField(label=_("How it is done"))
    due_on = forms.DateField(label=_("Deadline"), widget=DATE)
    level = forms.ChoiceField(label=_("Only organisations of level"), required=False,
                              choices=ALL + list(OrgLevel.choices))
    sector = forms.ChoiceField(label=_("Only organisations of sector"), required=False,
                               choices=ALL + list(Sector.choices))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check_kind"].choices = checks.choices()


class DoneForm(BootstrapFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(
        label=_("Evidence (optional)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in accepted_extensions())}),
        help_text=_("A photo (JPEG, PNG or WebP) or a document (PDF, Word, Excel)."),
    )


class SendBackForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CopyForm(BootstrapFormMixin, forms.Form):
    source = forms.ChoiceField(label=_("Copy the stages and tasks of"))

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(str(c.pk), c.name) for c in campaigns]
