from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.sitevisits import domain
from pacesetter.sitevisits.domain.codes import code_hash, normalise
from pacesetter.sitevisits.enums import MeetingState
from pacesetter.sitevisits.models import ObserverCode, Score, Sheet
from pacesetter.sitevisits.queries import ranking

from .world import IP, make_meeting, open_meeting, points, score


def codes(error) -> list:
    return [e.code for e in error.value.error_list]


def test_create_meeting_keeps_the_sheet_and_route_in_order(tree):
    meeting = make_meeting(tree)
    assert (meeting.state, list(meeting.criteria.values_list("position", "name", "max_points")),
            list(meeting.sites.values_list("position", "organization__code"))) == (
        MeetingState.DRAFT,
        [(1, "组织建设", 25), (2, "创先争优活动开展", 25), (3, "承诺践诺", 25), (4, "群众满意", 25)],
        [(1, "T1B1"), (2, "T2B1")],
    )


def test_create_meeting_is_for_county_admins(tree):
    with pytest.raises(PermissionDeniedError):
        domain.create_meeting(by=tree.users.org_admin, title="t", held_on=tree.county.created_at.date(),
                              criteria=[("组织建设", 25)])


@pytest.mark.parametrize("sheet, code", [
    ([], "sheet_empty"), ([("组织建设", 0)], "criterion_points"), ([("组织建设", 101)], "criterion_points"),
    ([("组织建设", 25), ("组织建设", 20)], "criterion_duplicate"),
])
def test_create_meeting_refuses_a_bad_sheet(tree, sheet, code):
    with pytest.raises(DomainError) as error:
        make_meeting(tree, sheet=sheet)
    assert codes(error) == [code]


def test_add_site_refuses_the_same_organisation_twice(tree):
    meeting = make_meeting(tree)
    with pytest.raises(DomainError) as error:
        domain.add_site(meeting, by=tree.users.county_admin, organization=tree.b1)
    assert codes(error) == ["site_duplicate"]


def test_remove_site_moves_the_later_sites_up(tree):
    meeting = make_meeting(tree, sites=("b1", "t2", "b2"))
    domain.remove_site(meeting.sites.get(position=1), by=tree.users.county_admin)
    assert list(meeting.sites.values_list("position", "organization__code")) == [(1, "T2"), (2, "T2B1")]


def test_add_observers_numbers_them_after_the_last(tree):
    meeting = make_meeting(tree)
    domain.add_observers(meeting, by=tree.users.county_admin, people=[("赵六", "")])
    assert list(meeting.observers.values_list("number", "name", "unit")) == [
        (1, "王建国", "县委副书记"), (2, "李明", "一号镇党委书记"), (3, "赵六", "")]


def test_issue_codes_stores_only_keyed_hashes(tree):
    meeting = make_meeting(tree)
    issued = domain.issue_codes(meeting, by=tree.users.county_admin)
    stored = set(ObserverCode.objects.values_list("key_hash", flat=True))
    assert (len(issued), stored == {code_hash(code) for _o, code in issued},
            any(normalise(code) in h for _o, code in issued for h in stored)) == (2, True, False)


def test_issued_codes_have_at_least_64_random_bits(tree):
    meeting = make_meeting(tree)
    code = normalise(domain.issue_codes(meeting, by=tree.users.county_admin)[0][1])
    assert (len(code), len(set(code) - set("ABCDEFGHJKMNPQRSTUVWXYZ23456789"))) == (16, 0)


def test_issue_codes_again_revokes_the_old_code(tree):
    meeting, (old, _other) = open_meeting(tree)
    observer = meeting.observers.get(number=1)
    [(_o, new)] = domain.issue_codes(meeting, by=tree.users.county_admin, observers=[observer])
    with translation.override("en"), pytest.raises(DomainError) as error:
        score(meeting, 1, old, 20, 20, 20, 20)
    assert (error.value.messages, score(meeting, 1, new, 20, 20, 20, 20).total) == (
        ["This observer code was replaced by a new one and can no longer be used."], 80)


def test_open_scoring_needs_sites_and_observers(tree):
    meeting = make_meeting(tree, sites=(), observers=())
    with pytest.raises(DomainError) as error:
        domain.open_scoring(meeting, by=tree.users.county_admin)
    assert codes(error) == ["no_sites"]


def test_sites_are_fixed_once_scoring_opens(tree):
    meeting, _codes = open_meeting(tree)
    with pytest.raises(DomainError) as error:
        domain.add_site(meeting, by=tree.users.county_admin, organization=tree.t1)
    assert codes(error) == ["state"]


def test_submit_sheet_writes_the_scores_and_total(tree):
    meeting, (code, _other) = open_meeting(tree)
    sheet = score(meeting, 1, code, 20, 22, 18, 25, comment="亮点突出")
    assert (sheet.total, sheet.comment, sheet.observer.name, list(sheet.scores.order_by("criterion__position")
                                                                  .values_list("points", flat=True))) == (
        85, "亮点突出", "王建国", [20, 22, 18, 25])


