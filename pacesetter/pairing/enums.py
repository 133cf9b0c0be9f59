"""Choices of the helping mechanism (帮带机制)."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.enums import Sector


class PairingKind(models.TextChoices):
    ONE_HELPS_ONE = "one_helps_one", _("one helps one (一帮一)")
    HAND_IN_HAND = "hand_in_hand", _("hand in hand (手拉手)")
    FIXED_POINT_LIAISON = "fixed_point_liaison", _("fixed-point liaison (定点联系)")
    FIXED_POINT_MENTORING = "fixed_point_mentoring", _("fixed-point mentoring (定点帮带)")
    URBAN_RURAL = "urban_rural", _("urban-rural pairing (城乡结对)")


class PairingState(models.TextChoices):
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")
    REPLACED = "replaced", _("replaced")


class PartySide(models.TextChoices):
    HELPER = "helper", _("helper")
    HELPED = "helped", _("helped")


class RunState(models.TextChoices):
    REVIEW = "review", _("awaiting review")
    DONE = "done", _("pairings created")


class RowDecision(models.TextChoices):
    PENDING = "pending", _("not decided")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


#: Sectors whose branches help villages and communities in urban-rural pairing.
URBAN_SECTORS = frozenset({Sector.AGENCY, Sector.SCHOOL, Sector.HEALTH, Sector.ENTERPRISE})
#: Grassroots sectors that get an urban-rural helper.
RURAL_SECTORS = frozenset({Sector.VILLAGE, Sector.COMMUNITY})
#: Helper sector → helped sectors it complements (what one has, the other lacks).
COMPLEMENTS = {
    Sector.AGENCY: frozenset({Sector.VILLAGE, Sector.COMMUNITY, Sector.ENTERPRISE, Sector.SOCIAL}),
    Sector.SCHOOL: frozenset({Sector.VILLAGE, Sector.COMMUNITY}),
    Sector.HEALTH: frozenset({Sector.VILLAGE, Sector.COMMUNITY}),
    Sector.ENTERPRISE: frozenset({Sector.VILLAGE, Sector.COMMUNITY, Sector.SOCIAL}),
    Sector.SOCIAL: frozenset({Sector.COMMUNITY}),
    Sector.VILLAGE: frozenset(),
    Sector.COMMUNITY: frozenset(),
}
