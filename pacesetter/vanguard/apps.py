from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VanguardConfig(AppConfig):
    name = "pacesetter.vanguard"
    label = "vanguard"
    verbose_name = _("Member vanguard projects (党员先锋工程)")
