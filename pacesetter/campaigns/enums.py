"""Choices of the campaign frame."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("under way")
    CLOSED = "closed", _("closed")
