"""Paper ballot counts: entered by one county admin, confirmed by another, then counted."""
import pytest
from django.db.models import Count

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.domain.paper import paper_answers
from pacesetter.evaluation.enums import Channel, PaperStatus
from pacesetter.evaluation.models import Answer, Ballot, PaperCount, SubjectCells
from pacesetter.evaluation.tally import tally_round
from pacesetter.orgs.enums import Role
from tests.factories import make_user

from .conftest import make_round, stored_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1, tree.b2])
    setup.scheme = scheme
    setup.subject, setup.group = setup.subjects[0], setup.groups[0]
    setup.indicators = list(scheme.indicators.order_by("order"))
    grade, satisfaction, score = (i.pk for i in setup.indicators)
    # Five ballots: grades 2 excellent, 2 good, 1 poor; satisfaction 3/1/1; scores as written.
    setup.counts = {grade: [2, 2, 0, 1], satisfaction: [3, 1, 1], score: [90, 75, 60, 88, 100]}
    setup.admin = tree.users.county_admin
    setup.second = make_user("county2", Role.COUNTY_ADMIN, tree.county, is_staff=True)
    return setup


def _enter(paper, *, counts=None, by=None, **extra):
    return domain.enter_paper_count(
        paper.round, subject=extra.pop("subject", paper.subject), group=extra.pop("group", paper.group),
        counts=paper.counts if counts is None else counts, by=by or paper.admin, **extra,
    )


def _messages(call) -> list[str]:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.messages


def _written():
    return (PaperCount.objects.count(), Ballot.objects.count(), Answer.objects.count())


# --- Entering ---------------------------------------------------------------------


def test_entered_count_awaits_confirmation(paper):
    entry = _enter(paper, note="党员大会")
    assert (entry.status, entry.ballots, entry.entered_by, entry.note) == (
        PaperStatus.PENDING, 5, paper.admin, "党员大会"
    )


def test_entered_counts_are_keyed_by_indicator_id_text(paper):
    entry = _enter(paper)
    entry.refresh_from_db()
    assert entry.counts == {str(pk): list(v) for pk, v in paper.counts.items()}


def test_entering_writes_no_ballot(paper):
    _enter(paper)
    assert _written() == (1, 0, 0)


def test_entering_is_audited(paper):
    entry = _enter(paper)
    audit = AuditEntry.objects.get(action="evaluation.paper.enter")
    assert (audit.object_id, audit.actor_id, audit.after["ballots"]) == (str(entry.pk), paper.admin.pk, 5)


@pytest.mark.parametrize("role", ["org_admin", "inspector", "leader"])
def test_only_county_admins_enter_counts(paper, tree, role):
    with pytest.raises(PermissionDeniedError):
        _enter(paper, by=getattr(tree.users, role))
    assert _written() == (0, 0, 0)


def test_the_system_cannot_enter_counts_without_a_person(paper):
    with pytest.raises(PermissionDeniedError):
        domain.enter_paper_count(paper.round, subject=paper.subject, group=paper.group, counts=paper.counts, by=None)


def test_draft_round_takes_no_paper_count(tree, scheme, paper):
    draft = make_round(scheme, subjects=[tree.b1], open_=False, name="草稿")
    messages = _messages(lambda: domain.enter_paper_count(
        draft.round, subject=draft.subjects[0], group=draft.groups[0], counts=paper.counts, by=paper.admin))
    assert messages == ["Entering paper ballots is not possible: The round has not opened yet."]


def test_released_round_takes_no_paper_count(paper):
    domain.close_round(paper.round, by=None)
    tally_round(paper.round, by=None)
    domain.release_results(paper.round, by=None)
    assert _messages(lambda: _enter(paper)) == [
        "Entering paper ballots is not possible: The round's results have been released."
    ]


def test_closed_round_takes_a_paper_count(paper):
    domain.close_round(paper.round, by=None)
    assert _enter(paper).status == PaperStatus.PENDING


def test_subject_of_another_round_is_refused(tree, scheme, paper):
    other = make_round(scheme, subjects=[tree.b1], name="另一轮")
    assert _messages(lambda: _enter(paper, subject=other.subjects[0])) == [
        "That subject is not evaluated in this round."
    ]


def test_group_of_another_round_is_refused(tree, scheme, paper):
    other = make_round(scheme, subjects=[tree.b1], name="另一轮")
    assert _messages(lambda: _enter(paper, group=other.groups[0])) == [
        "That voter group does not take part in this round."
    ]


# --- Validation: every error names its question and option --------------------


def _with(paper, index, values):
    counts = dict(paper.counts)
    counts[paper.indicators[index].pk] = values
    return counts


def test_missing_indicator_is_named(paper):
    counts = dict(paper.counts)
    del counts[paper.indicators[1].pk]
    assert _messages(lambda: _enter(paper, counts=counts)) == ["Question 2 (服务群众): no counts were given."]


