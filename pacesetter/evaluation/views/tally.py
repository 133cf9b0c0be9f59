"""The tally page of a round: where its count stands, and the button that starts one.

The county admin counts; an inspector watches. Everyone else gets the same 404 as for a
round that does not exist. No scores here: those are the result pages', after release.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pacesetter.core.errors import DomainError

from .. import rules as ev_rules
from ..enums import RoundState
from ..models import Ballot, Round, SubjectResult, TallyJobState, TallyResult
from ..queries import rounds_visible_to
from ..tasks import request_tally

#: Who sees a round's tally page (its fingerprint and counts, never its scores).

COUNTABLE = (RoundState.CLOSED, RoundState.RELEASED)


def tally_status(round_: Round, user) -> dict:
    """What the page and its polled part show: the stored count, the latest job, and the
    ballots now (a paper count confirmed after the tally makes it out of date)."""
    tally = TallyResult.objects.filter(round=round_).first()
    figures = {}
    if tally is not None:
        figures = SubjectResult.objects.filter(tally=tally).aggregate(
            subjects=Count("pk"),
            insufficient=Count("pk", filter=Q(insufficient_sample=True)),
            flagged=Count("pk", filter=Q(dissatisfied_flag=True)),
        )
    return {
        "round": round_,
        "tally": tally,
        "figures": figures,
        "job": round_.tally_jobs.select_related("requested_by").first(),
        "ballots_now": Ballot.objects.filter(round=round_).count(),
        "countable": round_.state in COUNTABLE,
        "can_count": ev_rules.can_manage_rounds(user),
    }


class TallyMixin(LoginRequiredMixin):
    """Loads `self.round` among the rounds the user sees, for those who may see tallies."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.round = get_object_or_404(rounds_visible_to(request.user).select_related("scheme"), pk=kwargs["pk"])
        if not ev_rules.can_read_counts(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class RoundTally(TallyMixin, View):
    """GET: the round's count; POST (county admin): count it now or queue the count."""

    def get(self, request, pk):
        return render(request, "evaluation/tally/detail.html", tally_status(self.round, request.user))

    def post(self, request, pk):
        if not ev_rules.can_manage_rounds(request.user):
            raise PermissionDenied
        try:
            job = request_tally(self.round, by=request.user)
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if job.state == TallyJobState.DONE:
                messages.success(request, _("The ballots are counted."))
            elif job.state == TallyJobState.FAILED:
                messages.error(request, job.message)
            else:
                messages.info(request, _("The count is queued for the background worker; this page follows it."))
        return HttpResponseRedirect(reverse("evaluation:tally", args=[self.round.pk]))


class RoundTallyProgress(TallyMixin, View):
    """The page's status part, which htmx polls while a count runs; the page without htmx."""

    def get(self, request, pk):
        if not request.htmx:
            return HttpResponseRedirect(reverse("evaluation:tally", args=[self.round.pk]))
        return render(request, "evaluation/tally/detail.html#status", tally_status(self.round, request.user))

