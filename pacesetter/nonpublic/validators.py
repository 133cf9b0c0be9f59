"""The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
31-character set (digits and capitals without I, O, Z, S, V), the last a check character
computed from the first 17 with the weights 3^i mod 31."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(body: str) -> str:
    """The check character of the first 17 characters (all from CHARSET)."""
    total = sum(CHARSET.index(char) * weight for char, weight in zip(body, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def normalise_credit_code(value: str) -> str:
    """Upper case without spaces: codes are typed and pasted in every form."""
    return "".join(str(value or "").split()).upper()


def validate_credit_code(value: str) -> None:
    code = normalise_credit_code(value)
    if len(code) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this has %(n)d.") % {"n": len(code)},
            code="credit_code_length")
    for position, char in enumerate(code, start=1):
        if char not in CHARSET:
            raise ValidationError(
                _("Character %(position)d (“%(char)s”) is not allowed in a unified social credit code: "
                  "only digits and the capital letters other than I, O, Z, S and V.")
                % {"position": position, "char": char}, code="credit_code_character")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong: the first 17 characters "
              "give “%(expected)s”, not “%(found)s”. Check the code for a typing error.")
            % {"expected": expected, "found": code[17]}, code="credit_code_check")
