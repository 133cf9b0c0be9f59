"""The inbox's filter: which notifications, by read state and words of the title."""
from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.forms import BootstrapFormMixin


class InboxFilter(BootstrapFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("Show"), required=False,
        choices=[("", _("all, unread first")), ("unread", _("unread only")), ("read", _("read only"))],
    )
    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        state = self.cleaned_data.get("state")
        if state:
            qs = qs.filter(read_at__isnull=state == "unread")
        if q := (self.cleaned_data.get("q") or "").strip():
            qs = qs.filter(title__icontains=q)
        return qs

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])
