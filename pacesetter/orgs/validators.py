import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.\-]{0,31}$")
PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")

validate_code = RegexValidator(
    CODE_RE, _("A code is 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit.")
)
validate_phone = RegexValidator(
    PHONE_RE, _("Enter an 11-digit mobile number or a landline such as 0791-8888888.")
)


def mask_phone(phone: str) -> str:
    """138****5678: the middle hidden, so lists never show a whole number."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return phone[:1] + "*" * (len(phone) - 2) + phone[-1:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
