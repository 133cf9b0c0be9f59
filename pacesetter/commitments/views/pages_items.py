"""Item pages: add, change and remove an item of a draft pledge (with the sector's typical
items to start from), and one item's page with its whole timeline, the progress update
with evidence and the outcome buttons."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pacesetter.orgs.models import Goal
from pacesetter.orgs.views.common import positive_int

from .. import domain
from .. import rules as c_rules
from ..enums import Category, Outcome
from ..forms import ItemForm, OutcomeForm, ProgressForm, show_domain_error
from ..models import CommitmentItem
from ..queries import timeline, today
from ..templates_catalogue import templates_for
from .pages_common import CommitmentMixin, ItemMixin, flash_error

TIMELINE_PER_PAGE = 50


def _refuse_unless_owner(view) -> None:
    if not c_rules.is_owner(view.request.user, view.commitment):
        raise PermissionDenied


def _locked_message(commitment) -> str:
    return _("This commitment cannot be changed now: it is %(status)s.") % {
        "status": commitment.get_status_display()}


class _ItemFormView(View):
    """Add or change an item: its owners only (403), and only while the pledge is a draft
    or returned (otherwise back to the pledge, saying why)."""

    template_name = "commitments/item/form.html"

    def guard(self):
        _refuse_unless_owner(self)
        if not c_rules.can_edit_commitment(self.request.user, self.commitment):
            messages.error(self.request, _locked_message(self.commitment))
            return redirect(self.commitment.get_absolute_url())
        return None

    def sector_templates(self):
        return templates_for(self.commitment.organization.sector)

    def initial(self) -> dict:
        """The item's values, or a typical item's when the writer picked one (?template=N)."""
        initial = self.base_initial()
        templates = self.sector_templates()
        chosen = self.request.GET.get("template", "")
        if chosen.isdecimal() and int(chosen) < len(templates):
            template = templates[int(chosen)]
            initial.update(content=str(template.content), target=str(template.target), category=template.category)
        return initial

    def render_form(self, form):
        templates = [
            {"index": i, "content": t.content, "target": t.target, "category": t.category,
             "category_label": Category(t.category).label}
            for i, t in enumerate(self.sector_templates())
        ]
        return render(self.request, self.template_name, {
            "form": form, "commitment": self.commitment, "item": getattr(self, "item", None), "templates": templates,
        })

    def get(self, request, pk):
        return self.guard() or self.render_form(self.make_form(initial=self.initial()))

    def post(self, request, pk):
        if refused := self.guard():
            return refused
        form = self.make_form(data=request.POST)
        if form.is_valid():
            try:
                item = self.save(form)
            except ValidationError as error:
                show_domain_error(form, error)
            else:
                messages.success(request, self.done_message(item))
                return redirect(self.commitment.get_absolute_url())
        return self.render_form(form)


class ItemAdd(CommitmentMixin, _ItemFormView):
    def base_initial(self):
        return {"deadline": self.commitment.campaign.ends_on}

    def make_form(self, **kwargs):
        return ItemForm(**kwargs)

    def save(self, form):
        return domain.add_item(self.commitment, by=self.request.user, **form.cleaned_data)

    def done_message(self, item):
        return _("The item was added.")


class ItemEdit(ItemMixin, _ItemFormView):
    def base_initial(self):
        item = self.item
        return {"content": item.content, "target": item.target, "deadline": item.deadline,
                "category": item.category, "goal": item.goal_id}

    def make_form(self, **kwargs):
        kwargs.setdefault("initial", self.base_initial())
        return ItemForm(current_goal_id=self.item.goal_id, **kwargs)

    def save(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return domain.update_item(self.item, by=self.request.user, **changes)

    def done_message(self, item):
        return _("The item was saved.")


class ItemRemove(ItemMixin, View):
    """GET asks, POST removes (only from a pledge never submitted: the domain says so)."""

    template_name = "commitments/item/remove.html"

    def get(self, request, pk):
        _refuse_unless_owner(self)
        return render(request, self.template_name, {"item": self.item, "commitment": self.commitment})

    def post(self, request, pk):
        _refuse_unless_owner(self)
        try:
            domain.remove_item(self.item, by=request.user)
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("The item was removed."))
        return redirect(self.commitment.get_absolute_url())


# --- One item and its timeline -----------------------------------------------------------

SNAPSHOT_FIELDS = ("content", "target", "deadline", "category", "goal", "progress", "outcome")


def _shown(name: str, value, goals: dict) -> str:
    if value is None or value == "":
        return "—"
    if name == "category":
        return Category(value).label if value in Category.values else value
    if name == "outcome":
        return Outcome(value).label if value in Outcome.values else value
    if name == "goal":
        return goals.get(value, "—")
    if name == "progress":
        return f"{value} %"
    return str(value)


def _changes(older: dict | None, newer: dict, goals: dict) -> list[dict]:
    """What differs between two snapshots, with the fields' labels: the first version
    lists what was written."""
    labels = {name: CommitmentItem._meta.get_field(name).verbose_name for name in SNAPSHOT_FIELDS}
    changes = []
    for name in SNAPSHOT_FIELDS:
        before = older.get(name) if older is not None else None
        after = newer.get(name)
        if older is not None and before == after:
            continue
        if older is None and (name in ("progress", "outcome") or after in (None, "")):
            continue
        changes.append({
            "field": name, "label": labels[name],
            "before": _shown(name, before, goals) if older is not None else None,
            "after": _shown(name, after, goals),
        })
    return changes


def timeline_page(item: CommitmentItem, number: int) -> tuple[list, bool]:
    """A page of the item's versions, newest first, each with `changes` against the version
    before it (one row past the page is read for the last diff) and its evidence."""
    start = (number - 1) * TIMELINE_PER_PAGE
    rows = list(timeline(item)[start : start + TIMELINE_PER_PAGE + 1])
    goal_ids = {v.snapshot.get("goal") for v in rows} - {None}
    goals = dict(Goal.objects.filter(pk__in=goal_ids).values_list("pk", "name")) if goal_ids else {}
    for version, older in zip(rows, [*rows[1:], None], strict=True):
        version.changes = _changes(older.snapshot if older is not None else None, version.snapshot, goals)
    return rows[:TIMELINE_PER_PAGE], len(rows) > TIMELINE_PER_PAGE


def render_item(request, item, *, progress_form=None):
    user, commitment = request.user, item.commitment
    number = positive_int(request.GET.get("page"))
    versions, has_more = timeline_page(item, number)
    may_report = c_rules.can_report_delivery(user, commitment)
    return render(request, "commitments/item/detail.html", {
        "item": item,
        "commitment": commitment,
        "delivery": item.delivery_status(today()),
        "versions": versions,
        "page_number": number,
        "has_more": has_more,
        "can_edit": c_rules.can_edit_commitment(user, commitment),
        "can_report": may_report and item.outcome == Outcome.OPEN,
        "can_reopen": c_rules.can_reopen_item(user, commitment) and item.outcome != Outcome.OPEN,
        "progress_form": progress_form or ProgressForm(initial={"progress": item.progress}),
        "outcome_form": OutcomeForm(auto_id="outcome_%s"),
    })


class ItemDetail(ItemMixin, View):
    def get(self, request, pk):
        return render_item(request, self.item)


class _ItemButton(ItemMixin, View):
    """POST only; for the pledge's owners and reviewers (403 for anyone else)."""

    http_method_names = ["post"]

    def check_allowed(self, request) -> None:
        commitment = self.commitment
        if not (c_rules.is_owner(request.user, commitment) or c_rules.is_reviewer(request.user, commitment)):
            raise PermissionDenied

    def back(self):
        return redirect(reverse("commitments:item-detail", kwargs={"pk": self.item.pk}))


class ItemProgress(_ItemButton):
    """A progress update with evidence; a refusal shows the form again with its reasons."""

    def post(self, request, pk):
        self.check_allowed(request)
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = domain.report_progress(
                    self.item, by=request.user, progress=data["progress"], note=data["note"], files=data["files"]
                )
            except ValidationError as error:
                show_domain_error(form, error)
            else:
                n = version.evidence.count()
                messages.success(request, ngettext(
                    "The progress update was saved with %(n)d file.",
                    "The progress update was saved with %(n)d files.", n) % {"n": n})
                return self.back()
        return render_item(request, self.item, progress_form=form)


class ItemOutcome(_ItemButton):
    """Delivered or not delivered (owners and reviewers), or reopened (reviewers): the
    button pressed is the outcome, the note says why."""

    def post(self, request, pk):
        self.check_allowed(request)
        try:
            domain.record_outcome(self.item, by=request.user, outcome=request.POST.get("outcome", ""),
                                  note=request.POST.get("note", ""))
        except ValidationError as error:
            flash_error(request, error)
        else:
            self.item.refresh_from_db(fields=["outcome"])
            messages.success(request, _("The item is now marked %(outcome)s.") % {
                "outcome": self.item.get_outcome_display()})
        return self.back()
