"""Member vanguard projects (党员先锋工程): responsibility zones, vanguard posts, brand and breakthrough projects."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VanguardConfig(AppConfig):
    name = "pacesetter.vanguard"
    label = "vanguard"
    verbose_name = _("Member vanguard projects (党员先锋工程)")

    def ready(self):
        # Supplies evaluation's VANGUARD record indicator.
        from . import sources  # noqa: F401
