"""Campaigns in the admin, for county admins; saves go through the domain functions, so they
are checked and audited like the pages'. Nothing is deleted: commitments and rounds hang on
a campaign."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.admin import adopt

from . import domain
from . import rules as campaign_rules
from .enums import CampaignStatus
from .models import Campaign


class CampaignAdminForm(forms.ModelForm):
    """Checks with the domain's rules before saving, so a refusal is a form error, not a 500."""

    class Meta:
        model = Campaign
        fields = (*domain.CAMPAIGN_FIELDS, "status")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        candidate = Campaign(**{f: data.get(f) for f in domain.CAMPAIGN_FIELDS})
        try:
            domain.validate_campaign(candidate)
        except DomainError as error:
            raise forms.ValidationError(error.error_dict) from error
        edits = [f for f in self.changed_data if f in domain.CAMPAIGN_FIELDS]
        if self.instance.pk and edits and data["status"] == self.initial["status"] == CampaignStatus.CLOSED:
            self.add_error(None, _("“%(name)s” is closed and can no longer change; reopen it first.")
                           % {"name": self.instance.name})
        if self.instance.pk and "status" in self.changed_data:
            current = CampaignStatus(self.initial["status"])
            if data["status"] not in domain.TRANSITIONS[current]:
                message = _("A campaign that is %(current)s cannot become %(status)s.")
                self.add_error("status", message % {
                    "current": current.label, "status": CampaignStatus(data["status"]).label,
                })
        return data


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignAdminForm
    fields = (*domain.CAMPAIGN_FIELDS, "status")
    list_display = ("name", "year", "status", "starts_on", "ends_on", "pledges_due")
    list_filter = ("status", "year")
    search_fields = ("name",)
    ordering = ("-year", "-starts_on", "-id")

    def has_module_permission(self, request) -> bool:
        return campaign_rules.can_manage_campaigns(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return campaign_rules.can_manage_campaigns(request.user)

    def has_add_permission(self, request) -> bool:
        return campaign_rules.can_manage_campaigns(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return campaign_rules.can_manage_campaigns(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return ("status",) if obj is None else ()

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            adopt(obj, domain.create_campaign(by=request.user, **{f: data[f] for f in domain.CAMPAIGN_FIELDS}))
            return
        current = Campaign.objects.get(pk=obj.pk)
        changes = {f: data[f] for f in form.changed_data if f in domain.CAMPAIGN_FIELDS}
        new_status = data["status"] if "status" in form.changed_data else None
        # A closed campaign changes only once reopened; one being closed changes before.
        if new_status and current.status == CampaignStatus.CLOSED:
            current = domain.set_campaign_status(current, status=new_status, by=request.user)
            new_status = None
        if changes:
            current = domain.update_campaign(current, by=request.user, **changes)
        if new_status:
            current = domain.set_campaign_status(current, status=new_status, by=request.user)
        adopt(obj, current)
