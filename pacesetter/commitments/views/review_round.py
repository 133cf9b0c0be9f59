"""Starting a campaign's commitment review (评诺) at /commitments/review/<campaign>/start/.

Every signed-in user sees every campaign, so a missing one is 404 for all and the page is
403 for anyone but the county admin, who sets up every evaluation round (the same rule the
evaluation domain checks). The round is made as a draft; its own pages take it from there.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views import View

from pacesetter.campaigns.models import Campaign
from pacesetter.campaigns.queries import campaigns_visible_to
from pacesetter.evaluation import rules as ev_rules

from ..forms_review import ReviewRoundForm
from ..review import create_review_round, default_review_scheme


class ReviewRoundCreate(LoginRequiredMixin, View):
    template_name = "commitments/review_round/new.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign: Campaign = get_object_or_404(campaigns_visible_to(request.user), pk=kwargs["pk"])
        if not ev_rules.can_manage_rounds(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form, "campaign": self.campaign})

    def get(self, request, pk):
        return self.render_form(ReviewRoundForm(campaign=self.campaign))

    def post(self, request, pk):
        form = ReviewRoundForm(request.POST, campaign=self.campaign)
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data
        try:
            # The standard scheme is made with the round or not at all.
            with transaction.atomic():
                round_ = create_review_round(
                    self.campaign, scheme=data["scheme"] or default_review_scheme(by=request.user),
                    name=data["name"], opens_at=data["opens_at"], closes_at=data["closes_at"],
                    groups=form.groups(), allow_open_channel=data["allow_open_channel"], by=request.user,
                )
        except ValidationError as error:
            form.add_domain_error(error)
            return self.render_form(form)
        count = round_.subjects.count()
        message = ngettext(
            "The review “%(name)s” was created as a draft with %(count)d organisation to review.",
            "The review “%(name)s” was created as a draft with %(count)d organisations to review.",
            count,
        )
        messages.success(request, message % {"name": round_.name, "count": count})
        return redirect("evaluation:round", pk=round_.pk)
