"""Campaign pages: the list and one campaign for every signed-in user; the form and the
status buttons for county admins (403 for others, checked with the same rule as the API)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.evaluation import rules as ev_rules
from pacesetter.evaluation.enums import RoundKind
from pacesetter.evaluation.queries import rounds_visible_to
from pacesetter.orgs.forms import add_domain_error

from . import domain
from . import rules as campaign_rules
from .enums import CampaignStatus
from .forms import CampaignFilter, CampaignForm, CampaignStatusForm
from .models import Campaign
from .queries import campaigns_visible_to, current_campaign

PER_PAGE = 25
#: Commitment reviews listed on a campaign's page; the rounds list has the rest.
REVIEW_ROUNDS = 5



def status_actions(campaign: Campaign) -> list[tuple[str, str]]:
    """The status buttons of a campaign's page: (target status, label), for the moves allowed."""
    current = CampaignStatus(campaign.status)
    labels = {
        CampaignStatus.ACTIVE: _("Reopen") if current == CampaignStatus.CLOSED else _("Set under way"),
        CampaignStatus.CLOSED: _("Call off") if current == CampaignStatus.PLANNED else _("Close"),
        CampaignStatus.PLANNED: _("Back to planned"),
    }
    return [(status, labels[status]) for status in CampaignStatus if status in domain.TRANSITIONS[current]]


class CampaignMixin(LoginRequiredMixin):
    """Loads `self.campaign` among the campaigns the user sees; `manage = True` pages are the county admin's."""

    manage = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign: Campaign = get_object_or_404(campaigns_visible_to(request.user), pk=kwargs["pk"])
        if self.manage and not campaign_rules.can_manage_campaigns(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CampaignList(LoginRequiredMixin, TemplateView):
    template_name = "campaigns/campaign/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = CampaignFilter(self.request.GET)
        qs = filter_.apply(campaigns_visible_to(self.request.user)).order_by("-year", "-starts_on", "-id")
        ctx.update(
            filter=filter_,
            page=Paginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            current=current_campaign(),
            can_manage=campaign_rules.can_manage_campaigns(self.request.user),
        )
        return ctx


class CampaignDetail(CampaignMixin, TemplateView):
    template_name = "campaigns/campaign/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        can_manage = campaign_rules.can_manage_campaigns(self.request.user)
        ctx.update(
            campaign=self.campaign,
            can_manage=can_manage,
            status_actions=status_actions(self.campaign) if can_manage else [],
            **self.review_context(),
        )
        return ctx

    def review_context(self) -> dict:
        """The campaign's commitment reviews (评诺) the user sees, newest first, and whether
        the user may start one: commitments' section of the page."""
        user = self.request.user
        rounds = list(
            rounds_visible_to(user).filter(campaign=self.campaign, kind=RoundKind.COMMITMENT_REVIEW)
            .order_by("-opens_at", "-id")[:REVIEW_ROUNDS + 1]
        )
        return {
            "review_rounds": rounds[:REVIEW_ROUNDS],
            "more_review_rounds": len(rounds) > REVIEW_ROUNDS,
            "can_start_review": ev_rules.can_manage_rounds(user),
        }


class _CampaignFormView(View):
    template_name = "campaigns/campaign/form.html"
    campaign: Campaign | None = None

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "campaign": self.campaign}, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(CampaignForm(instance=self.campaign))

    def post(self, request, *args, **kwargs):
        form = CampaignForm(request.POST, instance=self.campaign)
        if form.is_valid():
            try:
                campaign = self.save(form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The campaign “%(name)s” was saved.") % {"name": campaign.name})
                return redirect("campaigns:campaign-detail", pk=campaign.pk)
        return self.render_form(form)


class CampaignCreate(LoginRequiredMixin, _CampaignFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not campaign_rules.can_manage_campaigns(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save(self, data):
        return domain.create_campaign(by=self.request.user, **data)


class CampaignEdit(CampaignMixin, _CampaignFormView):
    manage = True

    def save(self, data):
        return domain.update_campaign(self.campaign, by=self.request.user, **data)


class CampaignSetStatus(CampaignMixin, View):
    """POST status=…: set under way, close, reopen."""

    manage = True
    http_method_names = ["post"]

    def post(self, request, pk):
        form = CampaignStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a status."))
            return redirect("campaigns:campaign-detail", pk=self.campaign.pk)
        try:
            campaign = domain.set_campaign_status(self.campaign, status=form.cleaned_data["status"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = _("“%(name)s” is now %(status)s.")
            messages.success(request, message % {"name": campaign.name, "status": campaign.get_status_display()})
        return redirect("campaigns:campaign-detail", pk=self.campaign.pk)
