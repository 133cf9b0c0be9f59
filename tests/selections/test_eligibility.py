"""Each eligibility rule on hand-made records: passing and failing."""
import pytest

from pacesetter.selections.eligibility import check, clean_rules, explain

RECORD = {"grade": "good", "open_cases": 0, "fulfilment": 85.0, "member": {"status": "formal"}, "honours": [2020],
          "year": 2026, "disqualifications": 0}


def result(rules, **changes):
    rows, eligible = check(rules, {**RECORD, **changes})
    return [row["passed"] for row in rows], eligible


@pytest.mark.parametrize(("threshold", "grade", "passed"), [
    ("good", "good", True), ("good", "advanced", True), ("good", "fair", False), ("advanced", "good", False),
    ("fair", "", False),
])
def test_min_grade(threshold, grade, passed):
    assert result({"min_grade": threshold}, grade=grade) == ([passed], passed)


def test_no_open_case_passes_without_open_cases():
    assert result({"no_open_case": True}) == ([True], True)


def test_no_open_case_fails_with_an_open_case():
    assert result({"no_open_case": True}, open_cases=1) == ([False], False)


@pytest.mark.parametrize(("fulfilment", "passed"), [(80.0, True), (79.9, False), (None, False)])
def test_min_fulfilment(fulfilment, passed):
    assert result({"min_fulfilment": 80}, fulfilment=fulfilment) == ([passed], passed)


def test_probationary_member_is_excluded():
    assert result({"formal_members_only": True}, member={"status": "probationary"}) == ([False], False)


def test_formal_member_and_organisation_pass_the_member_rule():
    assert (result({"formal_members_only": True}), result({"formal_members_only": True}, member=None)) == (
        ([True], True), ([True], True))


@pytest.mark.parametrize(("honours", "passed"), [([2020], True), ([2024], False), ([2023], True), ([], True)])
def test_not_honoured_in_the_last_three_years(honours, passed):
    assert result({"not_honoured_years": 3}, honours=honours) == ([passed], passed)


def test_disqualification_fails():
    assert result({"no_disqualification": True}, disqualifications=1) == ([False], False)


def test_no_disqualification_passes():
    assert result({"no_disqualification": True}) == ([True], True)


def test_rules_run_in_catalogue_order_and_one_failure_makes_it_ineligible():
    rows, eligible = check({"no_open_case": True, "min_grade": "advanced"}, RECORD)
    assert ([r["rule"] for r in rows], [r["passed"] for r in rows], eligible) == (
        ["min_grade", "no_open_case"], [False, True], False)


def test_no_rules_is_eligible():
    assert check({}, RECORD) == ([], True)


def test_clean_rules_keeps_known_rules_and_drops_empty_ones():
    assert clean_rules({"min_grade": "good", "no_open_case": "on", "min_fulfilment": "", "bogus": 3,
                        "not_honoured_years": "2"}) == {"min_grade": "good", "no_open_case": True,
                                                         "not_honoured_years": 2}


def test_clean_rules_refuses_a_percentage_over_100():
    with pytest.raises(ValueError):
        clean_rules({"min_fulfilment": 101})


def test_explain_names_the_value(settings):
    from django.utils import translation
    rows, _ = check({"min_grade": "good", "min_fulfilment": 90}, {**RECORD, "fulfilment": None})
    with translation.override("en"):
        assert [explain(r) for r in rows] == ["graded good", "no published commitment items decided or due"]
