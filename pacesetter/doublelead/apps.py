from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoubleleadConfig(AppConfig):
    name = "pacesetter.doublelead"
    label = "doublelead"
    verbose_name = _("Double-lead members (双带)")
