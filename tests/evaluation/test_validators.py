import pytest
from django.core.exceptions import ValidationError

from pacesetter.core.errors import DomainError
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import GroupKind, Scale
from pacesetter.evaluation.validators import DEFAULT_GRADING, validate_grading, validate_points


def _grading_error(value) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_grading(value)
    return caught.value.messages


# --- points --------------------------------------------------------------------------------


def test_validate_points_accepts_points_falling_from_best_to_worst():
    assert validate_points(Scale.SATISFACTION5, [100, 90, 90, 20, 0]) is None


def test_validate_points_refuses_points_rising_towards_the_worst_option():
    with pytest.raises(ValidationError) as caught:
        validate_points(Scale.GRADE4, [100, 70, 80, 40])
    assert caught.value.messages == [
        "Points must not increase from the best option to the worst: option 3 (fair) has 80 points, "
        "more than the 70 of the option before it."
    ]


def test_create_scheme_names_the_indicator_with_rising_points(db):
    indicators = [
        {"question": "师德师风", "scale": Scale.GRADE4, "weight": 50},
        {"question": "家长满意度", "scale": Scale.SATISFACTION3, "weight": 50, "points": [60, 100, 0]},
    ]
    with pytest.raises(DomainError) as caught:
        domain.create_scheme(name="学校测评", indicators=indicators,
                             groups=[{"kind": GroupKind.PUBLIC, "weight": 100}], by=None)
    assert caught.value.messages == [
        "Indicator 2: Points must not increase from the best option to the worst: option 2 (fairly satisfied) "
        "has 100 points, more than the 60 of the option before it."
    ]


# --- grading rules -------------------------------------------------------------------------


def test_validate_grading_accepts_the_defaults_and_nothing():
    assert (validate_grading(DEFAULT_GRADING), validate_grading({})) == (None, None)


def test_validate_grading_accepts_whole_numbers_and_a_zero_share():
    assert validate_grading({"advanced_min": 95, "lagging_bottom_share": 0, "flag_caps_at": "good"}) is None


def test_validate_grading_names_an_unknown_key():
    assert _grading_error({"good_min": 75, "excellent_min": 95}) == [
        "Unknown grading rule “excellent_min”; the rules are: advanced_min, good_min, fair_min, "
        "advanced_top_share, lagging_bottom_share, flag_caps_at."
    ]


@pytest.mark.parametrize("value", [101, -1, "90", None, True, float("nan")])
def test_validate_grading_needs_a_score_from_0_to_100(value):
    assert _grading_error({"fair_min": value}) == ["The grading rule “fair_min” must be a score from 0 to 100."]


@pytest.mark.parametrize("value", [1.5, -0.1, "0.2", False])
def test_validate_grading_needs_a_share_from_0_to_1(value):
    assert _grading_error({"advanced_top_share": value}) == [
        "The grading rule “advanced_top_share” must be a share from 0 to 1."
    ]


def test_validate_grading_needs_advanced_at_or_above_good():
    assert _grading_error({"advanced_min": 85, "good_min": 88}) == [
        "The grading rule “advanced_min” (85) must not be below “good_min” (88)."
    ]


def test_validate_grading_compares_with_the_defaults_of_keys_left_out():
    assert _grading_error({"fair_min": 85}) == [
        "The grading rule “good_min” (80.0) must not be below “fair_min” (85)."
    ]


def test_validate_grading_needs_a_grade_as_the_flag_cap():
    assert _grading_error({"flag_caps_at": "poor"}) == [
        "The grading rule “flag_caps_at” must be one of: advanced, good, fair, lagging."
    ]


def test_validate_grading_needs_a_mapping():
    assert _grading_error([("fair_min", 60)]) == ["Grading rules must be a mapping of rule names to values."]
