"""Forms of the registry pages; each hands its cleaned data to one domain function.
Organisations and members are typed in by their codes and found inside the user's view."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pacesetter.evaluation.forms.common import ANY, Filter
from pacesetter.orgs.forms import BootstrapFormMixin

from . import queries
from .enums import EntityKind, Industry, PartyStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PLAN_CHOICES = [("open", _("open plan")), ("overdue", _("overdue plan")), ("none", _("uncovered without a plan"))]


class EntityFilter(Filter):
    """Narrows the list; an invalid filter shows an empty list."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=ANY + EntityKind.choices)
    industry = forms.ChoiceField(label=_("Industry"), required=False, choices=ANY + Industry.choices)
    township = forms.TypedChoiceField(label=_("Township"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Party organisation"), required=False, choices=ANY + PartyStatus.choices)
    plan = forms.ChoiceField(label=_("Establishing plan"), required=False, choices=ANY + PLAN_CHOICES)
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("name or credit code")}))

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["township"].choices = ANY + [(t.pk, t.township) for t in queries.townships().only(
            "pk", "township")]

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        for name in ("kind", "industry", "status"):
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        if data.get("township"):
            qs = qs.filter(township_id=data["township"])
        plan = data.get("plan")
        if plan == "open":
            qs = queries.with_open_plan(qs)
        elif plan == "overdue":
            qs = queries.with_open_plan(qs, overdue_on=timezone.localdate())
        elif plan == "none":
            qs = qs.filter(status=PartyStatus.NONE).exclude(pk__in=queries.with_open_plan(qs).values("pk"))
        return queries.search(qs, data.get("q") or "")


class CodeLookupMixin:
    """Fields named in `lookups` hold codes; clean() turns them into objects of the querysets
    the view gives (the user's organisations and members), or an error under the field."""

    lookups: dict[str, str] = {}

    def __init__(self, *args, organizations: QuerySet, members: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = {"organization": organizations, "member": members}

    def clean(self):
        data = super().clean()
        for name, source in self.lookups.items():
            code = (data.get(name) or "").strip()
            if not code:
                data[name] = None
                continue
            found = self.sources[source].filter(code=code).first()
            if found is None:
                self.add_error(name, ValidationError(_("No one with the code %(code)s in your view.")
                                                     % {"code": code}, code="unknown"))
            data[name] = found
        return data


class EntityForm(CodeLookupMixin, BootstrapFormMixin, forms.Form):
    lookups = {"instructor": "member"}

    kind = forms.ChoiceField(label=_("Kind"), choices=EntityKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=30,
                                  help_text=_("18 characters (统一社会信用代码); the last is a check character."))
    industry = forms.ChoiceField(label=_("Industry"), choices=Industry.choices)
    township = forms.ModelChoiceField(label=_("Township"), queryset=queries.townships())
    employees = forms.IntegerField(label=_("Employees"), min_value=0, max_value=1_000_000)
    party_members = forms.IntegerField(label=_("Party members among them"), min_value=0, max_value=1_000_000)
    instructor = forms.CharField(label=_("Party-building instructor (member code)"), max_length=32, required=False,
                                 help_text=_("For an entity without a party organisation only."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].label_from_instance = lambda org: org.township


class RegisterForm(EntityForm):
    lookups = {"instructor": "member", "covering": "organization"}

    status = forms.ChoiceField(label=_("Party organisation"), choices=PartyStatus.choices)
    covering = forms.CharField(label=_("Covering organisation (code)"), max_length=32, required=False,
                               help_text=_("The entity's own party organisation or its joint branch."))
    registered_on = forms.DateField(label=_("Registered on"), widget=DATE, initial=timezone.localdate,
                                    help_text=_("From this day the entity counts in the coverage figures."))


class StatusForm(CodeLookupMixin, BootstrapFormMixin, forms.Form):
    lookups = {"covering": "organization"}

    status = forms.ChoiceField(label=_("Party organisation"), choices=PartyStatus.choices)
    covering = forms.CharField(label=_("Covering organisation (code)"), max_length=32, required=False)
    on = forms.DateField(label=_("Date of the change"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class PlanForm(CodeLookupMixin, BootstrapFormMixin, forms.Form):
    lookups = {"instructor": "member"}

    target_date = forms.DateField(label=_("Target date"), widget=DATE)
    instructor = forms.CharField(label=_("Responsible instructor (member code)"), max_length=32)
    steps = forms.CharField(label=_("Steps"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class CheckForm(BootstrapFormMixin, forms.Form):
    met = forms.BooleanField(label=_("Met"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    evidence = forms.FileField(label=_("Evidence (photo or document)"), required=False)


class ItemForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("New checklist item"), max_length=100)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=100)


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("File (.xlsx, .xls, .et or .csv)"))
