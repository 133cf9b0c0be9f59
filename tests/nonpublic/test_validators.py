import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from pacesetter.nonpublic.validators import (
    check_character,
    normalise_credit_code,
    validate_credit_code,
)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "52341122MJB0123456"[:17]
                                  + check_character("52341122MJB0123456"[:17])])
def test_validate_credit_code_accepts_real_shaped_codes(code):
    validate_credit_code(code)


def test_check_character_of_a_published_code():
    assert check_character("91110000600037341") == "L"


def test_check_character_wraps_31_to_zero():
    body = next(f"9134112200000{n:04d}" for n in range(10000)
                if sum("0123456789ABCDEFGHJKLMNPQRTUWXY".index(c) * w for c, w in zip(
                    f"9134112200000{n:04d}", (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28))) % 31 == 0)
    assert check_character(body) == "0"


def _message(code):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    return caught.value.code, caught.value.messages[0]


def test_validate_credit_code_names_a_wrong_length():
    assert _message("91350100M000100Y4") == (
        "credit_code_length", "A unified social credit code has 18 characters; this has 17.")


def test_validate_credit_code_names_a_character_outside_the_set():
    assert _message("91350100M0001O0Y43") == (
        "credit_code_character",
        ("Character 14 (“O”) is not allowed in a unified social credit code: only digits and the capital letters "
        "other than I, O, Z, S and V."))


def test_validate_credit_code_names_a_wrong_check_character():
    assert _message("91350100M000100Y44") == (
        "credit_code_check",
        ("The check character of this unified social credit code is wrong: the first 17 characters give “3”, "
        "not “4”. Check the code for a typing error."))


def test_normalise_credit_code_drops_spaces_and_upper_cases():
    assert normalise_credit_code(" 9135 0100m000100y43 ") == "91350100M000100Y43"
