from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgLevel(models.TextChoices):
    COMMITTEE = "committee", _("party committee")
    GENERAL_BRANCH = "general_branch", _("general branch")
    BRANCH = "branch", _("branch")


class Sector(models.TextChoices):
    AGENCY = "agency", _("agency")
    SCHOOL = "school", _("school")
    HEALTH = "health", _("health")
    ENTERPRISE = "enterprise", _("non-public enterprise")
    SOCIAL = "social", _("social organisation")
    VILLAGE = "village", _("village")
    COMMUNITY = "community", _("community")


class OrgStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    DISSOLVED = "dissolved", _("dissolved")
    MERGED = "merged", _("merged")


class Gender(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class MemberStatus(models.TextChoices):
    FORMAL = "formal", _("full member")
    PROBATIONARY = "probationary", _("probationary member")


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", _("county admin")
    ORG_ADMIN = "org_admin", _("organisation admin")
    LEADER = "leader", _("leader")
    MEMBER = "member", _("member")
    AFFILIATE_ADMIN = "affiliate_admin", _("affiliate admin")
    INSPECTOR = "inspector", _("inspector")


#: Roles that may change organisations, members and leaders inside their subtree.
EDITING_ROLES = frozenset({Role.COUNTY_ADMIN, Role.ORG_ADMIN})


class GoalKind(models.TextChoices):
    STRATEGY = "strategy", _("strategy")
    TASK = "task", _("task")
    GOAL = "goal", _("goal")
    TARGET = "target", _("target")
