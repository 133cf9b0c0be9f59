"""What the evaluation forms share: choice lists, pasted codes, GET filters of the lists."""
from __future__ import annotations

import re

from django import forms
from django.db.models import QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.forms import BootstrapFormMixin

ANY = [("", _("any"))]
BLANK = [("", "—")]
CODE_SPLIT = re.compile(r"[\s,，;；、]+")


def parse_codes(text: str) -> list[str]:
    """Codes pasted one per line (commas, semicolons and spaces work too), duplicates dropped."""
    return list(dict.fromkeys(code for code in CODE_SPLIT.split(text or "") if code))


class Filter(BootstrapFormMixin, forms.Form):
    """A GET form of choice fields, each narrowing the list to rows with that exact value."""

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def apply(self, qs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return qs.none()
        return qs.filter(**{name: value for name, value in self.cleaned_data.items() if value})

    def querystring(self) -> str:
        return urlencode([(name, self.data.get(name)) for name in self.fields if self.data.get(name)])
