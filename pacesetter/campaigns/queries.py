"""Reads of campaigns. A campaign is the county's frame, not any organisation's, so every
signed-in user sees every campaign; what lies inside one (commitments, rounds) keeps its
own visibility."""
from __future__ import annotations

from django.db.models import QuerySet

from .enums import CampaignStatus
from .models import Campaign


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """Every campaign for a signed-in user; none for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return Campaign.objects.none()
    return Campaign.objects.all()


def current_campaign() -> Campaign | None:
    """The campaign under way that started last, or None. Several may be under way at once
    (a county may run a special campaign beside the yearly one); pages that need one default
    to this."""
    return Campaign.objects.filter(status=CampaignStatus.ACTIVE).order_by("-starts_on", "-id").first()
