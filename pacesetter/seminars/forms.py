"""Forms of the seminar pages; each hands its cleaned data to one domain function."""
from __future__ import annotations

import re

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pacesetter.core.rubric import CriteriaField
from pacesetter.core.uploads import DOCUMENT, accepted_extensions
from pacesetter.evaluation.forms.common import Filter
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField
from pacesetter.orgs.models import Member

from .enums import Award, SeminarState, SubmissionStatus
from .models import Seminar

ANY = [("", _("any"))]
DEFAULT_RUBRIC = "思想性 30\n创新性 25\n实践性 30\n文字表达 15"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DOCUMENT_ACCEPT = ",".join(f".{ext}" for ext in accepted_extensions((DOCUMENT,)))

#: Reviewers open the file itself: its text must not name the author, and the old binary formats keep
#: their properties (core.docmeta rewrites those of PDF, .docx/.xlsx/.pptx and OFD files).
BLIND_FILE_HELP = _(
    "Reviews are blind: leave the author's name and organisation out of the text. The author is taken out of the "
    "properties of PDF, .docx and OFD files; a .doc or .wps file keeps them, so save it as PDF or .docx first."
)


class SeminarFilter(Filter):
    state = forms.ChoiceField(label=_("State"), choices=ANY + SeminarState.choices, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("title or theme")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        if state := self.cleaned_data.get("state"):
            qs = qs.filter(state=state)
        if text := self.cleaned_data.get("q", "").strip():
            qs = qs.filter(Q(title__icontains=text) | Q(theme__icontains=text))
        return qs


class PaperFilter(Filter):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + SubmissionStatus.choices, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("title or author")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        if status := self.cleaned_data.get("status"):
            qs = qs.filter(status=status)
        if text := self.cleaned_data.get("q", "").strip():
            qs = qs.filter(Q(title__icontains=text) | Q(author_name__icontains=text))
        return qs


class ReviewFilter(Filter):
    scored = forms.ChoiceField(label=_("Scored"), required=False,
                               choices=ANY + [("yes", _("scored")), ("no", _("not yet scored"))])

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        if scored := self.cleaned_data.get("scored"):
            qs = qs.filter(submitted_at__isnull=scored == "no")
        return qs


class SeminarForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.CharField(label=_("Theme"), max_length=200)
    call_text = forms.CharField(label=_("Call for papers"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    opens_on = forms.DateField(label=_("Submissions open on"), widget=DATE)
    closes_on = forms.DateField(label=_("Submissions close on"), widget=DATE)
    reviews_due = forms.DateField(label=_("Reviews due by"), widget=DATE)
    rubric = CriteriaField(label=_("Rubric"), initial=DEFAULT_RUBRIC)


class PaperForm(BootstrapFormMixin, forms.Form):
    """A new paper: for an organisation (by code) and its author, a member (by code) or a name."""

    organization = OrgCodeField(label=_("Organisation (code)"))
    member = forms.CharField(label=_("Author's member code"), required=False, max_length=32,
                             help_text=_("Leave empty and type the author's name for someone without one."))
    author_name = forms.CharField(label=_("Author"), required=False, max_length=100)
    title = forms.CharField(label=_("Title"), max_length=200)
    abstract = forms.CharField(label=_("Abstract"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.FileField(label=_("Paper (PDF, Word, WPS or OFD)"), help_text=BLIND_FILE_HELP,
                               widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}))

    def __init__(self, *args, organizations, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.members = members

    def clean_member(self) -> Member | None:
        code = self.cleaned_data["member"].strip()
        if not code:
            return None
        member = self.members.filter(code=code).select_related("organization").first()
        if member is None:
            raise forms.ValidationError(_("No member with this code in your organisations."))
        return member


class PaperEditForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    abstract = forms.CharField(label=_("Abstract"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.FileField(label=_("New file (leave empty to keep the current one)"), required=False,
                               help_text=BLIND_FILE_HELP, widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}))


def _usernames(text: str) -> list[str]:
    return [name for name in re.split(r"[\s,，、]+", text) if name]


class AssignForm(BootstrapFormMixin, forms.Form):
    reviewers = forms.CharField(label=_("Reviewers (user names)"), max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("Separated by spaces, commas or new lines; taken in turn."))
    per_paper = forms.IntegerField(label=_("Reviewers per paper"), min_value=1, max_value=5, initial=2)

    def clean_reviewers(self) -> list[str]:
        return _usernames(self.cleaned_data["reviewers"])


class ReviewerForm(BootstrapFormMixin, forms.Form):
    username = forms.CharField(label=_("Reviewer (user name)"), max_length=150)


class PublishForm(BootstrapFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for award, label in Award.choices:
            self.fields[award] = forms.IntegerField(label=label, min_value=0, max_value=1000, initial=0)


class ReviewForm(BootstrapFormMixin, forms.Form):
    """A field per criterion of the rubric, 0 to its maximum, and the comment."""

    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, seminar: Seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(seminar.criteria.order_by("position"))
        comment = self.fields.pop("comment")
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_points})", min_value=0, max_value=criterion.max_points)
        self.fields["comment"] = comment

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}
