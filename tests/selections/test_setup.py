"""Honour kinds and a selection's set-up: what may change when, and what is refused."""
import datetime

import pytest
from django.utils import timezone

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.evaluation.enums import RoundState
from pacesetter.selections import domain
from pacesetter.selections.enums import NomineeKind, SelectionState

from .world import campaign, kind, make_selection, released_round


def test_add_honour_kind_goes_to_the_end(tree):
    kind()
    added = domain.add_honour_kind(by=tree.users.county_admin, name="优秀村官", nominee=NomineeKind.MEMBER,
                                   code="village-official")
    assert (added.code, added.active, added.position > kind().position) == ("village-official", True, True)


def test_add_honour_kind_refuses_a_duplicate_name(tree):
    kind()
    with pytest.raises(DomainError) as error:
        domain.add_honour_kind(by=tree.users.county_admin, name="红旗支部", nominee=NomineeKind.ORGANIZATION)
    assert error.value.code == "duplicate"


def test_only_county_admins_manage_kinds(tree):
    with pytest.raises(PermissionDeniedError):
        domain.add_honour_kind(by=tree.users.org_admin, name="新荣誉", nominee=NomineeKind.ORGANIZATION)


def test_kind_out_of_use_cannot_start_a_selection(tree):
    honour = domain.change_honour_kind(kind(), by=tree.users.county_admin, active=False)
    with pytest.raises(DomainError) as error:
        make_selection(tree, honour=honour)
    assert error.value.code == "kind_inactive"


def test_selection_needs_a_released_round(tree):
    round_ = released_round(tree)
    round_.state = RoundState.CLOSED
    round_.save()
    with pytest.raises(DomainError) as error:
        make_selection(tree, round_=round_)
    assert error.value.code == "round_not_released"


def test_rules_out_of_range_are_refused(tree):
    with pytest.raises(DomainError) as error:
        make_selection(tree, rules={"min_fulfilment": 150})
    assert error.value.code == "rules"


def test_open_nominations_refuses_a_past_close_date(tree):
    selection = domain.create_selection(by=tree.users.county_admin, campaign=campaign(), kind=kind(), title="评选",
                                        nominations_close_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(DomainError) as error:
        domain.open_nominations(selection, by=tree.users.county_admin)
    assert error.value.code == "closed"


def test_rules_are_fixed_once_nominations_are_open(tree):
    selection = make_selection(tree, rules={"no_open_case": True})
    with pytest.raises(DomainError) as error:
        domain.change_selection(selection, by=tree.users.county_admin, rules={"min_grade": "good"})
    assert error.value.code == "state"


def test_quota_may_change_while_nominations_are_open(tree):
    selection = make_selection(tree)
    selection = domain.change_selection(selection, by=tree.users.county_admin, quota_by="township",
                                        quotas={"一号镇": 2})
    assert (selection.quota_by, list(selection.quotas.values_list("group", "seats"))) == ("township", [("一号镇", 2)])


def test_set_up_is_fixed_under_review(tree):
    selection = make_selection(tree, state=SelectionState.REVIEWING)
    with pytest.raises(DomainError) as error:
        domain.change_selection(selection, by=tree.users.county_admin, title="新标题")
    assert error.value.code == "state"
