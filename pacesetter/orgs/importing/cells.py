"""Turning spreadsheet cells into values: the ONE place where readers' differences end.

calamine gives whole numbers as floats (821.0) and date cells as `date`; openpyxl gives
`int` and `datetime`; a CSV gives only strings. Every parser below accepts all of these,
so the rest of the importer never looks at where a value came from.

A parser returns the clean value or raises `CellError` with a translated reason.
"""
from __future__ import annotations

import datetime
import re
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext as _

from ..validators import CODE_RE, PHONE_RE

EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Excel's serial numbers for 1900-01-01 and 9999-12-31.
SERIAL_MIN, SERIAL_MAX = 1, 2958465
_EDGE_JUNK = "\u200b\ufeff\u2060"

_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_WHOLE_FLOAT_TEXT_RE = re.compile(r"^(\d+)\.0+$")


# The importer sets this for the length of one file, so 100,000 date cells do not each
# look up the time zone; on its own a parser asks for the date itself.
TODAY: list = [None]


def today() -> datetime.date:
    return TODAY[0] or timezone.localdate()


class CellError(ValueError):
    """The cell cannot be used; `message` says why, already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(value) -> str:
    """Any cell as trimmed text: whole floats lose their '.0', dates become ISO dates."""
    kind = type(value)
    if kind is str:
        value = value.strip()
        if value and (value[0] in _EDGE_JUNK or value[-1] in _EDGE_JUNK):
            value = value.strip(_EDGE_JUNK).strip()
        return value
    if value is None:
        return ""
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if kind is bool:
        return _("yes") if value else _("no")
    if kind is int:
        return str(value)
    if kind is datetime.datetime:
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if kind is datetime.date:
        return value.isoformat()
    return str(value).strip()


def folded(value) -> str:
    """Text with full-width letters, digits and punctuation folded to ASCII (NFKC)."""
    value = text(value)
    if value.isascii():
        return value
    return unicodedata.normalize("NFKC", value).strip()


def display(value) -> str:
    """A cell as the error report shows it."""
    return text(value)


def parse_text(value, max_length: int) -> str:
    value = text(value)
    if len(value) > max_length:
        raise CellError(
            _("Too long: at most %(max)d characters, this has %(n)d.") % {"max": max_length, "n": len(value)}
        )
    return value


def parse_code(value) -> str:
    """A code; numbers typed into Excel (1001 stored as 1001.0) come back as '1001'.

    Text is kept as written, dots included: '1001.0' typed as text may be a real code.
    """
    if type(value) is str and CODE_RE.match(value):
        return value
    value = folded(value)
    if len(value) > 32:
        raise CellError(_("Too long: at most %(max)d characters, this has %(n)d.") % {"max": 32, "n": len(value)})
    if value and not CODE_RE.match(value):
        raise CellError(_("A code is 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit."))
    return value


def parse_phone(value) -> str:
    """A mobile or landline number; numbers stored as numbers and '+86' prefixes are fine."""
    kind = type(value)
    if kind is str:
        if PHONE_RE.match(value):
            return value
    elif (kind is float and value.is_integer()) or kind is int:
        number = str(int(value))
        if PHONE_RE.match(number):
            return number
    value = folded(value)
    if not value:
        return ""
    if match := _WHOLE_FLOAT_TEXT_RE.match(value):
        value = match.group(1)
    value = "".join(value.split())
    if "*" in value:
        raise CellError(_("This phone number is masked (contains '*'): enter the full number."))
    if value.startswith("+86"):
        value = value[3:]
    elif len(value) == 13 and value.startswith("86"):
        value = value[2:]
    if not PHONE_RE.match(value):
        raise CellError(_("Not a phone number: enter an 11-digit mobile number or a landline such as 0791-8888888."))
    return value


def parse_date(value) -> datetime.date | None:
    """A date cell, an Excel serial number, or text such as 2001-07-01, 2001/7/1, 2001.7.1, 2001年7月1日."""
    kind = type(value)
    if kind is datetime.date:
        day = value
    elif kind is datetime.datetime:
        day = value.date()
    elif kind is float or kind is int:
        if 1800 <= value < 2200:
            # 2001 or 2001.7 typed into a cell: a year (and month), which Excel would
            # otherwise turn into a day in 1905.
            raise CellError(_("Not a full date: %(value)s. Write it like 2001-07-01.") % {"value": text(value)})
        if not SERIAL_MIN <= value <= SERIAL_MAX:
            raise CellError(_("Not a date: %(value)s.") % {"value": text(value)})
        day = EXCEL_EPOCH + datetime.timedelta(days=int(value))
    else:
        raw = folded(value)
        if not raw:
            return None
        match = _DATE_RE.match(raw) or _COMPACT_DATE_RE.match(raw)
        if not match:
            raise CellError(
                _("Not a date: %(value)s. Write it like 2001-07-01, 2001/7/1, 2001.7.1 or 2001年7月1日.")
                % {"value": raw}
            )
        try:
            day = datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise CellError(_("No such day: %(value)s.") % {"value": raw}) from None
    if day.year < 1900:
        raise CellError(_("Dates before 1900 are not accepted: %(value)s.") % {"value": day.isoformat()})
    if day > today():
        raise CellError(_("This date is in the future: %(value)s.") % {"value": day.isoformat()})
    return day


def parse_choice(value, choices: dict[str, str], labels: list[str]) -> str:
    """An enum value by its Chinese label, its English label or its stored value."""
    raw = folded(value)
    if not raw:
        return ""
    found = choices.get(raw.lower())
    if found is None:
        raise CellError(
            _("Unknown value %(value)s: use one of %(choices)s.") % {"value": raw, "choices": "、".join(labels)}
        )
    return found


TRUE_WORDS = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "t"})
FALSE_WORDS = frozenset({"否", "n", "no", "false", "0", "×", "f"})


def parse_bool(value) -> bool:
    if value is True or value is False:
        return value
    raw = folded(value).lower()
    if not raw or raw in FALSE_WORDS:
        return False
    if raw in TRUE_WORDS:
        return True
    raise CellError(_("Unknown value %(value)s: use 是 or 否.") % {"value": raw})
