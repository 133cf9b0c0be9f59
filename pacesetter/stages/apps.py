from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StagesConfig(AppConfig):
    name = "pacesetter.stages"
    label = "stages"
    verbose_name = _("Campaign stages (阶段推进)")
