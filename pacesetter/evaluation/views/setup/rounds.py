"""Round pages: the list, one round with its subjects and participation, the settings form,
and the state buttons (open, close, release)."""
from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.rules import is_inspector
from pacesetter.orgs.views.common import CappedPaginator

from ... import domain
from ... import rules as ev_rules
from ...enums import Grade, RoundState, TokenStatus
from ...forms import ConfirmForm, RoundCreateForm, RoundFilter, RoundForm
from ...models import BallotToken, Participation, Round, RoundGroup
from ...queries import subjects_visible_to
from .common import PER_PAGE, RoundMixin, flash_error, rounds_visible_to

SUBJECTS_PER_PAGE = 50


class RoundList(LoginRequiredMixin, TemplateView):
    template_name = "evaluation/setup/round/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filter_ = RoundFilter(self.request.GET)
        seen_subjects = (
            subjects_visible_to(user).filter(round=OuterRef("pk")).order_by().values("round")
            .annotate(n=Count("pk")).values("n")
        )
        qs = (
            filter_.apply(rounds_visible_to(user)).select_related("scheme").order_by("-opens_at", "-id")
            .annotate(subject_count=Subquery(seen_subjects, output_field=IntegerField()))
        )
        ctx.update(
            filter=filter_,
            page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            can_manage=ev_rules.can_manage_rounds(user),
        )
        return ctx


def _participation(round_: Round, subjects: list, groups: list[RoundGroup]) -> None:
    """Give each subject `cells`: per voter group (issued, used) — the tokens while the round
    runs, the Participation counts once it has closed. One query for the page's subjects."""
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    ids = [s.pk for s in subjects]
    if round_.state in (RoundState.CLOSED, RoundState.RELEASED):
        for row in Participation.objects.filter(subject_id__in=ids).values("subject_id", "group_id", "issued", "used",
                                                                           "revoked"):
            counts[(row["subject_id"], row["group_id"])] = [row["issued"] - row["revoked"], row["used"]]
    else:
        rows = (
            BallotToken.objects.filter(subject_id__in=ids).exclude(status=TokenStatus.REVOKED)
            .values_list("subject_id", "group_id", "status").annotate(n=Count("pk")).order_by()
        )
        for subject_id, group_id, status, n in rows:
            cell = counts[(subject_id, group_id)]
            cell[0] += n
            if status == TokenStatus.USED:
                cell[1] += n
    for subject in subjects:
        subject.cells = [counts[(subject.pk, g.pk)] for g in groups]


def _grading_rows(round_: Round) -> list[tuple[str, object]]:
    """The round's grading rules over the defaults, as (label, value) for its page."""
    rules = RoundForm.initial_for(round_)
    rows = []
    for name in RoundForm.GRADING_FIELDS:
        value = rules[name]
        rows.append((RoundForm.base_fields[name].label, Grade(value).label if name == "flag_caps_at" else value))
    return rows


class RoundDetail(RoundMixin, TemplateView):
    template_name = "evaluation/setup/round/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, round_ = self.request.user, self.round
        groups = list(RoundGroup.objects.filter(round=round_).select_related("voter_group").order_by("id"))
        subjects = (
            subjects_visible_to(user).filter(round=round_).select_related("organization", "member")
            .order_by("organization__path", F("member__code").asc(nulls_first=True), "id")
        )
        page = CappedPaginator(subjects, SUBJECTS_PER_PAGE).get_page(self.request.GET.get("page"))
        _participation(round_, page.object_list, groups)
        can_manage = ev_rules.can_manage_rounds(user)
        ctx.update(
            round=round_,
            groups=groups,
            page=page,
            can_manage=can_manage,
            is_draft=round_.state == RoundState.DRAFT,
            may_make_tokens=can_manage and round_.state in (RoundState.DRAFT, RoundState.OPEN),
            closed=round_.state in (RoundState.CLOSED, RoundState.RELEASED),
            may_see_paper=(can_manage or is_inspector(user)) and round_.state != RoundState.DRAFT,
            may_see_tally=(can_manage or is_inspector(user)) and round_.state in (RoundState.CLOSED, RoundState.RELEASED),
            grading=_grading_rows(round_),
            confirm_form=ConfirmForm(),
        )
        return ctx


class RoundCreate(LoginRequiredMixin, View):
    template_name = "evaluation/setup/round/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not ev_rules.can_manage_rounds(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form, "round": None})

    def get(self, request):
        return self.render_form(RoundCreateForm())

    def post(self, request):
        form = RoundCreateForm(request.POST)
        if form.is_valid():
            try:
                round_ = domain.create_round_with_grading(grading=form.grading(), by=request.user, **form.settings())
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The round “%(name)s” was created as a draft.") % {"name": round_.name})
                return redirect("evaluation:round", pk=round_.pk)
        return self.render_form(form)


class RoundEdit(RoundMixin, View):
    """A draft round's settings; once the round has opened the domain refuses and says why."""

    manage = True
    template_name = "evaluation/setup/round/form.html"

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form, "round": self.round})

    def get(self, request, pk):
        return self.render_form(RoundForm(initial=RoundForm.initial_for(self.round)))

    def post(self, request, pk):
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                domain.update_round(self.round, grading=form.grading(), by=request.user, **form.settings())
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The round's settings were saved."))
                return redirect("evaluation:round", pk=self.round.pk)
        return self.render_form(form)


class _RoundTransition(RoundMixin, View):
    """POST only: one step of the state machine, then back to the round's page with a message."""

    manage = True
    http_method_names = ["post"]
    needs_confirmation = False
    done_message = ""

    def post(self, request, pk):
        if self.needs_confirmation and not ConfirmForm(request.POST).is_valid():
            messages.error(request, _("Tick the box to confirm."))
        else:
            try:
                self.step(self.round, by=request.user)
            except ValidationError as error:
                flash_error(request, error)
            else:
                messages.success(request, self.done_message % {"name": self.round.name})
        return redirect("evaluation:round", pk=self.round.pk)


class RoundOpen(_RoundTransition):
    step = staticmethod(domain.open_round)
    done_message = gettext_lazy("The round “%(name)s” is open: ballots are taken, and its setup is locked.")


class RoundClose(_RoundTransition):
    step = staticmethod(domain.close_round)
    needs_confirmation = True
    done_message = gettext_lazy("The round “%(name)s” is closed: no more ballots are taken.")


class RoundRelease(_RoundTransition):
    step = staticmethod(domain.release_results)
    needs_confirmation = True
    done_message = gettext_lazy("The results of “%(name)s” are released.")

