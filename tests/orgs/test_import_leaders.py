"""Importing county-level leaders: a county admin's job; new leaders join the top organisation."""
import pytest
from django.utils import translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.orgs.importing import import_leaders, leader_organization
from pacesetter.orgs.importing.reading import Sheet
from pacesetter.orgs.models import Leader

from .fixtures.spreadsheets import LEADER_HEADER, make_org_root, problems, run


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_new_leaders_join_the_single_root_when_run_by_the_system(tree):
    result = run("leaders", [LEADER_HEADER, ["L2", "李副县长", "副县长", 13900001111.0]])
    assert result.created == ["L2"]
    assert Leader.objects.values_list("name", "title", "phone", "organization__code").get(code="L2") == (
        "李副县长", "副县长", "13900001111", "C",
    )


def test_county_admin_adds_leaders_to_their_county(tree):
    result = run("leaders", [LEADER_HEADER, ["L2", "李副县长", "副县长", ""]], by=tree.users.county_admin)
    assert (result.created, Leader.objects.get(code="L2").organization) == (["L2"], tree.county)


def test_leader_update_and_reimport(tree):
    rows = [LEADER_HEADER, ["L1", "王县长", "县长", ""]]
    assert run("leaders", rows).updated == ["L1"]
    assert Leader.objects.get(code="L1").title == "县长"
    assert run("leaders", rows).unchanged == 1


def test_several_roots_need_an_organisation_named(tree):
    make_org_root("D")
    with pytest.raises(DomainError) as caught:
        leader_organization(None)
    assert caught.value.messages == [
        "There are several top organisations: say which one the leaders belong to (--org CODE)."
    ]


def test_the_named_organisation_receives_new_leaders(tree):
    other = make_org_root("D")
    result = run("leaders", [LEADER_HEADER, ["L2", "李", "", ""]], organization=leader_organization(None, "D"))
    assert (result.created, Leader.objects.get(code="L2").organization) == (["L2"], other)


def test_an_unknown_organisation_cannot_receive_leaders(tree):
    with pytest.raises(DomainError) as caught:
        leader_organization(tree.users.county_admin, "NOPE")
    assert caught.value.messages == ["Unknown organisation code NOPE."]


def test_an_organisation_admin_may_not_import_leaders(tree):
    sheet = Sheet("l.xlsx", "0" * 64, ".xlsx", [LEADER_HEADER, ["L2", "李", "", ""]])
    with pytest.raises(PermissionDeniedError):
        import_leaders(sheet, by=tree.users.org_admin)


def test_leader_rows_are_checked_like_the_others(tree):
    rows = [LEADER_HEADER, ["L2", "", "职" * 101, "110"]]
    assert problems(run("leaders", rows)) == [
        (2, "姓名", "", "This value is required."),
        (2, "职务", "职" * 101, "Too long: at most 100 characters, this has 101."),
        (2, "手机号码", "110", "Not a phone number: enter an 11-digit mobile number or a landline such as 0791-8888888."),
    ]