def test_wrong_number_of_options_is_named(paper):
    assert _messages(lambda: _enter(paper, counts=_with(paper, 0, [2, 2, 1]))) == [
        "Question 1 (政治引领): 4 counts are needed, one per option, not 3."
    ]


@pytest.mark.parametrize("value", [-1, 1.5, "2", True, None])
def test_count_that_is_not_a_whole_number_names_question_and_option(paper, value):
    assert _messages(lambda: _enter(paper, counts=_with(paper, 1, [3, value, 1]))) == [
        f"Question 2 (服务群众), option “fairly satisfied”: “{value}” is not a whole number of ballots (0 or more)."
    ]


@pytest.mark.parametrize("value", [101, -5, 7.5, "80"])
def test_score_out_of_range_is_named(paper, value):
    assert _messages(lambda: _enter(paper, counts=_with(paper, 2, [90, 75, value, 88, 100]))) == [
        f"Question 3 (综合评分), score 3: “{value}” is not a whole number from 0 to 100."
    ]


def test_totals_that_differ_between_questions_are_named(paper):
    assert _messages(lambda: _enter(paper, counts=_with(paper, 1, [3, 1, 2]))) == [
        "Question 2 (服务群众): 6 ballots counted, but there are 5 ballots; every ballot answers every question."
    ]


def test_totals_must_match_the_number_of_ballots_given(paper):
    assert _messages(lambda: _enter(paper, ballots=6)) == [
        "Question 1 (政治引领): 5 ballots counted, but there are 6 ballots; every ballot answers every question.",
        "Question 2 (服务群众): 5 ballots counted, but there are 6 ballots; every ballot answers every question.",
        "Question 3 (综合评分): 5 ballots counted, but there are 6 ballots; every ballot answers every question.",
    ]


def test_every_problem_is_listed_at_once(paper):
    counts = {paper.indicators[0].pk: [1, -1, 0, 0], paper.indicators[2].pk: [200]}
    assert _messages(lambda: _enter(paper, counts=counts)) == [
        "Question 1 (政治引领), option “good”: “-1” is not a whole number of ballots (0 or more).",
        "Question 2 (服务群众): no counts were given.",
        "Question 3 (综合评分), score 1: “200” is not a whole number from 0 to 100.",
    ]


def test_unknown_indicator_is_refused(paper):
    counts = {**paper.counts, 999999: [1]}
    assert _messages(lambda: _enter(paper, counts=counts)) == [
        "The counts name a question that is not in the round's scheme."
    ]


def test_a_count_of_no_ballots_is_refused(paper):
    counts = {paper.indicators[0].pk: [0, 0, 0, 0], paper.indicators[1].pk: [0, 0, 0], paper.indicators[2].pk: []}
    assert _messages(lambda: _enter(paper, counts=counts)) == ["A count must have from 1 to 10000 ballots."]


def test_refused_count_writes_nothing(paper):
    before = AuditEntry.objects.count()
    _messages(lambda: _enter(paper, counts=_with(paper, 1, [3, 1, 2])))
    assert (_written(), AuditEntry.objects.count()) == ((0, 0, 0), before)


# --- Confirming and rejecting -------------------------------------------------------


def test_confirm_by_the_admin_who_entered_is_refused(paper):
    entry = _enter(paper)
    assert (_messages(lambda: domain.confirm_paper_count(entry, by=paper.admin)), _written()) == (
        ["A second county admin must confirm this count, not the one who entered it."], (1, 0, 0)
    )


def test_confirm_by_an_inspector_is_refused(paper, tree):
    entry = _enter(paper)
    with pytest.raises(PermissionDeniedError):
        domain.confirm_paper_count(entry, by=tree.users.inspector)


def test_confirm_makes_paper_ballots_of_the_subject_and_group(paper):
    domain.confirm_paper_count(_enter(paper), by=paper.second)
    assert list(Ballot.objects.values_list("subject_id", "group_id", "channel").annotate(n=Count("id")).order_by()) == [
        (paper.subject.pk, paper.group.pk, Channel.PAPER, 5)
    ]


def test_confirm_creates_exactly_the_counted_answers_per_option(paper):
    domain.confirm_paper_count(_enter(paper), by=paper.second)
    grade, satisfaction, score = paper.indicators
    rows = Answer.objects.values_list("indicator_id", "option", "points").annotate(n=Count("*")).order_by(
        "indicator_id", "option")
    assert list(rows) == [
        (grade.pk, 0, 100, 2), (grade.pk, 1, 80, 2), (grade.pk, 3, 40, 1),
        (satisfaction.pk, 0, 100, 3), (satisfaction.pk, 1, 50, 1), (satisfaction.pk, 2, 0, 1),
        (score.pk, 60, 60, 1), (score.pk, 75, 75, 1), (score.pk, 88, 88, 1), (score.pk, 90, 90, 1),
        (score.pk, 100, 100, 1),
    ]


