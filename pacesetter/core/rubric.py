"""A scoring rubric typed as text, one criterion a line ("思想性 30"): the form field of the
seminars' rubrics and the observation meetings' score sheets."""
from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_LINE = re.compile(r"\s*(.+?)\s+(\d{1,3})\s*")


class CriteriaField(forms.CharField):
    """Cleans to [(name, maximum points), …]; the domain checks the ranges and the names."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        kwargs.setdefault("help_text", _("One criterion a line: its name, then its maximum points."))
        super().__init__(**kwargs)

    def clean(self, value) -> list[tuple[str, int]]:
        rows = []
        for line in super().clean(value).splitlines():
            if not line.strip():
                continue
            match = _LINE.fullmatch(line)
            if not match:
                raise forms.ValidationError(_("Write each line as a name and a number of points: %(line)s"),
                                            params={"line": line})
            rows.append((match.group(1), int(match.group(2))))
        return rows
