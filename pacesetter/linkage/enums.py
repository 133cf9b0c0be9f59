from django.db import models
from django.utils.translation import gettext_lazy as _


class AffiliateKind(models.TextChoices):
    """The mass organisations a party organisation leads (党建带团建、带工建、带妇建)."""

    YOUTH_LEAGUE = "youth_league", _("Youth League (共青团)")
    TRADE_UNION = "trade_union", _("trade union (工会)")
    WOMENS_FEDERATION = "womens_federation", _("women's federation (妇联)")


class HonourRecipient(models.TextChoices):
    COLLECTIVE = "collective", _("advanced collective")
    INDIVIDUAL = "individual", _("advanced individual")
