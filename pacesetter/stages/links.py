"""Addresses of stage pages that code outside the views builds (reminders, redirects)."""
from django.urls import reverse
from django.utils.http import urlencode


def checklist_url(org_code: str, campaign_id: int) -> str:
    return f"{reverse('stages:org-checklist', kwargs={'code': org_code})}?{urlencode({'campaign': campaign_id})}"
