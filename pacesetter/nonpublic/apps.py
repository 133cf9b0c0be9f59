from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NonpublicConfig(AppConfig):
    name = "pacesetter.nonpublic"
    label = "nonpublic"
    verbose_name = _("Non-public sector coverage (两新覆盖)")
