from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("non-public enterprise (非公企业)")
    SOCIAL = "social", _("social organisation (社会组织)")


class Industry(models.TextChoices):
    """Sections of GB/T 4754-2017 (国民经济行业分类) that non-public units of a county fall in."""

    AGRICULTURE = "A", _("agriculture, forestry, animal husbandry and fishery")
    MANUFACTURING = "C", _("manufacturing")
    CONSTRUCTION = "E", _("construction")
    TRADE = "F", _("wholesale and retail trade")
    TRANSPORT = "G", _("transport, storage and post")
    HOSPITALITY = "H", _("accommodation and catering")
    IT = "I", _("information technology services")
    REAL_ESTATE = "K", _("real estate")
    BUSINESS = "L", _("leasing and business services")
    RESEARCH = "M", _("research and technical services")
    RESIDENT = "O", _("resident and repair services")
    EDUCATION = "P", _("education")
    HEALTH = "Q", _("health and social work")
    CULTURE = "R", _("culture, sports and entertainment")
    PUBLIC = "S", _("public administration and social organisations")


class PartyStatus(models.TextChoices):
    NONE = "none", _("no party organisation (未建)")
    JOINT = "joint", _("in a joint branch (联合党支部)")
    OWN = "own", _("own party organisation (单独建)")


#: Statuses that count as covered (有党组织覆盖).
COVERED = (PartyStatus.JOINT, PartyStatus.OWN)