def test_submit_sheet_accepts_lowercase_code_with_spaces(tree):
    meeting, (code, _other) = open_meeting(tree)
    assert score(meeting, 1, " " + code.lower().replace("-", " "), 1, 2, 3, 4).total == 10


def test_second_sheet_of_an_observer_for_a_site_is_refused(tree):
    meeting, (code, _other) = open_meeting(tree)
    score(meeting, 1, code, 20, 20, 20, 20)
    with translation.override("en"), pytest.raises(DomainError) as error:
        score(meeting, 1, code, 25, 25, 25, 25)
    assert (error.value.messages, Sheet.objects.count(), Score.objects.count()) == (
        ["You have already scored this site; each observer sends one sheet per site."], 1, 4)


def test_the_same_observer_scores_every_site_once(tree):
    meeting, (code, _other) = open_meeting(tree)
    score(meeting, 1, code, 20, 20, 20, 20)
    score(meeting, 2, code, 10, 10, 10, 10)
    assert list(Sheet.objects.order_by("site__position").values_list("site__position", "total")) == [(1, 80), (2, 40)]


def test_a_duplicate_sheet_that_slips_past_the_check_is_refused_by_the_database(tree):
    """The race: the check saw no sheet, but another request wrote one before the insert."""
    meeting, (code, _other) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    ticket = domain.check_code(site, code, client_ip=IP)
    score(meeting, 1, code, 20, 20, 20, 20)
    with pytest.raises(IntegrityError):
        Sheet.objects.create(site=site, observer=ticket.observer, total=1)


def test_a_racing_duplicate_submission_is_a_domain_refusal(tree, monkeypatch):
    """Two phones send at once: both pass the existence check; the unique constraint turns
    the loser's insert into the usual refusal and nothing of it is written."""
    meeting, (code, _other) = open_meeting(tree)
    score(meeting, 1, code, 20, 20, 20, 20)
    monkeypatch.setattr(Sheet.objects, "filter", lambda **kw: Sheet.objects.none())
    with pytest.raises(DomainError) as error:
        score(meeting, 1, code, 25, 25, 25, 25)
    monkeypatch.undo()
    assert (codes(error), list(Sheet.objects.values_list("total", flat=True)), Score.objects.count()) == (
        ["already_scored"], [80], 4)


@pytest.mark.parametrize("raw, message", [
    ("ABCD", "This observer code is not valid. Check that it was typed completely."),
    ("ABCD-EFGH-JKMN-PQRS", "This observer code is not valid. Check that it was typed completely."),
    ("ABCD-EFGH-JKMN-PQR0", "This observer code is not valid. Check that it was typed completely."),
])
def test_wrong_or_unknown_code_is_refused_and_nothing_is_written(tree, raw, message):
    meeting, _codes = open_meeting(tree)
    entries = AuditEntry.objects.count()
    with translation.override("en"), pytest.raises(DomainError) as error:
        score(meeting, 1, raw, 20, 20, 20, 20)
    assert (error.value.messages, Sheet.objects.count(), AuditEntry.objects.count()) == ([message], 0, entries)


def test_code_of_another_meeting_is_refused(tree):
    meeting, _codes = open_meeting(tree)
    _other, (other_code, _second) = open_meeting(tree, title="另一场观摩会")
    with translation.override("en"), pytest.raises(DomainError) as error:
        score(meeting, 1, other_code, 20, 20, 20, 20)
    assert error.value.messages == ["This observer code belongs to another meeting."]


def test_draft_meeting_takes_no_sheets(tree):
    meeting = make_meeting(tree)
    [(_o, code), _second] = domain.issue_codes(meeting, by=tree.users.county_admin)
    with translation.override("en"), pytest.raises(DomainError) as error:
        score(meeting, 1, code, 20, 20, 20, 20)
    assert error.value.messages == ["Scoring for this meeting has not started yet."]


def test_closed_meeting_refuses_sheets(tree):
    meeting, (code, _other) = open_meeting(tree)
    meeting = domain.close_scoring(meeting, by=tree.users.county_admin)
    with translation.override("en"), pytest.raises(DomainError) as error:
        score(meeting, 1, code, 20, 20, 20, 20)
    assert (error.value.messages, Sheet.objects.count()) == (
        ["Scoring for this meeting is closed; no more sheets are taken."], 0)


@pytest.mark.parametrize("values", [(26, 20, 20, 20), (-1, 20, 20, 20), (20, 20, 20, True), (20, 20, 20, "5")])
def test_points_outside_the_criterion_bounds_are_refused(tree, values):
    meeting, (code, _other) = open_meeting(tree)
    with pytest.raises(DomainError) as error:
        score(meeting, 1, code, *values)
    assert (codes(error), Sheet.objects.count()) == (["points"], 0)


