"""Result pages of a released round: the ranking, one subject's figures, the .xlsx export.

They read the stored tally (TallyResult, SubjectResult, SubjectCells), never ballots. A
round outside the user's view is 404; before release the county admin, who runs the
count, is told the results are not released yet (403) and everyone else gets 404, so a
round's state says nothing to those who cannot act on it. Within released results a
subject outside the user's view is 404 like a missing one.
"""
from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import BootstrapFormMixin

from .. import results
from ..enums import Grade
from ..queries import rounds_visible_to
from ..ranking import peer_group_label
from ..rules import can_manage_rounds
from .results_xlsx import results_xlsx

PER_PAGE = 50
ANY = [("", _("any"))]
FLAGS = [("insufficient", _("insufficient sample")), ("dissatisfied", _("dissatisfaction"))]


class ResultFilter(BootstrapFormMixin, forms.Form):
    """The ranking's filters and sort order, read from the query string; an invalid value
    shows its error and an empty list rather than everything."""

    peer_group = forms.ChoiceField(label=_("Peer group"), required=False)
    grade = forms.ChoiceField(
        label=_("Grade"), choices=ANY + Grade.choices + [(results.UNGRADED, _("not graded"))], required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    flag = forms.ChoiceField(label=_("Flag"), choices=ANY + FLAGS, required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=[(key, label) for key, (label, _order) in results.SORTS.items()], required=False
    )

    def __init__(self, data, *, peer_groups: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["peer_group"].choices = ANY + peer_groups

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "sort")

    @property
    def ordering(self) -> str:
        return (self.is_valid() and self.cleaned_data["sort"]) or results.DEFAULT_SORT

    def apply(self, qs, *, ignore: tuple[str, ...] = ()):
        if not self.is_valid():
            return qs.none()
        data = {name: value for name, value in self.cleaned_data.items() if name not in ignore}
        if data.get("peer_group"):
            qs = qs.filter(peer_group=data["peer_group"])
        if data.get("grade"):
            qs = qs.filter(grade="" if data["grade"] == results.UNGRADED else data["grade"])
        if data.get("sector"):
            qs = qs.filter(subject__organization__sector=data["sector"])
        if data.get("flag") == "insufficient":
            qs = qs.filter(insufficient_sample=True)
        elif data.get("flag") == "dissatisfied":
            qs = qs.filter(dissatisfied_flag=True)
        return qs

    def querystring(self, **override) -> str:
        """The filled-in fields (with `override`), for pagination, sorting and export links."""
        values = {name: self.data.get(name) for name in self.fields} | override
        return urlencode([(name, value) for name, value in values.items() if value])


class ReleasedResultsMixin(LoginRequiredMixin):
    """Loads `self.round` from the user's rounds and `self.tally`, its released count."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.round = get_object_or_404(rounds_visible_to(request.user).select_related("scheme", "tally"), pk=kwargs["pk"])
        self.tally = results.released_tally(self.round)
        if self.tally is None:
            if not can_manage_rounds(request.user):
                raise Http404
            context = {"round": self.round, "counted": results.counted_tally(self.round)}
            return render(request, "evaluation/results/not_released.html", context, status=403)
        return super().dispatch(request, *args, **kwargs)

    def filtered(self):
        """The user's subject results with the query string's filters: (form, queryset)."""
        visible = results.subject_results_visible_to(self.request.user, self.tally)
        form = ResultFilter(self.request.GET, peer_groups=results.peer_groups(visible))
        return form, visible


class ResultList(ReleasedResultsMixin, TemplateView):
    template_name = "evaluation/results/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, visible = self.filtered()
        qs = results.sorted_results(form.apply(visible), form.ordering)
        grades = results.grade_counts(form.apply(visible, ignore=("grade",)))
        paginator = Paginator(qs, PER_PAGE)
        # The grade counts hold the list's length: spare the paginator its own scan.
        chosen = form.is_valid() and form.cleaned_data["grade"]
        paginator.count = sum(n for key, _label, n in grades if not chosen or key == chosen)
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = results.attach_shares(list(page.object_list), tally=self.tally)
        records = results.record_indicators(self.round)
        for result in page.object_list:
            _decorate(result, self.round.pk)
            result.records = results.record_figures(result, records)
        query_string = form.querystring()
        ctx.update(
            round=self.round, tally=self.tally, filter=form, page=page, query_string=query_string,
            record_indicators=records,
            sort=form.ordering, sort_links={key: "?" + form.querystring(sort=key) for key in results.SORTS},
            export_url=f"{reverse('evaluation:results_export', kwargs={'pk': self.round.pk})}?{query_string}",
            ranking_chart=_ranking_chart(page.object_list),
            grade_chart={
                "keys": [key for key, _label, _n in grades], "labels": [label for _key, label, _n in grades],
                "values": [n for _key, _label, n in grades],
                "urls": ["?" + form.querystring(grade=key) for key, _label, _n in grades],
            },
            grade_rows=[(label, n) for _key, label, n in grades],
        )
        return ctx


class ResultSubject(ReleasedResultsMixin, TemplateView):
    template_name = "evaluation/results/subject.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        result = results.subject_result_visible_to(self.request.user, self.tally, kwargs["subject"])
        if result is None:
            raise Http404
        cells = results.subject_cells(self.tally, result.subject_id)
        result.share = results.subject_share(result, cells)
        _decorate(result, self.round.pk)
        for cell in cells:
            cell.share = results.Share.of_cell(cell)
            cell.options = list(zip(cell.indicator.option_labels, cell.counts, strict=True)) if cell.counts else []
            cell.dissatisfied_percent = None if cell.dissatisfied_share is None else cell.dissatisfied_share * 100
        distribution = results.distribution(cells)
        ctx.update(
            round=self.round, tally=self.tally, result=result, subject=result.subject,
            records=results.record_figures(result, results.record_indicators(self.round)),
            trusted_cells=[c for c in cells if not c.open_channel], open_cells=[c for c in cells if c.open_channel],
            distribution=distribution, distribution_chart=_distribution_chart(distribution),
        )
        return ctx


class ResultExport(ReleasedResultsMixin, View):
    """The subjects the user sees, with the page's filters and order, and their cells."""

    def get(self, request, pk):
        form, visible = self.filtered()
        qs = results.sorted_results(form.apply(visible), form.ordering)
        filename = f"results-{self.round.pk}-{timezone.localdate():%Y%m%d}.xlsx"
        return HttpResponse(
            results_xlsx(self.tally, qs, records=results.record_indicators(self.round)),
            content_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


def _decorate(result, round_pk: int) -> None:
    """What a template shows beside the stored fields: labels, percents, the subject's URL."""
    result.peer_group_label = peer_group_label(result.peer_group)
    result.dissatisfied_percent = None if result.dissatisfied_share is None else result.dissatisfied_share * 100
    result.url = reverse("evaluation:result_subject", kwargs={"pk": round_pk, "subject": result.subject_id})


def _ranking_chart(rows) -> dict:
    """The page's subjects as composite bars (greyed when not ranked) with the good share's
    interval, both on 0–100."""
    return {
        "labels": [r.subject.label for r in rows],
        "composite": [r.composite for r in rows],
        "ranked": [r.rank_county is not None for r in rows],
        "share": [
            None if r.share is None else [round(r.share.percent, 1), round(r.share.low_percent, 1),
                                          round(r.share.high_percent, 1)]
            for r in rows
        ],
        "urls": [r.url for r in rows],
        "names": {"composite": str(_("Composite score")), "share": str(_("Good share with its interval (95%)"))},
    }


def _distribution_chart(distribution: list[dict]) -> dict:
    """Stacked shares of the options per indicator; a series per option label, each point
    keeping its count and its place on its own scale (0 best … 1 worst) for the colour."""
    labels: list[str] = []
    for row in distribution:
        labels.extend(label for label in row["labels"] if label not in labels)
    series = []
    for label in labels:
        data = []
        for row in distribution:
            if label in row["labels"]:
                i, last = row["labels"].index(label), len(row["labels"]) - 1
                count = row["counts"][i]
                data.append({"value": round(count / row["n"] * 100, 1), "count": count, "place": i / last})
            else:
                data.append(None)
        series.append({"name": label, "data": data})
    return {"indicators": [str(row["indicator"].question) for row in distribution], "series": series}
