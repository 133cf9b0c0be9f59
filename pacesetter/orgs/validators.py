import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: An organisation's, member's or leader's code; CODE_RE anchors it for whole values, URL
#: patterns and the API's lookups use it as it is.
CODE_PATTERN = r"[0-9A-Za-z][0-9A-Za-z_.\-]{0,31}"
CODE_RE = re.compile(rf"^{CODE_PATTERN}$")
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


class CodeConverter:
    """`<code:code>` in URL patterns: only what can be a code reaches a view, so a malformed
    one (a NUL byte would make PostgreSQL refuse the query) is a 404 like an unknown one."""

    regex = CODE_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
