from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingState(models.TextChoices):
    DRAFT = "draft", _("being planned")
    OPEN = "open", _("scoring open")
    CLOSED = "closed", _("scoring closed")
    PUBLISHED = "published", _("results published")
