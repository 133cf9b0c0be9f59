from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitevisitsConfig(AppConfig):
    name = "pacesetter.sitevisits"
    label = "sitevisits"
    verbose_name = _("On-site observation meetings")
