"""Honours (荣誉): what the county has given, to an organisation or a member, from a
selection's final list (`nomination`) or entered by hand for earlier years. Each honour has
a certificate number and a public verification token: the QR code on the printed
certificate opens the honour's entry on the public honour roll."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import TimeStamped


class Honour(TimeStamped):
    kind = models.ForeignKey("selections.HonourKind", verbose_name=_("honour kind"), on_delete=models.PROTECT,
                             related_name="honours")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="honours")
    member = models.ForeignKey("orgs.Member", verbose_name=_("member"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="honours")
    #: An honour of an affiliate unit; `organization` is the party organisation it is linked to.
    affiliate_unit = models.ForeignKey("linkage.AffiliateUnit", verbose_name=_("affiliate unit"),
                                       on_delete=models.PROTECT, null=True, blank=True, related_name="county_honours")
    #: Names as they stood when commended: the roll must not change when an organisation is renamed.
    organization_name = models.CharField(_("organisation name"), max_length=100)
    member_name = models.CharField(_("member name"), max_length=50, blank=True)
    affiliate_unit_name = models.CharField(_("affiliate unit name"), max_length=100, blank=True)
    township = models.CharField(_("township"), max_length=50, blank=True, db_index=True)
    sector = models.CharField(_("sector"), max_length=20, blank=True, db_index=True)
    selection = models.ForeignKey("selections.Selection", verbose_name=_("selection"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="honours")
    nomination = models.OneToOneField("selections.Nomination", verbose_name=_("nomination"),
                                      on_delete=models.PROTECT, null=True, blank=True, related_name="honour")
    citation = models.CharField(_("citation"), max_length=300, blank=True)
    commended_on = models.DateField(_("commended on"))
    certificate_no = models.CharField(_("certificate number"), max_length=30, unique=True)
    verify_token = models.CharField(_("verification code"), max_length=32, unique=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "kind__position", "certificate_no"]
        indexes = [models.Index(fields=["kind", "year"], name="honour_kind_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} · {self.recipient_name}"

    @property
    def recipient_name(self) -> str:
        """Who holds the honour: the member, the affiliate unit or the organisation."""
        return self.member_name or self.affiliate_unit_name or self.organization_name

    def get_absolute_url(self) -> str:
        return reverse("honours:honour-detail", args=[self.pk])
