"""The ballot set's seal: the fingerprint taken at close, published by counts whose figures
show it still describes the ballots counted, and never once the ballots changed."""
import pytest

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.models import Answer, BallotSetSeal, TallyResult
from pacesetter.evaluation.queries import ballot_fingerprint
from pacesetter.evaluation.tally import aggregate_round, figures_digest, tally_round

from .test_paper import _enter, paper  # noqa: F401 (a fixture)
from .test_tally import BALLOTS, _closed_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(tree):
    round_, _subjects, _groups, indicator_ids = _closed_round(tree, BALLOTS)
    return round_, indicator_ids


def test_close_seals_the_fingerprint_of_the_ballot_set(closed):
    round_, _ids = closed
    seal = BallotSetSeal.objects.get(round=round_)
    assert (seal.fingerprint, seal.ballots, seal.figures) == (ballot_fingerprint(round_), 8, "")


def test_close_writes_the_fingerprint_into_its_audit_entry(closed):
    round_, _ids = closed
    entry = AuditEntry.objects.get(action="evaluation.round.closed")
    assert entry.after == {"state": "closed", "ballots": 8, "fingerprint": ballot_fingerprint(round_)}


def test_first_count_publishes_the_seal_and_records_its_figures(closed):
    round_, _ids = closed
    tally = tally_round(round_, by=None)
    seal = BallotSetSeal.objects.get(round=round_)
    assert (tally.fingerprint, seal.fingerprint, seal.figures) == (
        ballot_fingerprint(round_), ballot_fingerprint(round_), figures_digest(aggregate_round(round_)))


def test_recount_of_the_same_figures_publishes_the_sealed_fingerprint_without_recomputing_it(closed):
    round_, _ids = closed
    tally_round(round_, by=None)
    # A seal that no longer matches the ballots shows that the recount took it as it was.
    BallotSetSeal.objects.filter(round=round_).update(fingerprint="5" * 64)
    assert tally_round(round_, by=None).fingerprint == "5" * 64


def test_recount_after_an_answer_changed_behind_the_application_fingerprints_afresh(closed):
    round_, ids = closed
    first = tally_round(round_, by=None)
    answer = Answer.objects.filter(round=round_, indicator_id=ids[1], option=0).order_by("ballot_id").first()
    Answer.objects.filter(ballot_id=answer.ballot_id, indicator_id=ids[1]).update(option=1, points=60)
    second = tally_round(round_, by=None)
    seal = BallotSetSeal.objects.get(round=round_)
    assert (second.fingerprint != first.fingerprint, second.fingerprint, seal.fingerprint, seal.figures) == (
        True, ballot_fingerprint(round_), ballot_fingerprint(round_), figures_digest(aggregate_round(round_)))


def test_first_count_after_ballots_were_deleted_behind_the_application_fingerprints_afresh(closed):
    round_, ids = closed
    sealed = BallotSetSeal.objects.get(round=round_).fingerprint
    answer = Answer.objects.filter(round=round_).order_by("ballot_id").first()
    answer.ballot.delete()
    tally = tally_round(round_, by=None)
    assert (tally.fingerprint != sealed, tally.fingerprint, tally.ballots) == (True, ballot_fingerprint(round_), 7)


def test_round_closed_without_a_seal_is_fingerprinted_and_sealed_by_its_count(closed):
    round_, _ids = closed
    BallotSetSeal.objects.filter(round=round_).delete()
    tally = tally_round(round_, by=None)
    seal = BallotSetSeal.objects.get(round=round_)
    assert (tally.fingerprint, seal.fingerprint, seal.ballots) == (ballot_fingerprint(round_),) * 2 + (8,)


def test_paper_ballots_confirmed_after_close_break_the_seal(paper):  # noqa: F811
    domain.close_round(paper.round, by=None)
    entry = _enter(paper)
    domain.confirm_paper_count(entry, by=paper.second)
    assert BallotSetSeal.objects.filter(round=paper.round).exists() is False


def test_count_after_paper_ballots_confirmed_after_close_publishes_the_new_ballot_set(paper):  # noqa: F811
    round_ = domain.close_round(paper.round, by=None)
    before = tally_round(round_, by=None).fingerprint
    domain.confirm_paper_count(_enter(paper), by=paper.second)
    after = tally_round(round_, by=None)
    assert (before != after.fingerprint, after.fingerprint, after.ballots, TallyResult.objects.count()) == (
        True, ballot_fingerprint(round_), 5, 1)
