"""Forms of the key-task pages. They read input; the domain functions check it and say what
is wrong, and each refusal is shown on the field it concerns (`show_domain_error`).

Organisations are typed by code and looked up among those the user sees; leaders are
chosen among the leaders the user sees; goals from the county's goal tree.
"""
from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from pacesetter.commitments.forms import MultipleFileField, upload_limits
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField, VisibleOrgsFormMixin
from pacesetter.orgs.models import Goal, Leader, Organization

from . import dashboard
from .domain.tasks import MAX_FILES, MAX_MILESTONES
from .enums import KeyTaskKind, KeyTaskStatus, Schedule
from .models import KeyTask, Milestone

ANY = [("", _("any"))]
DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

#: Domain refusal codes whose field is not named by the code's first word.
ERROR_FIELDS = {
    "dates_order": "planned_end", "dates_required": "planned_start", "period_invalid": "report_every_days",
    "supporting_is_lead": "supporting_units", "too_many_units": "supporting_units",
    "report_future": "reported_on", "report_order": "reported_on", "milestone_unknown": "milestones_done",
    "milestone_done": "milestones_done", "too_many_files": "files", "not_supporting": "party",
    "party_invalid": "party", "already_signed": None,
}


def show_domain_error(form: forms.Form, error: ValidationError) -> None:
    """A domain refusal under the field it concerns, else above the form."""
    code = getattr(error, "code", None) or ""
    field = ERROR_FIELDS.get(code, next((name for name in form.fields if code.startswith(f"{name}_")), None))
    if field is None and code.startswith("file_"):
        field = "files"
    form.add_error(field if field in form.fields else None, ValidationError(error.messages))


class GoalChoiceField(forms.ModelChoiceField):
    """The county's goals as a tree: each indented by its depth."""

    def label_from_instance(self, goal: Goal) -> str:
        return "\u00a0\u00a0\u00a0" * (goal.depth - 1) + goal.name


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, leader: Leader) -> str:
        return f"{leader.name} {leader.title}".strip()


def goals_in_force(current_id: int | None = None) -> QuerySet[Goal]:
    in_force = Q(is_active=True)
    if current_id:
        in_force |= Q(pk=current_id)
    return Goal.objects.filter(in_force).order_by("path")


# --- The lists' filter -------------------------------------------------------------------


