"""Pledge pages: the list, starting a pledge, one pledge with its items and buttons, the
review list, and the buttons themselves (submit, approve, return, judge).

Every pledge is loaded through `commitments_visible_to` (invisible == missing == 404); a
button the user may not press at all is a 403; a press the domain refuses (wrong state,
missing reason) comes back as a message on the pledge's page."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.enums import EDITING_ROLES
from pacesetter.orgs.models import Member, Organization
from pacesetter.orgs.queries import editable_paths, paths_q, role_assignments
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as c_rules
from ..enums import CommitmentStatus, DeliveryStatus, VersionKind
from ..forms import CommitmentFilter, CommitmentStartForm, JudgementForm, ReturnForm, show_domain_error
from ..models import ItemVersion, SuperiorReview
from ..queries import annotate_delivery, commitments_visible_to, reviewable_q, today
from .pages_common import (
    PER_PAGE,
    CommitmentMixin,
    annotate_item_counts,
    default_campaign,
    flash_error,
    safe_next,
)

LIST_RELATED = ("campaign", "organization", "member")


class CommitmentList(LoginRequiredMixin, TemplateView):
    template_name = "commitments/commitment/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filter_ = CommitmentFilter(self.request.GET)
        qs = filter_.apply(commitments_visible_to(user), reviewable=reviewable_q(user))
        qs = annotate_item_counts(qs.select_related(*LIST_RELATED)).order_by(
            "campaign", "organization__path", F("member__name").asc(nulls_first=True), "id"
        )
        ctx.update(
            filter=filter_,
            page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            may_start=_may_start(user),
        )
        return ctx


def _writable_organizations(user):
    """The organisations the user may write a pledge for, or None when there are none."""
    paths = editable_paths(user)
    if paths is None:
        return Organization.objects.all()
    return Organization.objects.filter(paths_q(paths, "path")) if paths else None


def _own_member(user) -> Member | None:
    return Member.objects.filter(user=user).select_related("organization").first()


def _may_start(user) -> bool:
    return editable_paths(user) != [] or Member.objects.filter(user=user).exists()


class CommitmentNew(LoginRequiredMixin, View):
    """Start (or reopen) a pledge: an admin's organisation's, or the member's own."""

    template_name = "commitments/commitment/new.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organizations = _writable_organizations(request.user)
        self.member = _own_member(request.user)
        if self.organizations is None and self.member is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data=None):
        initial = {"campaign": default_campaign()}
        if self.organizations is not None:
            own = [a.organization.code for a in role_assignments(self.request.user) if a.role in EDITING_ROLES]
            initial["organization"] = self.request.GET.get("org") or (own[0] if own else "")
            if self.request.GET.get("org"):
                initial["owner"] = CommitmentStartForm.ORGANIZATION
        return CommitmentStartForm(data, organizations=self.organizations, member=self.member, initial=initial)

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form})

    def get(self, request):
        return self.render_form(self.make_form())

    def post(self, request):
        form = self.make_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            owner = {"member": self.member} if data["owner"] == form.OWN else {"organization": data["organization"]}
            try:
                commitment = domain.start_commitment(data["campaign"], by=request.user, **owner)
            except ValidationError as error:
                show_domain_error(form, error)
            else:
                return redirect(commitment.get_absolute_url())
        return self.render_form(form)


def _status_history(commitment) -> list[dict]:
    """Submissions, approvals and returns, oldest first: each left one version on every
    item at the same moment, so they are read back from the versions."""
    return list(
        ItemVersion.objects.filter(
            item__commitment=commitment,
            kind__in=[VersionKind.SUBMITTED, VersionKind.APPROVED, VersionKind.RETURNED],
        ).values("kind", "at", "actor_name", "note").distinct().order_by("at")
    )


class CommitmentDetail(CommitmentMixin, TemplateView):
    template_name = "commitments/commitment/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, commitment = self.request.user, self.commitment
        items = list(annotate_delivery(commitment.items.select_related("goal")).order_by("order", "id"))
        for item in items:
            item.delivery_label = DeliveryStatus(item.delivery).label
        review = SuperiorReview.objects.filter(commitment=commitment).select_related("by_organization").first()
        history = _status_history(commitment)
        labels = dict(VersionKind.choices)
        for event in history:
            event["label"] = labels[event["kind"]]
        can_edit = c_rules.can_edit_commitment(user, commitment)
        ctx.update(
            commitment=commitment,
            items=items,
            review=review,
            history=history,
            today=today(),
            can_edit=can_edit,
            can_remove=can_edit and commitment.submitted_at is None,
            can_submit=can_edit and bool(items),
            can_review=c_rules.can_review_commitment(user, commitment),
            can_judge=c_rules.can_judge_delivery(user, commitment),
            can_report=c_rules.can_report_delivery(user, commitment),
            return_form=ReturnForm(),
            judgement_form=JudgementForm(
                initial={"judgement": review.judgement, "comment": review.comment} if review else None
            ),
        )
        return ctx


class _CommitmentButton(CommitmentMixin, View):
    """POST only: one domain step on the pledge, then back with a message. Users whom
    `allowed` (a rules predicate) refuses get 403; a press the domain refuses says why."""

    http_method_names = ["post"]
    allowed = staticmethod(c_rules.is_reviewer)

    def check_allowed(self, request) -> None:
        if not self.allowed(request.user, self.commitment):
            raise PermissionDenied

    def post(self, request, pk):
        self.check_allowed(request)
        try:
            message = self.step(request)
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, message)
        return redirect(safe_next(request, self.commitment.get_absolute_url()))


class CommitmentSubmit(_CommitmentButton):
    allowed = staticmethod(c_rules.is_owner)

    def step(self, request):
        domain.submit_commitment(self.commitment, by=request.user)
        return _("The commitment was submitted for review.")


class CommitmentReturn(_CommitmentButton):
    def step(self, request):
        domain.return_commitment(self.commitment, by=request.user, reason=request.POST.get("reason", ""))
        return _("The commitment was returned to its authors with your reason.")


class CommitmentJudge(_CommitmentButton):
    """评诺: the superior organisation's judgement of the delivery (a second replaces the first)."""

    def step(self, request):
        form = JudgementForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose one of the listed judgements."), code="judgement_invalid")
        domain.review_delivery(self.commitment, by=request.user, **form.cleaned_data)
        return _("Your judgement of the delivery was saved.")


class CommitmentApprove(_CommitmentButton):
    """Approve and publish. From the review list htmx swaps the row for its new state."""

    def step(self, request):
        domain.approve_commitment(self.commitment, by=request.user)
        return _("The commitment was approved and is published on the notice board.")

    def post(self, request, pk):
        if not request.htmx:
            return super().post(request, pk)
        self.check_allowed(request)
        error = None
        try:
            domain.approve_commitment(self.commitment, by=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        row = annotate_item_counts(commitments_visible_to(request.user).select_related(*LIST_RELATED)).get(pk=pk)
        return render(request, "commitments/review/list.html#row", {"commitment": row, "error": error})


class ReviewList(LoginRequiredMixin, TemplateView):
    """Pledges awaiting the user's review, the longest waiting first."""

    template_name = "commitments/review/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        qs = commitments_visible_to(user).filter(reviewable_q(user), status=CommitmentStatus.SUBMITTED)
        qs = annotate_item_counts(qs.select_related(*LIST_RELATED)).order_by("submitted_at", "id")
        ctx.update(page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")), query_string="")
        return ctx
