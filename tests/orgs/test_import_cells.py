"""The cell parsers: what real files hold, from calamine, openpyxl or CSV text."""
import datetime

import pytest
from django.utils import timezone, translation

from pacesetter.orgs.importing import cells
from pacesetter.orgs.importing.cells import CellError


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def reason(parse, value):
    with pytest.raises(CellError) as caught:
        parse(value)
    return caught.value.message


@pytest.mark.parametrize(
    "value",
    [
        "2001-07-01", "2001/7/1", "2001.7.1", "2001年7月1日", "2001年07月01日", " 2001-07-01\u3000",
        "２００１年７月１日", "20010701", "2001-07-01 00:00:00",
        datetime.date(2001, 7, 1), datetime.datetime(2001, 7, 1, 0, 0), datetime.datetime(2001, 7, 1, 15, 30),
        37073.0, 37073, 37073.5,
    ],
)
def test_parse_date_accepts_every_form(value):
    assert cells.parse_date(value) == datetime.date(2001, 7, 1)


@pytest.mark.parametrize("value", ["", None, "  ", "\u3000"])
def test_parse_date_blank_is_none(value):
    assert cells.parse_date(value) is None


def test_parse_date_refuses_text_that_is_no_date():
    assert reason(cells.parse_date, "七月一日") == (
        "Not a date: 七月一日. Write it like 2001-07-01, 2001/7/1, 2001.7.1 or 2001年7月1日."
    )


def test_parse_date_refuses_impossible_days():
    assert reason(cells.parse_date, "2001-02-30") == "No such day: 2001-02-30."


def test_parse_date_refuses_a_year_typed_as_a_number():
    assert reason(cells.parse_date, 2001.0) == "Not a full date: 2001. Write it like 2001-07-01."


def test_parse_date_refuses_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert reason(cells.parse_date, tomorrow) == f"This date is in the future: {tomorrow.isoformat()}."


def test_parse_date_refuses_before_1900():
    assert reason(cells.parse_date, "1899-12-31") == "Dates before 1900 are not accepted: 1899-12-31."


@pytest.mark.parametrize(
    "value, expected",
    [
        (13800001234.0, "13800001234"),
        (13800001234, "13800001234"),
        ("13800001234.0", "13800001234"),
        (" 138 0000 1234 ", "13800001234"),
        ("+8613800001234", "13800001234"),
        ("8613800001234", "13800001234"),
        ("１３８００００１２３４", "13800001234"),
        ("0791-8888888", "0791-8888888"),
        ("", ""),
        (None, ""),
    ],
)
def test_parse_phone_cleans_numbers(value, expected):
    assert cells.parse_phone(value) == expected


def test_parse_phone_refuses_masked_numbers():
    assert reason(cells.parse_phone, "138****1234") == (
        "This phone number is masked (contains '*'): enter the full number."
    )


@pytest.mark.parametrize("value", ["1380000123", "23800001234", "1.38E+10", "phone"])
def test_parse_phone_refuses_what_is_no_phone_number(value):
    assert reason(cells.parse_phone, value) == (
        "Not a phone number: enter an 11-digit mobile number or a landline such as 0791-8888888."
    )


@pytest.mark.parametrize(
    "value, expected",
    [(1001.0, "1001"), (1001, "1001"), ("1001.0", "1001.0"), (" A-01\u3000", "A-01"), ("ＡＢ１", "AB1"), ("", "")],
)
def test_parse_code_cleans_codes(value, expected):
    assert cells.parse_code(value) == expected


def test_parse_code_refuses_long_codes():
    assert reason(cells.parse_code, "C" * 33) == "Too long: at most 32 characters, this has 33."


def test_parse_code_refuses_other_characters():
    assert reason(cells.parse_code, "一号") == (
        "A code is 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit."
    )


@pytest.mark.parametrize("value", ["\u3000张三\u3000", " 张三 ", "\t张三\n", "\ufeff张三", "张三\u200b"])
def test_parse_text_trims_spaces_of_every_width(value):
    assert cells.parse_text(value, max_length=50) == "张三"


def test_parse_text_refuses_too_long_text_naming_the_maximum():
    assert reason(lambda v: cells.parse_text(v, max_length=50), "长" * 51) == (
        "Too long: at most 50 characters, this has 51."
    )


@pytest.mark.parametrize("value, expected", [("是", True), ("否", False), ("", False), (True, True), ("Yes", True), (0.0, False), (1.0, True)])
def test_parse_bool(value, expected):
    assert cells.parse_bool(value) is expected


def test_parse_bool_refuses_other_words():
    assert reason(cells.parse_bool, "也许") == "Unknown value 也许: use 是 or 否."


@pytest.mark.parametrize(
    "value, expected",
    [(1001.0, "1001"), (12.5, "12.5"), (datetime.date(2001, 7, 1), "2001-07-01"),
     (datetime.datetime(2001, 7, 1), "2001-07-01"), (None, "")],
)
def test_text_normalises_what_readers_return(value, expected):
    assert cells.text(value) == expected
