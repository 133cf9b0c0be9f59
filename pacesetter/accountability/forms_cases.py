"""Forms of the escalation ladder, supervision notices and accountability cases. They read
input; the domain functions (domain/cases.py) check it and refuse with a message, which the
pages show on the form."""
from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pacesetter.evaluation.forms.common import Filter
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField

from .domain.cases import MAX_STEPS
from .enums import (
    SANCTION_POINTS,
    CaseSource,
    CaseStatus,
    EscalationAction,
    NoticeStatus,
    Sanction,
)
from .models import KeyTask

ANY = [("", _("any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Filter(Filter):
    @staticmethod
    def unit_q(text: str) -> Q:
        return Q(organization__code__istartswith=text) | Q(organization__name__icontains=text)


# --- The escalation ladder ------------------------------------------------------------------


class LadderStepForm(BootstrapFormMixin, forms.Form):
    """One rung; a row left empty is no rung."""

    days_late = forms.IntegerField(label=_("Days late"), required=False, min_value=1, max_value=365)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", "—")] + EscalationAction.choices)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if bool(data.get("days_late")) != bool(data.get("action")):
            raise forms.ValidationError(_("Give both the days late and the action, or leave the row empty."))
        return data


class _LadderFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        return [{"days_late": f.cleaned_data["days_late"], "action": f.cleaned_data["action"]}
                for f in self.forms if f.cleaned_data.get("days_late")]


LadderFormSet = forms.formset_factory(
    LadderStepForm, formset=_LadderFormSet, extra=0, max_num=MAX_STEPS, absolute_max=MAX_STEPS, validate_max=True,
)


def ladder_formset(steps, data=None) -> _LadderFormSet:
    """The steps in force, then empty rows up to MAX_STEPS for new rungs."""
    initial = [{"days_late": s.days_late, "action": s.action} for s in steps]
    initial += [{}] * (MAX_STEPS - len(initial))
    return LadderFormSet(data, initial=initial, prefix="steps")


# --- Supervision notices --------------------------------------------------------------------


class NoticeFilter(_Filter):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + NoticeStatus.choices, required=False)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=100,
                           widget=forms.TextInput(attrs={"placeholder": _("name or code")}))
    task = forms.CharField(label=_("Key task (code)"), required=False, max_length=32)
    overdue = forms.BooleanField(label=_("Answer overdue"), required=False)

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("status"):
            qs = qs.filter(status=data["status"])
        if unit := data.get("unit", "").strip():
            qs = qs.filter(self.unit_q(unit))
        if task := data.get("task", "").strip():
            qs = qs.filter(task__code__iexact=task)
        if data.get("overdue"):
            qs = qs.filter(status=NoticeStatus.ISSUED, respond_by__lt=timezone.localdate())
        return qs


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, task: KeyTask) -> str:
        return f"{task.code} {task.title}"


class NoticeForm(BootstrapFormMixin, forms.Form):
    task = TaskChoiceField(label=_("Key task"), queryset=KeyTask.objects.none(), to_field_name="code",
                           help_text=_("The notice goes to its lead unit and its responsible leader."))
    text = forms.CharField(label=_("What must be done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    respond_by = forms.DateField(label=_("Answer by"), required=False, widget=DATE,
                                 help_text=_("Leave empty for seven days from today."))

    def __init__(self, *args, tasks: QuerySet[KeyTask], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks.order_by("code")


class AnswerForm(BootstrapFormMixin, forms.Form):
    response = forms.CharField(label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("What the unit has done or will do, and by when."))


# --- Accountability cases -------------------------------------------------------------------


class CaseFilter(_Filter):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + CaseStatus.choices, required=False)
    source = forms.ChoiceField(label=_("Opened by"), choices=ANY + CaseSource.choices, required=False)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=100,
                           widget=forms.TextInput(attrs={"placeholder": _("name or code")}))

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("status"):
            qs = qs.filter(status=data["status"])
        if data.get("source"):
            qs = qs.filter(source=data["source"])
        if unit := data.get("unit", "").strip():
            qs = qs.filter(self.unit_q(unit))
        return qs


class CaseForm(BootstrapFormMixin, forms.Form):
    """A case against a unit, or against a key task's lead unit when only the task is named."""

    organization = OrgCodeField(label=_("Unit (code)"), required=False,
                                help_text=_("Leave empty to hold the key task's lead unit to account."))
    task = TaskChoiceField(label=_("Key task"), queryset=KeyTask.objects.none(), to_field_name="code",
                           required=False, empty_label=_("— none —"))
    findings = forms.CharField(label=_("Findings"), required=False, max_length=8000,
                               widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, organizations, tasks: QuerySet[KeyTask], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["task"].queryset = tasks.order_by("code")


class FindingsForm(BootstrapFormMixin, forms.Form):
    findings = forms.CharField(label=_("Findings"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))


def _points_help() -> str:
    return "; ".join(f"{Sanction(kind).label}: {points}" for kind, points in SANCTION_POINTS.items())


class SanctionForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=Sanction.choices)
    points = forms.IntegerField(
        label=_("Deduction (points)"), required=False, min_value=0, max_value=100,
        help_text=_("Leave empty for the measures' points for the sanction."),
    )
    person = forms.CharField(label=_("Person concerned"), required=False, max_length=50)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, so the help reads in the request's language.
        self.fields["points"].help_text = _("Leave empty for the measures' points: %(points)s.") % {
            "points": _points_help()}


class ResponseForm(BootstrapFormMixin, forms.Form):
    response = forms.CharField(label=_("Unit's response"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("The explanation and what was put right; it can be revised until the "
                                           "case is closed."))


class DecisionForm(BootstrapFormMixin, forms.Form):
    decision = forms.CharField(label=_("Closing decision"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Once closed, nothing in the case changes and its sanctions count "
                                           "against the unit in evaluation."))
