"""The public notice: the period's boundaries, objections and their outcomes, finalising."""
import datetime

import pytest
import time_machine

from pacesetter.core.errors import DomainError
from pacesetter.selections import domain
from pacesetter.selections.enums import NominationStatus, ObjectionState, SelectionState

from .world import IP, on_notice

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
MONDAY = datetime.date(2030, 1, 7)  # the notice runs Monday 7 to Friday 11 January 2030


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def notice(tree):
    with at(MONDAY - datetime.timedelta(days=3)):
        return on_notice(tree, starts_on=MONDAY)


def lodge(nomination, text="该支部存在问题"):
    return domain.lodge_objection(nomination, client_ip=IP, text_=text)


def test_notice_runs_five_working_days(notice):
    selection, _b1, _t1 = notice
    assert (selection.notice_starts_on, selection.notice_ends_on) == (MONDAY, datetime.date(2030, 1, 11))


def test_objection_refused_the_day_before_the_period(notice):
    _selection, b1, _t1 = notice
    with at(MONDAY - datetime.timedelta(days=1)), pytest.raises(DomainError) as error:
        lodge(b1)
    assert error.value.code == "period"


def test_objection_accepted_on_the_first_day(notice):
    _selection, b1, _t1 = notice
    with at(MONDAY, hour=0):
        assert lodge(b1).state == ObjectionState.RECEIVED


def test_objection_accepted_on_the_last_day(notice):
    _selection, b1, _t1 = notice
    with at(datetime.date(2030, 1, 11), hour=23):
        assert lodge(b1).state == ObjectionState.RECEIVED


def test_objection_refused_the_day_after(notice):
    _selection, b1, _t1 = notice
    with at(datetime.date(2030, 1, 12), hour=0), pytest.raises(DomainError) as error:
        lodge(b1)
    assert error.value.code == "period"


def test_objection_needs_text(notice):
    _selection, b1, _t1 = notice
    with at(MONDAY), pytest.raises(DomainError) as error:
        lodge(b1, text=" ")
    assert error.value.code == "required"


def test_objections_are_rate_limited(notice, settings):
    settings.SELECTION_OBJECTIONS_PER_HOUR = 2
    _selection, b1, _t1 = notice
    with at(MONDAY):
        lodge(b1)
        lodge(b1)
        with pytest.raises(DomainError) as error:
            lodge(b1)
    assert (error.value.code, b1.objections.count()) == ("rate_limited", 2)


def test_upheld_objection_drops_the_nominee(tree, notice):
    _selection, b1, _t1 = notice
    with at(MONDAY):
        objection = domain.answer_objection(lodge(b1), by=tree.users.county_admin, upheld=True, finding="查证属实")
    b1.refresh_from_db()
    assert (objection.state, objection.answer, b1.status) == (ObjectionState.UPHELD, "查证属实",
                                                             NominationStatus.DROPPED)


def test_dismissed_objection_keeps_the_nominee(tree, notice):
    _selection, b1, _t1 = notice
    with at(MONDAY):
        objection = domain.answer_objection(lodge(b1), by=tree.users.county_admin, upheld=False, finding="查无实据")
    b1.refresh_from_db()
    assert (objection.state, b1.status) == (ObjectionState.DISMISSED, NominationStatus.SHORTLISTED)


def test_an_objection_is_answered_once(tree, notice):
    _selection, b1, _t1 = notice
    with at(MONDAY):
        objection = domain.answer_objection(lodge(b1), by=tree.users.county_admin, upheld=False, finding="查无实据")
        with pytest.raises(DomainError) as error:
            domain.answer_objection(objection, by=tree.users.county_admin, upheld=True, finding="再查")
    assert error.value.code == "answered"


def test_inspector_cannot_answer(tree, notice):
    _selection, b1, _t1 = notice
    with at(MONDAY), pytest.raises(DomainError) as error:
        domain.answer_objection(lodge(b1), by=tree.users.inspector, upheld=True, finding="查证属实")
    assert error.value.code == "forbidden"


def test_finalise_refused_on_the_last_day(tree, notice):
    selection, _b1, _t1 = notice
    with at(datetime.date(2030, 1, 11), hour=23), pytest.raises(DomainError) as error:
        domain.finalise_selection(selection, by=tree.users.county_admin)
    assert error.value.code == "period"


def test_finalise_refused_while_an_objection_is_unanswered(tree, notice):
    selection, b1, _t1 = notice
    with at(MONDAY):
        lodge(b1)
    with at(datetime.date(2030, 1, 14)), pytest.raises(DomainError) as error:
        domain.finalise_selection(selection, by=tree.users.county_admin)
    assert error.value.code == "open_objections"


def test_finalise_confirms_the_remaining_list(tree, notice):
    selection, b1, _t1 = notice
    with at(MONDAY):
        domain.answer_objection(lodge(b1), by=tree.users.county_admin, upheld=True, finding="查证属实")
    with at(datetime.date(2030, 1, 14)):
        selection = domain.finalise_selection(selection, by=tree.users.county_admin)
    assert (selection.state, sorted(selection.nominations.values_list("organization__code", "status"))) == (
        SelectionState.FINAL, [("T1", NominationStatus.CONFIRMED), ("T1B1", NominationStatus.DROPPED)])
