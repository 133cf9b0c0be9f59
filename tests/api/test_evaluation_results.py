"""/api/v1/evaluation/rounds/<id>/results/ and /tally/: stored tally rows, released only, cut to the view."""
import pytest

from pacesetter.core.errors import DomainError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain, tasks
from pacesetter.evaluation.models import SubjectCells, SubjectResult, TallyResult
from pacesetter.evaluation.queries import ballot_fingerprint
from pacesetter.evaluation.tally import wilson_interval

from ..evaluation.conftest import answers_for, make_round, make_scheme
from ..factories import make_org

API = "/api/v1/evaluation/rounds/"
FINGERPRINT = "ab" * 32


def hand_made_tally(round_, subjects, groups):
    """A stored count written by hand: T1B1 ranked first with three cells (one of them open
    survey), T2B1 an insufficient sample with none."""
    b1, b2 = subjects
    members, public = groups
    ind = list(round_.scheme.indicators.order_by("order"))
    tally = TallyResult.objects.create(round=round_, fingerprint=FINGERPRINT, ballots=7, answers=18)
    SubjectResult.objects.bulk_create([
        SubjectResult(tally=tally, subject=b2, n=2, composite=60.0, dissatisfied_share=0.5, insufficient_sample=True,
                      dissatisfied_flag=True, peer_group="village"),
        SubjectResult(tally=tally, subject=b1, n=5, composite=81.5, dissatisfied_share=0.1, insufficient_sample=False,
                      dissatisfied_flag=False, open_n=2, open_composite=70.0, peer_group="village", rank_peer=1,
                      peer_size=1, rank_county=1, grade="advanced"),
    ])
    # [group, indicator, open survey, answers, sum of points, answers per option]
    SubjectCells.objects.create(tally=tally, subject=b1, good=5, optioned=5, cells=[
        [members.pk, ind[0].pk, 0, 5, 460, [3, 2, 0, 0]], [public.pk, ind[2].pk, 0, 5, 390, []],
        [public.pk, ind[1].pk, 1, 2, 100, [1, 0, 1]],
    ])
    return tally


@pytest.fixture
def counted(tree):
    """A closed round over T1B1 and T2B1 with a hand-made count."""
    setup = make_round(make_scheme(), subjects=[tree.b1, tree.b2])
    setup.round = domain.close_round(setup.round, by=None)
    setup.tally = hand_made_tally(setup.round, setup.subjects, setup.groups)
    return setup


@pytest.fixture
def released(counted):
    counted.round = domain.release_results(counted.round, by=None)
    return counted


def results_url(setup):
    return f"{API}{setup.round.pk}/results/"


def test_results_payload_is_the_stored_count(tree, login, released):
    b1, b2 = released.subjects
    ind = list(released.round.scheme.indicators.order_by("order").values_list("id", flat=True))
    low5, high5 = wilson_interval(5, 5)
    low1, high1 = wilson_interval(1, 2)
    data = login(tree.users.county_admin).get(results_url(released)).json()
    assert data == {
        "fingerprint": FINGERPRINT,
        "ballots": 7,
        "tallied_at": data["tallied_at"],
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "subject": {"id": b1.pk, "label": "一号村党支部", "org_code": "T1B1", "org_name": "一号村党支部",
                            "member_code": None, "member_name": None, "role_title": ""},
                "n": 5, "composite": 81.5, "dissatisfied_share": 0.1, "insufficient_sample": False,
                "dissatisfied_flag": False, "open_n": 2, "open_composite": 70.0, "peer_group": "village",
                "rank_peer": 1, "peer_size": 1, "rank_county": 1, "grade": "advanced", "records": [],
                "cells": [
                    {"group": "members", "indicator": ind[0], "open_channel": False, "n": 5, "counts": [3, 2, 0, 0],
                     "mean_points": 92.0, "good_share": 1.0, "good_low": low5, "good_high": high5,
                     "dissatisfied_share": 0.0},
                    {"group": "public", "indicator": ind[2], "open_channel": False, "n": 5, "counts": [],
                     "mean_points": 78.0, "good_share": None, "good_low": None, "good_high": None,
                     "dissatisfied_share": None},
                    {"group": "public", "indicator": ind[1], "open_channel": True, "n": 2, "counts": [1, 0, 1],
                     "mean_points": 50.0, "good_share": 0.5, "good_low": low1, "good_high": high1,
                     "dissatisfied_share": 0.5},
                ],
            },
            {
                "subject": {"id": b2.pk, "label": "二号村党支部", "org_code": "T2B1", "org_name": "二号村党支部",
                            "member_code": None, "member_name": None, "role_title": ""},
                "n": 2, "composite": 60.0, "dissatisfied_share": 0.5, "insufficient_sample": True,
                "dissatisfied_flag": True, "open_n": 0, "open_composite": None, "peer_group": "village",
                "rank_peer": None, "peer_size": None, "rank_county": None, "grade": "", "records": [], "cells": [],
            },
        ],
    }


def test_results_hold_only_the_subjects_in_view(tree, login, released):
    data = login(tree.users.org_admin).get(results_url(released)).json()
    assert (data["count"], [r["subject"]["org_code"] for r in data["results"]]) == (1, ["T1B1"])


def test_results_before_release_are_forbidden_to_county_admins(tree, login, counted):
    response = login(tree.users.county_admin).get(results_url(counted))
    assert (response.status_code, response.json()) == (
        403, {"detail": "The results of this round have not been released yet."}
    )


def test_results_before_release_are_missing_for_everyone_else(tree, login, counted):
    response = login(tree.users.inspector).get(results_url(counted))
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.fixture
def released_uncounted(tree):
    setup = make_round(make_scheme(), subjects=[tree.b1])
    domain.close_round(setup.round, by=None)
    domain.release_results(setup.round, by=None)
    return setup


