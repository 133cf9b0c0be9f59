from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "pacesetter.activities"
    label = "activities"
    verbose_name = _("Party activities (组织活动)")

    def ready(self):
        # Supplies evaluation's ACTIVITIES record indicator and the campaign stages' check.
        from . import sources, stage_checks  # noqa: F401
