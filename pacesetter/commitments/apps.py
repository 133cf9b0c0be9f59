from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "pacesetter.commitments"
    label = "commitments"
    verbose_name = _("Public commitments")

    def ready(self):
        # Supplies evaluation's commitment record indicators and the review's ballot page.
        from . import sources  # noqa: F401
