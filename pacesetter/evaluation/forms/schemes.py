"""The scheme form: name and sector, indicator rows and voter-group rows (formsets that work
without JavaScript). Errors are also gathered into one list naming the row and the field
("Indicator 3, weight (%): …"), so a long form says where to look."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import BootstrapFormMixin

from ..enums import SCALE_OPTIONS, GroupKind, IndicatorSource, Scale, SchemeKind, SchemeStatus
from ..models import Scheme
from ..validators import effective_points, validate_points, weight_problem
from .common import ANY, BLANK, CODE_SPLIT, Filter


class SchemeForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("any sector"))] + Sector.choices, required=False,
        help_text=_("The sector whose organisations this scheme is meant for."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SchemeKind.choices, required=False, initial=SchemeKind.GENERAL,
        help_text=_("A commitment-review scheme serves the reviews of public commitments (评诺) and may weigh "
                    "figures from records: the fulfilment rate and the superior organisation's judgement."),
    )

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or SchemeKind.GENERAL


class _SourceField(forms.ChoiceField):
    """Left out (a form of before record indicators) or chosen, "ballot" is the same: a blank
    row stays blank either way."""

    def has_changed(self, initial, data) -> bool:
        return (initial or IndicatorSource.BALLOT) != (data or IndicatorSource.BALLOT)


class IndicatorForm(BootstrapFormMixin, forms.Form):
    question = forms.CharField(label=_("question"), max_length=300)
    source = _SourceField(
        label=_("source"), choices=IndicatorSource.choices, required=False, initial=IndicatorSource.BALLOT,
        help_text=_("Ballots answer the question, or its figure (0–100) is read from a record when the round is "
                    "counted."),
    )
    scale = forms.ChoiceField(label=_("scale"), choices=BLANK + Scale.choices, required=False)
    points = forms.CharField(
        label=_("points per option"), required=False, max_length=60,
        help_text=_("Optional, best option first, e.g. 100,80,60,40; empty for the usual points."),
    )
    weight = forms.IntegerField(label=_("weight (%)"), min_value=1, max_value=100)

    def clean_points(self) -> list[int]:
        text = self.cleaned_data["points"].strip()
        if not text:
            return []
        try:
            return [int(part) for part in CODE_SPLIT.split(text) if part]
        except ValueError:
            raise ValidationError(_("Write whole numbers separated by commas, e.g. 100,80,60,40."), code="points")

    def clean_source(self) -> str:
        return self.cleaned_data["source"] or IndicatorSource.BALLOT

    def clean(self):
        data = super().clean()
        if data.get("source", IndicatorSource.BALLOT) != IndicatorSource.BALLOT:
            if data.get("scale") not in ("", Scale.SCORE100, None):
                self.add_error("scale", _("A figure from a record has no answer scale; leave it empty."))
            if data.get("points"):
                self.add_error("points", _("A figure from a record has no points; leave them empty."))
            return data
        if not data.get("scale"):
            if "scale" not in self.errors:
                self.add_error("scale", ValidationError(_("Choose the answer scale."), code="required"))
        elif "points" in data:
            try:
                validate_points(data["scale"], data["points"])
            except ValidationError as error:
                self.add_error("points", error)
        return data


class VoterGroupForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("voter group"), choices=BLANK + GroupKind.choices)
    weight = forms.IntegerField(label=_("weight (%)"), min_value=1, max_value=100)


class _RowsFormSet(forms.BaseFormSet):
    """Rows left empty are skipped; the weights of the rows kept must total 100."""

    what = ""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def deleted(self, form: forms.Form) -> bool:
        return self.can_delete and self._should_delete_form(form)

    def kept(self) -> list[forms.Form]:
        """Rows shown filled in (saved ones, or blank ones typed into) and not ticked for removal."""
        return [
            form for n, form in enumerate(self.forms)
            if (n < self.initial_form_count() or form.has_changed()) and not self.deleted(form)
        ]

    def clean(self):
        if any(form.errors for form in self.kept()):
            return
        problem = weight_problem((form.cleaned_data["weight"] for form in self.kept()), str(self.what))
        if problem:
            raise ValidationError(problem, code="weights")


class _IndicatorFormSet(_RowsFormSet):
    what = _("indicators")

    def rows(self) -> list[dict]:
        return [
            {key: form.cleaned_data[key] for key in ("question", "source", "scale", "points", "weight")}
            for form in self.kept()
        ]


class _GroupFormSet(_RowsFormSet):
    what = _("voter groups")

    def clean(self):
        seen: dict[str, int] = {}
        kept = self.kept()
        for n, form in enumerate(self.forms, start=1):
            if form in kept and not form.errors:
                kind = form.cleaned_data["kind"]
                if kind in seen:
                    message = _("%(group)s is already row %(row)d.")
                    form.add_error("kind", message % {"group": GroupKind(kind).label, "row": seen[kind]})
                seen.setdefault(kind, n)
        super().clean()

    def rows(self) -> list[dict]:
        return [{"kind": form.cleaned_data["kind"], "weight": form.cleaned_data["weight"]} for form in self.kept()]


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=_IndicatorFormSet, extra=3, can_delete=True)
VoterGroupFormSet = forms.formset_factory(
    VoterGroupForm, formset=_GroupFormSet, extra=2, can_delete=True, max_num=len(GroupKind.values),
)


def scheme_formsets(data=None, scheme: Scheme | None = None):
    """The scheme form and its two formsets, bound to `data` or filled from `scheme`.

    Blank rows are there to be filled in without JavaScript (setup.js adds more): six
    indicators and three voter groups for a new scheme, two more of each for an edit.
    """
    if scheme is None:
        form = SchemeForm(data)
        indicators = IndicatorFormSet(data, prefix="indicators")
        groups = VoterGroupFormSet(data, prefix="groups")
        indicators.extra, groups.extra = 6, 3
    else:
        form = SchemeForm(data, initial={"name": scheme.name, "sector": scheme.sector, "kind": scheme.kind})
        indicators = IndicatorFormSet(
            data, prefix="indicators",
            initial=[
                {"question": i.question, "source": i.source,
                 "scale": i.scale if i.source == IndicatorSource.BALLOT else "",
                 "points": ",".join(map(str, i.points)), "weight": i.weight}
                for i in scheme.indicators.all()
            ],
        )
        groups = VoterGroupFormSet(
            data, prefix="groups", initial=[{"kind": g.kind, "weight": g.weight} for g in scheme.groups.all()]
        )
        indicators.extra = groups.extra = 2
    return form, indicators, groups


def row_errors(formset: forms.BaseFormSet, row_label) -> list[str]:
    """Every error of a formset as "<row label> <n>, <field>: <message>", rows counted as shown."""
    if not formset.is_bound:
        return []
    found = [str(error) for error in formset.non_form_errors()]
    for n, form in enumerate(formset.forms, start=1):
        if formset.deleted(form):
            continue
        for name, errors in form.errors.items():
            field = form.fields[name].label if name in form.fields else ""
            for error in errors:
                values = {"row": row_label, "n": n, "field": field, "error": error}
                if field:
                    found.append(gettext("%(row)s %(n)d, %(field)s: %(error)s") % values)
                else:
                    found.append(gettext("%(row)s %(n)d: %(error)s") % values)
    return found


class SchemeFilter(Filter):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + SchemeStatus.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + SchemeKind.choices, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)


def option_points_text(scale: str, points: list[int]) -> str:
    """Options with their points, for a scheme's page: "excellent 100 · good 80 · …"."""
    if scale == Scale.SCORE100:
        return str(_("the score itself (0–100)"))
    labels = SCALE_OPTIONS[Scale(scale)]
    return " · ".join(f"{label} {value}" for label, value in zip(labels, effective_points(scale, points), strict=True))