def test_points_at_the_bounds_are_taken(tree):
    meeting, (code, other) = open_meeting(tree)
    assert (score(meeting, 1, code, 0, 0, 0, 0).total, score(meeting, 1, other, 25, 25, 25, 25).total) == (0, 100)


def test_a_missing_criterion_is_refused(tree):
    meeting, (code, _other) = open_meeting(tree)
    partial = dict(list(points(meeting, 1, 2, 3, 4).items())[:3])
    site = meeting.sites.get(position=1)
    with pytest.raises(DomainError) as error:
        domain.submit_sheet(site, code=code, points=partial, client_ip=IP)
    assert codes(error) == ["points"]


def test_sheets_beyond_the_hourly_limit_are_refused(tree, settings):
    settings.SITEVISIT_POSTS_PER_HOUR = 2
    meeting, (code, other) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    domain.check_code(site, code, client_ip=IP)
    score(meeting, 1, code, 1, 1, 1, 1)
    with pytest.raises(DomainError) as error:
        score(meeting, 1, other, 1, 1, 1, 1)
    assert (codes(error), Sheet.objects.count()) == (["rate_limited"], 1)


def test_wrong_codes_count_against_the_limit(tree, settings):
    settings.SITEVISIT_POSTS_PER_HOUR = 1
    meeting, (code, _other) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    with pytest.raises(DomainError):
        domain.check_code(site, "ABCD-EFGH-JKMN-PQRS", client_ip=IP)
    with pytest.raises(DomainError) as error:
        domain.check_code(site, code, client_ip=IP)
    assert codes(error) == ["rate_limited"]


def test_ranking_by_hand(tree):
    """Site 1: (80 + 90) / 2 = 85.00; site 2: (85 + 85) / 2 = 85.00, a tie on the total.
    First criterion: site 1 (20 + 25) / 2 = 22.5, site 2 (25 + 20) / 2 = 22.5, tied; second:
    site 1 (20 + 25) / 2 = 22.5, site 2 (25 + 25) / 2 = 25 → site 2 first."""
    meeting, (a, b) = open_meeting(tree)
    score(meeting, 1, a, 20, 20, 20, 20)
    score(meeting, 1, b, 25, 25, 20, 20)
    score(meeting, 2, a, 25, 25, 20, 15)
    score(meeting, 2, b, 20, 25, 20, 20)
    assert [(r.rank, r.site.organization.code, r.mean, r.sheets, r.criterion_means) for r in ranking(meeting)] == [
        (1, "T2B1", Decimal("85.00"), 2, [Decimal("22.50"), Decimal("25.00"), Decimal("20.00"), Decimal("17.50")]),
        (2, "T1B1", Decimal("85.00"), 2, [Decimal("22.50"), Decimal("22.50"), Decimal("20.00"), Decimal("20.00")]),
    ]


def test_ranking_full_tie_goes_to_the_earlier_site(tree):
    meeting, (a, _b) = open_meeting(tree)
    score(meeting, 2, a, 20, 20, 20, 20)
    score(meeting, 1, a, 20, 20, 20, 20)
    assert [(r.rank, r.site.position) for r in ranking(meeting)] == [(1, 1), (2, 2)]


def test_ranking_leaves_out_sites_without_sheets(tree):
    meeting, (a, _b) = open_meeting(tree)
    score(meeting, 2, a, 1, 2, 3, 4)
    assert [(r.rank, r.site.position, r.mean) for r in ranking(meeting)] == [(1, 2, Decimal("10.00"))]


def test_publish_results_writes_rank_mean_and_count(tree):
    meeting, (a, b) = open_meeting(tree)
    score(meeting, 1, a, 20, 20, 20, 21)
    score(meeting, 1, b, 25, 25, 25, 25)
    score(meeting, 2, a, 25, 25, 25, 25)
    domain.close_scoring(meeting, by=tree.users.county_admin)
    meeting = domain.publish_results(meeting, by=tree.users.county_admin)
    assert (meeting.state, list(meeting.sites.order_by("position").values_list("rank", "mean_total", "sheet_count"))) \
        == (MeetingState.PUBLISHED, [(2, Decimal("90.50"), 2), (1, Decimal("100.00"), 1)])


def test_publish_needs_a_closed_meeting(tree):
    meeting, _codes = open_meeting(tree)
    with pytest.raises(DomainError) as error:
        domain.publish_results(meeting, by=tree.users.county_admin)
    assert codes(error) == ["state"]


def test_every_write_leaves_an_audit_entry(tree):
    meeting, (a, _b) = open_meeting(tree)
    score(meeting, 1, a, 1, 1, 1, 1)
    assert list(AuditEntry.objects.filter(action__startswith="sitevisits.").order_by("id")
                .values_list("action", flat=True)) == [
        "sitevisits.meeting.create", "sitevisits.site.add", "sitevisits.site.add", "sitevisits.observers.add",
        "sitevisits.codes.issue", "sitevisits.meeting.open", "sitevisits.sheet.submit"]
