from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from treebeard.mp_tree import MP_Node

from pacesetter.core.models import TimeStamped
from pacesetter.linkage.enums import AffiliateKind

from .enums import Gender, GoalKind, MemberStatus, OrgLevel, OrgStatus, Role, Sector
from .validators import mask_phone, validate_code, validate_phone


class Organization(MP_Node, TimeStamped):
    """A grassroots party organisation; the tree is a materialised path (treebeard)."""

    steplen = 4
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[validate_code])
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=20, choices=OrgLevel.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, db_index=True)
    township = models.CharField(_("township"), max_length=50, blank=True, db_index=True)
    secretary = models.CharField(_("secretary"), max_length=50, blank=True)
    established = models.DateField(_("established"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OrgStatus.choices, default=OrgStatus.ACTIVE, db_index=True
    )
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["name"], name="org_name_idx"),
            # Tree children at a level: depth first, then the parent's path range.
            models.Index(fields=["depth", "path"], name="org_depth_path_idx"),
            # "Recent changes" on the dashboard.
            models.Index(fields=["updated_at"], name="org_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:organization-detail", kwargs={"code": self.code})

    @property
    def is_active(self) -> bool:
        return self.status == OrgStatus.ACTIVE

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]


class Member(TimeStamped):
    """A party member. No national ID number is stored; the phone is shown masked."""

    code = models.CharField(_("member code"), max_length=32, unique=True, validators=[validate_code])
    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    join_date = models.DateField(_("join date"), null=True, blank=True)
    status = models.CharField(_("member type"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.FORMAL)
    education = models.CharField(_("education"), max_length=30, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="members"
    )
    position = models.CharField(pgettext_lazy("party post", "position"), max_length=50, blank=True)
    is_rural = models.BooleanField(_("rural member"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="member",
    )

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        indexes = [
            models.Index(fields=["organization", "code"], name="member_org_code_idx"),
            models.Index(fields=["name"], name="member_name_idx"),
            models.Index(fields=["updated_at"], name="member_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class Leader(TimeStamped):
    """A county-level leader, serving in the committee given (normally the county committee)."""

    code = models.CharField(_("leader code"), max_length=32, unique=True, validators=[validate_code])
    name = models.CharField(_("full name"), max_length=50)
    title = models.CharField(pgettext_lazy("job", "title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="leaders"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="leader",
    )

    class Meta:
        verbose_name = _("county-level leader")
        verbose_name_plural = _("county-level leaders")

    def __str__(self) -> str:
        return f"{self.name} {self.title}".strip()

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class RoleAssignment(TimeStamped):
    """A role a user holds, attached to an organisation: the user sees that subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("login"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    #: An affiliate admin of one kind of unit only (a trade union's admin); blank: every kind.
    affiliate_kind = models.CharField(_("affiliate kind"), max_length=20, choices=AffiliateKind.choices, blank=True,
                                      default="")

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organization"], name="unique_role_assignment"),
            models.CheckConstraint(condition=models.Q(affiliate_kind="") | models.Q(role=Role.AFFILIATE_ADMIN),
                                   name="role_affiliate_kind_only_for_affiliate_admins"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organization}"


class Goal(MP_Node, TimeStamped):
    """A node of the county's goal framework (工业强县 → 两大任务 → "12335" goals → targets).

    Commitments, key tasks and activities name the goal they serve."""

    steplen = 3
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[validate_code])
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind.choices)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("county goal")
        verbose_name_plural = _("county goals")

    def __str__(self) -> str:
        return self.name
