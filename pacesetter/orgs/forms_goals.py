"""Forms of the county goal pages; the domain functions (goals.py) check what they are given."""
from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .enums import GoalKind
from .forms import BootstrapFormMixin
from .models import Goal

ANY = [("", _("any"))]


class GoalFilter(BootstrapFormMixin, forms.Form):
    """Narrows the tree; a goal found by the text keeps its indentation, so it still reads in place."""

    q = forms.CharField(label=_("Goal"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("name or code")}))
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + GoalKind.choices, required=False)
    state = forms.ChoiceField(label=_("State"), required=False, choices=ANY + [
        ("active", _("in force")), ("inactive", _("out of force"))])

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def apply(self, qs: QuerySet[Goal]) -> QuerySet[Goal]:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if q := (data.get("q") or "").strip():
            qs = qs.filter(Q(code__istartswith=q) | Q(name__icontains=q))
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("state"):
            qs = qs.filter(is_active=data["state"] == "active")
        return qs

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])


class GoalForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32,
                           help_text=_("Short and stable: pages, exports and the API name the goal by it."))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=GoalKind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class GoalChoiceField(forms.ModelChoiceField):
    """Goals as a tree: each indented by its depth."""

    def label_from_instance(self, goal: Goal) -> str:
        return "\u00a0\u00a0\u00a0" * (goal.depth - 1) + f"{goal.name} ({goal.code})"


class GoalMoveForm(BootstrapFormMixin, forms.Form):
    """Where the goal goes: under another goal, or to the top when none is chosen. The goal's
    own subtree is not offered (the domain refuses it as well)."""

    parent = GoalChoiceField(label=_("New place"), queryset=Goal.objects.none(), required=False,
                             empty_label=_("— the top of the framework —"))

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Goal.objects.exclude(path__startswith=goal.path).order_by("path")
