from django.db import models
from django.utils.translation import gettext_lazy as _


class PhotoStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting moderation")
    APPROVED = "approved", _("published")
    REJECTED = "rejected", _("rejected")
