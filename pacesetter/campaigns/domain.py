"""Writes of campaigns, county admins only; each one transaction with its audit entry.

`by=None` is the system itself (seeding, an operator's command), recorded as such.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError

from . import rules as campaign_rules
from .enums import CampaignStatus
from .models import Campaign

CAMPAIGN_FIELDS = ("name", "year", "starts_on", "ends_on", "pledges_due")
YEAR_RANGE = (2000, 2100)

#: Where a campaign may go from each status. A closed campaign can be reopened (closed by
#: mistake, or extended); a planned one can be called off by closing it.
TRANSITIONS = {
    CampaignStatus.PLANNED: {CampaignStatus.ACTIVE, CampaignStatus.CLOSED},
    CampaignStatus.ACTIVE: {CampaignStatus.PLANNED, CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: {CampaignStatus.ACTIVE},
}


def _require(by) -> None:
    if by is not None and not campaign_rules.can_manage_campaigns(by):
        raise PermissionDeniedError(_("Only county admins may set up campaigns."), code="forbidden")


def _check_unknown(fields: dict) -> None:
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def validate_campaign(campaign: Campaign) -> None:
    """Field rules first (required, lengths), then the dates against each other; every
    message names its field."""
    if isinstance(campaign.name, str):
        campaign.name = " ".join(campaign.name.split())
    try:
        campaign.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise DomainError(error.error_dict) from error
    errors: dict[str, list[str]] = {}
    low, high = YEAR_RANGE
    if not low <= campaign.year <= high:
        errors["year"] = [_("The year must lie between %(low)d and %(high)d.") % {"low": low, "high": high}]
    if campaign.ends_on < campaign.starts_on:
        errors["ends_on"] = [_("The campaign cannot end before it starts (%(start)s).") % {"start": campaign.starts_on}]
    elif campaign.pledges_due and not campaign.starts_on <= campaign.pledges_due <= campaign.ends_on:
        errors["pledges_due"] = [
            _("Commitments must be due within the campaign (%(start)s to %(end)s).")
            % {"start": campaign.starts_on, "end": campaign.ends_on}
        ]
    if errors:
        raise DomainError(errors, code="invalid")


def create_campaign(*, by, **fields) -> Campaign:
    """A new campaign, planned: it starts when a county admin sets it under way."""
    _require(by)
    _check_unknown(fields)
    campaign = Campaign(**fields, status=CampaignStatus.PLANNED)
    validate_campaign(campaign)
    with transaction.atomic():
        campaign.save(force_insert=True)
        audit.record("campaign.create", by=by, obj=campaign, after=audit.snapshot(campaign, (*CAMPAIGN_FIELDS, "status")))
    return campaign


def update_campaign(campaign: Campaign, *, by, **fields) -> Campaign:
    """Change a campaign's name, year or dates. A closed campaign is reopened first."""
    _require(by)
    _check_unknown(fields)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status == CampaignStatus.CLOSED:
            raise DomainError(
                _("“%(name)s” is closed and can no longer change; reopen it first.") % {"name": campaign.name},
                code="closed",
            )
        changed = [name for name, value in fields.items() if getattr(campaign, name) != value]
        if not changed:
            return campaign
        before = audit.snapshot(campaign, changed)
        for name in changed:
            setattr(campaign, name, fields[name])
        validate_campaign(campaign)
        campaign.save(update_fields=[*changed, "updated_at"])
        audit.record("campaign.update", by=by, obj=campaign, before=before, after=audit.snapshot(campaign, changed))
    return campaign


def set_campaign_status(campaign: Campaign, *, status: str, by) -> Campaign:
    """Set a campaign under way, close it, or reopen it (see TRANSITIONS)."""
    _require(by)
    if status not in CampaignStatus.values:
        raise DomainError({"status": [_("Unknown status: %(status)s.") % {"status": status}]}, code="invalid")
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        current = CampaignStatus(campaign.status)
        if status == current:
            raise DomainError(
                {"status": [_("“%(name)s” is already %(status)s.") % {"name": campaign.name, "status": current.label}]},
                code="unchanged",
            )
        if status not in TRANSITIONS[current]:
            message = _("A campaign that is %(current)s cannot become %(status)s.")
            raise DomainError(
                {"status": [message % {"current": current.label, "status": CampaignStatus(status).label}]},
                code="transition",
            )
        campaign.status = status
        campaign.save(update_fields=["status", "updated_at"])
        audit.record("campaign.status", by=by, obj=campaign, before={"status": current.value}, after={"status": status})
    return campaign