def test_released_round_without_a_count_is_forbidden_to_county_admins(tree, login, released_uncounted):
    response = login(tree.users.county_admin).get(results_url(released_uncounted))
    assert (response.status_code, response.json()) == (
        403, {"detail": "The ballots of this round have not been counted yet."}
    )


def test_released_round_without_a_count_is_missing_for_everyone_else(tree, login, released_uncounted):
    assert login(tree.users.member).get(results_url(released_uncounted)).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_results_query_count(tree, login, django_assert_num_queries, count):
    setup = make_round(make_scheme(), subjects=[*(make_org(tree.t1) for _ in range(count)), tree.b2])
    domain.close_round(setup.round, by=None)
    indicator = setup.round.scheme.indicators.order_by("order").first()
    tally = TallyResult.objects.create(round=setup.round, fingerprint=FINGERPRINT, ballots=0, answers=0)
    for subject in setup.subjects:
        SubjectResult.objects.create(tally=tally, subject=subject, n=1, insufficient_sample=True,
                                     dissatisfied_flag=False)
        SubjectCells.objects.create(tally=tally, subject=subject, good=1, optioned=1,
                                    cells=[[setup.groups[0].pk, indicator.pk, 0, 1, 100, [1, 0, 0, 0]]])
    domain.release_results(setup.round, by=None)
    client = login(tree.users.org_admin)
    # session, user, roles, round, its groups, tally, page count, page, group kinds, cells,
    # the scheme's record indicators
    with django_assert_num_queries(11):
        response = client.get(results_url(setup))
    assert [len(r["cells"]) for r in response.json()["results"]] == [1] * count


def test_tally_summary_for_inspectors(tree, login, counted):
    data = login(tree.users.inspector).get(f"{API}{counted.round.pk}/tally/").json()
    assert data == {
        "fingerprint": FINGERPRINT, "ballots": 7, "answers": 18, "tallied_at": data["tallied_at"],
        "subjects": 2, "insufficient": 1, "flagged": 1, "job": None,
    }


def test_tally_summary_is_refused_to_leaders(tree, login, counted):
    response = login(tree.users.leader).get(f"{API}{counted.round.pk}/tally/")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Only county admins and inspectors read tallies."}
    )


@pytest.fixture
def voted(tree):
    """A closed round with three real ballots for T1B1's members."""
    scheme = make_scheme()
    setup = make_round(scheme, subjects=[tree.b1, tree.b2])
    for token in domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0], count=3, by=None):
        domain.cast_ballot(token, answers_for(scheme))
    setup.round = domain.close_round(setup.round, by=None)
    return setup


def test_count_of_a_small_round_runs_at_once_and_is_audited(tree, login, voted):
    response = login(tree.users.county_admin).post(f"{API}{voted.round.pk}/tally/")
    data = response.json()
    actions = list(AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:2])
    assert (
        response.status_code, data["fingerprint"], data["ballots"], data["answers"], data["subjects"],
        data["job"]["state"], actions,
    ) == (
        200, ballot_fingerprint(voted.round), 3, 9, 2, "done",
        ["evaluation.round.tally", "evaluation.round.tally_request"],
    )


def test_count_of_a_big_round_is_queued(tree, login, voted, monkeypatch):
    monkeypatch.setattr(tasks, "INLINE_MAX_ANSWERS", 9)
    response = login(tree.users.county_admin).post(f"{API}{voted.round.pk}/tally/")
    data = response.json()
    assert (response.status_code, data["fingerprint"], data["job"]["state"], data["job"]["background"]) == (
        202, None, "queued", True
    )


def test_queued_count_is_followed_by_reading_the_tally(tree, login, voted, monkeypatch):
    monkeypatch.setattr(tasks, "INLINE_MAX_ANSWERS", 9)
    job = tasks.request_tally(voted.round, by=tree.users.county_admin)
    data = login(tree.users.inspector).get(f"{API}{voted.round.pk}/tally/").json()
    assert (data["fingerprint"], data["job"]["id"], data["job"]["state"], data["job"]["progress"]) == (
        None, job.pk, "queued", 0
    )


def test_second_count_while_one_is_queued_is_refused(tree, login, voted):
    tasks.request_tally(voted.round, by=tree.users.county_admin, background=True)
    response = login(tree.users.county_admin).post(f"{API}{voted.round.pk}/tally/")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["A count of this round is already under way."]}
    )


def test_tally_of_a_round_never_counted_is_missing(tree, login, voted):
    assert login(tree.users.county_admin).get(f"{API}{voted.round.pk}/tally/").status_code == 404


def test_recount_keeps_the_fingerprint(tree, login, voted):
    client = login(tree.users.county_admin)
    first, second = (client.post(f"{API}{voted.round.pk}/tally/").json() for _ in range(2))
    assert (second["fingerprint"], TallyResult.objects.count()) == (first["fingerprint"], 1)


def test_count_of_an_open_round_is_refused(tree, login):
    setup = make_round(make_scheme(), subjects=[tree.b1])
    response = login(tree.users.county_admin).post(f"{API}{setup.round.pk}/tally/")
    assert (response.status_code, response.json(), TallyResult.objects.count()) == (
        400, {"non_field_errors": ["Counting the ballots is not possible: The round is open."]}, 0
    )


def test_count_that_fails_says_why(tree, login, voted, monkeypatch):
    def refused(round_, *, by, progress):
        raise DomainError("The disk is full.", code="disk")

    monkeypatch.setattr(tasks, "tally_round", refused)
    response = login(tree.users.county_admin).post(f"{API}{voted.round.pk}/tally/")
    assert (response.status_code, response.json(), TallyResult.objects.count()) == (
        400, {"non_field_errors": ["The disk is full."]}, 0
    )