class TaskFilter(VisibleOrgsFormMixin, BootstrapFormMixin, forms.Form):
    """A GET form narrowing the tasks a page shows; an invalid filter shows nothing."""

    q = forms.CharField(label=_("Code or title"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + KeyTaskKind.choices, required=False)
    schedule = forms.ChoiceField(label=_("Schedule"), choices=ANY + Schedule.choices, required=False)
    leader = LeaderChoiceField(label=_("Responsible leader"), queryset=Leader.objects.none(), required=False,
                               empty_label=_("any"))
    lead_unit = OrgCodeField(label=_("Lead unit (code)"), required=False)
    goal = GoalChoiceField(label=_("County goal"), queryset=Goal.objects.none(), required=False, empty_label=_("any"))
    late = forms.ChoiceField(label=_("Lateness"), choices=ANY + list(dashboard.LATENESS), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False,
                             choices=[(key, label) for key, (label, _order) in dashboard.SORTS.items()])

    def __init__(self, data, *, tasks: QuerySet[KeyTask], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["leader"].queryset = Leader.objects.filter(pk__in=tasks.values("leader_id")).order_by("name", "pk")
        self.fields["goal"].queryset = Goal.objects.order_by("path")

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "sort")

    def apply(self, tasks: QuerySet[KeyTask], day) -> QuerySet[KeyTask]:
        if not self.is_valid():
            return tasks.none()
        data = {name: value for name, value in self.cleaned_data.items() if name != "sort"}
        return dashboard.filter_tasks(tasks, day, **data)

    @property
    def ordering(self) -> str:
        return (self.is_valid() and self.cleaned_data["sort"]) or dashboard.DEFAULT_SORT

    def querystring(self, **override) -> str:
        values = {name: self.data.get(name) for name in self.fields} | override
        return urlencode([(name, value) for name, value in values.items() if value])


# --- Creating and changing a task --------------------------------------------------------


class OrgCodesField(forms.CharField):
    """Organisations typed as codes separated by spaces, commas or new lines, each looked up
    among the organisations the user sees."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(*args, **kwargs)
        self.queryset: QuerySet[Organization] | None = None

    def clean(self, value):
        text = super().clean(value)
        codes = list(dict.fromkeys(c for c in re.split(r"[\s,，;；、]+", text or "") if c))
        found = {org.code: org for org in self.queryset.filter(code__in=codes)} if codes else {}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError(_("No organisation with the code %(code)s in your view."),
                                  code="unknown_org", params={"code": unknown[0]})
        return [found[c] for c in codes]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(v.code if isinstance(v, Organization) else str(v) for v in value)
        return value


class TaskForm(VisibleOrgsFormMixin, BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("Letters, digits, '-', '_' or '.'; "
                                                                       "it names the task in links and exports."))
    title = forms.CharField(label=pgettext_lazy("name of a task", "Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=KeyTaskKind.choices)
    description = forms.CharField(label=_("Description"), required=False, max_length=8000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    leader = LeaderChoiceField(label=_("Responsible county-level leader"), queryset=Leader.objects.none())
    lead_unit = OrgCodeField(label=_("Lead unit (code)"))
    supporting_units = OrgCodesField(label=_("Supporting units (codes)"),
                                     help_text=_("Codes separated by spaces or commas."))
    goal = GoalChoiceField(label=_("County goal served"), queryset=Goal.objects.none(), required=False,
                           empty_label=_("— none —"))
    budget = forms.DecimalField(label=_("Budget (10,000 yuan)"), required=False, min_value=0, max_digits=12,
                                decimal_places=2)
    planned_start = forms.DateField(label=_("Planned start"), **DATE_WIDGET)
    planned_end = forms.DateField(label=_("Planned end"), **DATE_WIDGET)
    report_every_days = forms.IntegerField(label=_("Report every (days)"), min_value=1, max_value=366, initial=30,
                                           help_text=_("The lead unit reports progress at least this often; "
                                                       "30 is monthly."))

    def __init__(self, *args, leaders: QuerySet[Leader], task: KeyTask | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders.order_by("name", "pk")
        self.fields["supporting_units"].queryset = self.fields["lead_unit"].queryset
        self.fields["goal"].queryset = goals_in_force(task.goal_id if task else None)
        if task is not None:
            del self.fields["code"]

    @staticmethod
    def initial_for(task: KeyTask) -> dict:
        return {
            "title": task.title, "kind": task.kind, "description": task.description, "leader": task.leader_id,
            "lead_unit": task.lead_unit.code, "supporting_units": list(task.supporting_units.order_by("code")),
            "goal": task.goal_id, "budget": task.budget, "planned_start": task.planned_start,
            "planned_end": task.planned_end, "report_every_days": task.report_every_days,
        }


class MilestoneForm(BootstrapFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), **DATE_WIDGET)
    weight = forms.IntegerField(label=_("Weight (%)"), min_value=1, max_value=100)


MilestoneFormSet = forms.formset_factory(
    MilestoneForm, extra=3, can_delete=True, max_num=MAX_MILESTONES, validate_max=True, absolute_max=MAX_MILESTONES
)


def milestone_formset(data=None, *, milestones=(), prefix="m"):
    initial = [{"id": m.pk, "title": m.title, "due_on": m.due_on, "weight": m.weight} for m in milestones]
    return MilestoneFormSet(data, initial=initial or None, prefix=prefix)


def milestone_rows(formset) -> list[dict]:
    """The rows the domain takes, without the blank and the removed ones."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({"id": data.get("id"), "title": data["title"], "due_on": data["due_on"], "weight": data["weight"]})
    return rows


# --- Reports, state and sign-offs --------------------------------------------------------


class MilestoneChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, milestone: Milestone) -> str:
        return f"{milestone.title} ({milestone.due_on:%Y-%m-%d}, {milestone.weight}%)"


class ReportForm(BootstrapFormMixin, forms.Form):
    percent_done = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    narrative = forms.CharField(label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    milestones_done = MilestoneChoiceField(label=_("Milestones reached"), queryset=Milestone.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    files = MultipleFileField(label=_("Evidence: photos and documents"), required=False)
    reported_on = forms.DateField(label=_("Report date"), required=False, help_text=_("Today if left empty."),
                                  **DATE_WIDGET)

    def __init__(self, *args, task: KeyTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestones_done"].queryset = task.milestones.filter(done_on__isnull=True).order_by("due_on", "pk")
        self.fields["milestones_done"].widget.attrs["class"] = "form-check-input"
        limits = upload_limits() | {"max_files": MAX_FILES}
        self.fields["files"].widget.attrs["accept"] = limits["accept"]
        self.fields["files"].help_text = _(
            "Up to %(max_files)d files, each at most %(max_size)s. Photos: %(photos)s. Documents: %(documents)s."
        ) % limits


class StatusForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New state"))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, task: KeyTask, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {KeyTaskStatus.COMPLETED: _("completed"), KeyTaskStatus.SUSPENDED: _("suspended"),
                  KeyTaskStatus.ACTIVE: _("in progress again")}
        self.fields["status"].choices = [(s.value, labels[s]) for s in KeyTaskStatus if s != task.status]


class SignOffForm(BootstrapFormMixin, forms.Form):
    """Who signs: one of `parties`, (value, label) pairs of what the user may sign for;
    a supporting unit's value is "unit:<code>"."""

    party = forms.ChoiceField(label=_("Sign for"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, parties: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = parties
        self.fields["party"].widget.attrs["class"] = "form-check-input"
        if len(parties) == 1:
            self.fields["party"].initial = parties[0][0]


class ReportSignForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
