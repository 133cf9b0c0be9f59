from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PhotoStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting moderation")
    APPROVED = "approved", pgettext_lazy("photo status", "published")
    REJECTED = "rejected", _("rejected")
