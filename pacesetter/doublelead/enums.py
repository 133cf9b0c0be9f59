from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("cooperative (合作社)")
    FAMILY_FARM = "family_farm", _("family farm (家庭农场)")
    COMPANY = "company", _("enterprise (企业)")
    INDIVIDUAL = "individual", _("individual business (个体工商户)")
    OTHER = "other", _("other")


class HelpKind(models.TextChoices):
    JOBS = "jobs", _("jobs")
    TECHNOLOGY = "technology", _("technology")
    SALES = "sales", _("sales")
    LOANS = "loans", _("loans and funds")
    OTHER = "other", _("other help")
