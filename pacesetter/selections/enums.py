from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NomineeKind(models.TextChoices):
    ORGANIZATION = "organization", _("organisation (collective honour)")
    MEMBER = "member", _("member (individual honour)")
    AFFILIATE = "affiliate", _("affiliate unit (Youth League / union / women's federation collective)")


class QuotaBy(models.TextChoices):
    COUNTY = "county", _("whole county")
    TOWNSHIP = "township", _("per township")
    SECTOR = "sector", _("per sector")


class SelectionState(models.TextChoices):
    DRAFT = "draft", _("draft")
    NOMINATING = "nominating", _("nominations open")
    REVIEWING = "reviewing", pgettext_lazy("selection state", "under review")
    NOTICE = "notice", _("on public notice")
    FINAL = "final", _("final")
    COMMENDED = "commended", _("commended")


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("nomination status", "submitted")
    TOWNSHIP_APPROVED = "township_approved", _("approved by the township")
    COUNTY_APPROVED = "county_approved", _("approved by the county")
    SHORTLISTED = "shortlisted", _("shortlisted")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DROPPED = "dropped", _("dropped after an objection")
    CONFIRMED = "confirmed", _("confirmed")


class ReviewLevel(models.TextChoices):
    TOWNSHIP = "township", pgettext_lazy("review level", "township")
    COUNTY = "county", pgettext_lazy("review level", "county")


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")


class ObjectionState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("objection state", "received")
    UPHELD = "upheld", _("upheld")
    DISMISSED = "dismissed", _("dismissed")
