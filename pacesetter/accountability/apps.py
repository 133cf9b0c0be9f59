from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "pacesetter.accountability"
    label = "accountability"
    verbose_name = _("Work style and accountability")

    def ready(self):
        # Supplies evaluation's work-style record indicator (100 minus sanction deductions).
        from . import sources  # noqa: F401