def test_confirm_gives_every_paper_ballot_one_answer_per_question(paper):
    domain.confirm_paper_count(_enter(paper), by=paper.second)
    per_ballot = Answer.objects.values_list("ballot_id").annotate(n=Count("*")).values_list("n", flat=True)
    assert sorted(per_ballot) == [3, 3, 3, 3, 3]


def test_paper_ballots_pair_the_kth_entries_of_each_question(paper):
    grade, satisfaction, score = paper.indicators
    counts = {str(k): v for k, v in paper.counts.items()}
    ballots = paper_answers(paper.indicators, counts, 5)
    assert [[option for _i, option, _p in ballot] for ballot in ballots] == [
        [0, 0, 100], [0, 0, 90], [1, 0, 88], [1, 1, 75], [3, 2, 60]
    ]


def test_confirmed_entry_records_who_and_when(paper):
    entry = domain.confirm_paper_count(_enter(paper), by=paper.second)
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decided_at is not None) == (
        PaperStatus.CONFIRMED, paper.second, True
    )


def test_confirm_is_audited_without_recount_on_an_uncounted_round(paper):
    entry = domain.confirm_paper_count(_enter(paper), by=paper.second)
    audit = AuditEntry.objects.get(action="evaluation.paper.confirm")
    assert (audit.object_id, audit.actor_id, audit.after) == (
        str(entry.pk), paper.second.pk, {"status": "confirmed", "ballots": 5, "recount_needed": False}
    )


def test_confirm_after_a_tally_says_the_count_must_be_redone(paper):
    domain.close_round(paper.round, by=None)
    tally_round(paper.round, by=None)
    domain.confirm_paper_count(_enter(paper), by=paper.second)
    assert AuditEntry.objects.get(action="evaluation.paper.confirm").after["recount_needed"] is True


def test_confirm_twice_is_refused(paper):
    entry = domain.confirm_paper_count(_enter(paper), by=paper.second)
    assert (_messages(lambda: domain.confirm_paper_count(entry, by=paper.second)), Ballot.objects.count()) == (
        ["Confirming is not possible: this count is already confirmed."], 5
    )


def test_reject_keeps_the_reason_in_the_audit_log(paper):
    entry = domain.reject_paper_count(_enter(paper), reason="  计票有误  ", by=paper.second)
    audit = AuditEntry.objects.get(action="evaluation.paper.reject")
    assert (entry.status, entry.decided_by, audit.after, Ballot.objects.count()) == (
        PaperStatus.REJECTED, paper.second, {"status": "rejected", "reason": "计票有误"}, 0
    )


def test_the_admin_who_entered_may_withdraw_by_rejecting(paper):
    entry = domain.reject_paper_count(_enter(paper), reason="录入错误", by=paper.admin)
    assert entry.status == PaperStatus.REJECTED


def test_reject_needs_a_reason(paper):
    entry = _enter(paper)
    assert _messages(lambda: domain.reject_paper_count(entry, reason=" ", by=paper.second)) == [
        "Give the reason for rejecting this count."
    ]


def test_rejected_count_cannot_be_confirmed(paper):
    entry = domain.reject_paper_count(_enter(paper), reason="计票有误", by=paper.second)
    assert (_messages(lambda: domain.confirm_paper_count(entry, by=paper.second)), Ballot.objects.count()) == (
        ["Confirming is not possible: this count is already rejected."], 0
    )


def test_confirmed_count_cannot_be_rejected(paper):
    entry = domain.confirm_paper_count(_enter(paper), by=paper.second)
    assert _messages(lambda: domain.reject_paper_count(entry, reason="晚了", by=paper.admin)) == [
        "Rejecting is not possible: this count is already confirmed."
    ]


# --- Counting ---------------------------------------------------------------------


def test_tally_counts_confirmed_paper_ballots(paper):
    domain.confirm_paper_count(_enter(paper), by=paper.second)
    domain.close_round(paper.round, by=None)
    tally = tally_round(paper.round, by=None)
    cells = stored_cells(tally, subject_id=paper.subject.pk, group_id=paper.group.pk, open_channel=False)
    assert [(c.n, c.counts, c.mean_points) for c in cells] == [
        (5, [2, 2, 0, 1], 80.0), (5, [3, 1, 1], 70.0), (5, [], 82.6)
    ]


def test_tally_leaves_out_pending_and_rejected_counts(paper):
    _enter(paper)
    domain.reject_paper_count(_enter(paper), reason="重复录入", by=paper.second)
    domain.close_round(paper.round, by=None)
    tally = tally_round(paper.round, by=None)
    assert (tally.ballots, SubjectCells.objects.filter(tally=tally).count()) == (0, 0)


def test_paper_confirmed_after_close_is_counted_by_the_next_tally(paper):
    domain.close_round(paper.round, by=None)
    tally_round(paper.round, by=None)
    domain.confirm_paper_count(_enter(paper), by=paper.second)
    assert tally_round(paper.round, by=None).ballots == 5
