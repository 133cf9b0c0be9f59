"""The evaluation part of `seed_demo --scale small`: schemes, a released round with graded
results, an open round whose printed token and survey path work."""
import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation

from pacesetter.evaluation import domain
from pacesetter.evaluation.demo import RELEASED_MIN_N, SCHEMES, annual
from pacesetter.evaluation.enums import (
    Channel,
    Grade,
    RoundKind,
    RoundState,
    SchemeStatus,
    TokenStatus,
)
from pacesetter.evaluation.models import (
    Ballot,
    BallotToken,
    Indicator,
    Participation,
    Round,
    RoundSubject,
    Scheme,
    SubjectResult,
    VoterGroup,
)
from pacesetter.orgs.enums import Sector


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The small demo, seeded once for the module and rolled back after it; its output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        with translation.override("en"):
            call_command("seed_demo", "--scale", "small", "--seed", "1", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def released(seeded, db):
    return Round.objects.get(name="2025年度农村基层党组织民主测评")


@pytest.fixture
def open_round(seeded, db):
    return Round.objects.get(name="2026年社区党组织群众满意度调查")


def _results(round_):
    return SubjectResult.objects.filter(tally__round=round_)


def _printed(output: str, prefix: str) -> str:
    return re.search(rf"({prefix}[A-Za-z0-9_-]+)\s*$", output, re.MULTILINE).group(1)


# --- schemes -------------------------------------------------------------------------------


def test_demo_has_one_active_scheme_per_sector_and_one_for_every_sector(released):
    schemes = Scheme.objects.order_by("sector")
    assert sorted(schemes.values_list("sector", "status")) == sorted(
        (sector, SchemeStatus.ACTIVE) for sector in ["", *Sector.values]
    )


def test_demo_scheme_weights_add_up_to_100(released):
    indicator_totals = {s.sector: sum(s.indicators.values_list("weight", flat=True)) for s in Scheme.objects.all()}
    group_totals = {s.sector: sum(s.groups.values_list("weight", flat=True)) for s in Scheme.objects.all()}
    assert (set(indicator_totals.values()), set(group_totals.values())) == ({100}, {100})


def test_demo_schemes_are_the_declared_ones(released):
    questions = {
        s.sector: list(Indicator.objects.filter(scheme=s).order_by("order").values_list("question", flat=True))
        for s in Scheme.objects.all()
    }
    assert questions == {**{sector: [i["question"] for i in spec[1]] for sector, spec in SCHEMES.items()},
                         "": [i["question"] for i in annual.INDICATORS]}


def test_demo_schools_are_judged_by_parents_and_teachers_ethics(released):
    school = Scheme.objects.get(sector=Sector.SCHOOL)
    first = school.indicators.order_by("order").first().question
    kinds = list(VoterGroup.objects.filter(scheme=school).order_by("id").values_list("kind", "weight"))
    assert (first.startswith("师德师风"), kinds) == (True, [("service_users", 50), ("members", 30), ("leadership", 20)])


# --- the released round --------------------------------------------------------------------


def test_demo_released_round_is_a_released_democratic_evaluation(released):
    assert (released.kind, released.state, released.min_n, released.scheme.sector) == (
        RoundKind.DEMOCRATIC, RoundState.RELEASED, RELEASED_MIN_N, Sector.VILLAGE,
    )


def test_demo_released_round_gives_every_grade(released):
    grades = Counter(_results(released).values_list("grade", flat=True))
    assert set(grades) == {*Grade.values, ""}


def test_demo_released_round_ranks_organisations_and_persons_apart(released):
    groups = set(_results(released).values_list("peer_group", flat=True))
    assert groups == {"village/branch", "village/general_branch", "person/village/branch",
                      "person/village/general_branch"}


def test_demo_released_round_leaves_one_insufficient_sample_unranked(released):
    unranked = _results(released).filter(insufficient_sample=True)
    assert list(unranked.values_list("rank_peer", "rank_county", "grade")) == [(None, None, "")]


def test_demo_released_round_ranks_everyone_else(released):
    ranked = _results(released).filter(insufficient_sample=False)
    assert (ranked.filter(rank_peer__isnull=True).count(), ranked.filter(grade="").count()) == (0, 0)


def test_demo_released_round_flags_dissatisfaction_and_caps_the_grade(released):
    flagged = _results(released).filter(dissatisfied_flag=True, insufficient_sample=False)
    better = set(flagged.values_list("grade", flat=True)) - {Grade.FAIR, Grade.LAGGING}
    assert (flagged.exists(), better) == (True, set())


def test_demo_released_round_has_token_paper_and_open_ballots(released):
    assert set(Ballot.objects.filter(round=released).values_list("channel", flat=True)) == set(Channel.values)


def test_demo_released_round_open_ballots_are_counted_apart(released):
    results = _results(released)
    open_ballots = Ballot.objects.filter(round=released, channel=Channel.OPEN).count()
    assert results.aggregate(n=Sum("open_n"))["n"] == open_ballots


def test_demo_released_round_participation_matches_token_ballots(released):
    used = Counter()
    for subject_id, group_id, n in Participation.objects.filter(round=released).values_list(
        "subject_id", "group_id", "used"
    ):
        used[subject_id, group_id] += n
    cast = Counter(
        Ballot.objects.filter(round=released, channel=Channel.TOKEN).values_list("subject_id", "group_id")
    )
    assert (+used, sum(cast.values()) > 0) == (cast, True)


# --- the open round ------------------------------------------------------------------------


def test_demo_open_round_takes_ballots_for_30_days(open_round):
    now = timezone.now()
    assert (open_round.kind, open_round.state, open_round.allow_open_channel, open_round.opens_at < now) == (
        RoundKind.SATISFACTION, RoundState.OPEN, True, True,
    )
    assert datetime.timedelta(days=29) < open_round.closes_at - now <= datetime.timedelta(days=30)


def test_demo_open_round_used_tokens_match_its_ballots(open_round):
    used = BallotToken.objects.filter(round=open_round, status=TokenStatus.USED).count()
    assert (used > 0, Ballot.objects.filter(round=open_round).count()) == (True, used)


def test_demo_prints_an_unused_token_of_the_open_round(seeded, open_round):
    token = _printed(seeded, "/v/").removeprefix("/v/")
    row = BallotToken.objects.get(key_hash=domain.token_hash(token))
    assert (row.round_id, row.status) == (open_round.pk, TokenStatus.UNUSED)


def test_demo_printed_token_votes(seeded, open_round, client, settings):
    path = _printed(seeded, "/v/")
    token = BallotToken.objects.get(key_hash=domain.token_hash(path.removeprefix("/v/")))
    form = {
        f"q{ind.pk}": "88" if ind.scale == "score100" else "0"
        for ind in Indicator.objects.filter(scheme=open_round.scheme)
    }
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = Ballot.objects.filter(round=open_round, subject_id=token.subject_id).count()
    response = client.post(path, {**form, "step": "cast"})
    token.refresh_from_db()
    after = Ballot.objects.filter(round=open_round, subject_id=token.subject_id).count()
    assert (response.status_code, response["Location"], token.status, after - before) == (
        303, reverse("ballot:thanks"), TokenStatus.USED, 1,
    )


def test_demo_prints_the_open_survey_path_of_a_subject(seeded, open_round, client):
    path = _printed(seeded, "/s/")
    subject = RoundSubject.objects.get(open_key=path.removeprefix("/s/"))
    response = client.get(path)
    assert (subject.round_id, response.status_code) == (open_round.pk, 200)


def test_demo_output_names_both_rounds(seeded):
    line = next(line for line in seeded.splitlines() if line.startswith("Evaluation:"))
    pattern = (r"Evaluation: 8 schemes; “2025年度农村基层党组织民主测评” released \(\d+ subjects, \d+ ballots\); "
               r"“2026年社区党组织群众满意度调查” open for ballots \(\d+ subjects\)\.")
    assert re.fullmatch(pattern, line.strip()) is not None


# --- the county-wide rounds a year apart ---------------------------------------------------


@pytest.fixture
def annual_rounds(seeded, db):
    return Round.objects.get(name=annual.EARLIER_NAME), Round.objects.get(name=annual.LATER_NAME)


def _composites(round_) -> dict[int, float]:
    return dict(_results(round_).filter(composite__isnull=False).values_list("subject__organization_id", "composite"))


def test_demo_annual_rounds_are_released_satisfaction_rounds_a_year_apart(annual_rounds):
    earlier, later = annual_rounds
    gap = later.opens_at - earlier.opens_at
    assert ((earlier.kind, earlier.state), (later.kind, later.state), gap) == (
        (RoundKind.SATISFACTION, RoundState.RELEASED), (RoundKind.SATISFACTION, RoundState.RELEASED),
        datetime.timedelta(days=365),
    )


def test_demo_annual_rounds_evaluate_the_same_organisations_of_every_sector(annual_rounds):
    later = annual_rounds[1]
    orgs = [set(RoundSubject.objects.filter(round=r).values_list("organization_id", flat=True)) for r in annual_rounds]
    sectors = set(RoundSubject.objects.filter(round=later).values_list("organization__sector", flat=True))
    assert (orgs[0] == orgs[1], sectors) == (True, set(Sector.values))


def test_demo_later_annual_round_is_the_latest_released(annual_rounds):
    latest = Round.objects.filter(state=RoundState.RELEASED).order_by("-opens_at", "-id").first()
    assert latest == annual_rounds[1]


def test_demo_annual_rounds_grade_urban_and_rural_units_advanced_and_lagging(annual_rounds):
    urban = {Sector.AGENCY, Sector.SCHOOL, Sector.HEALTH, Sector.ENTERPRISE}
    found = set()
    for organization_sector, grade in _results(annual_rounds[0]).values_list("subject__organization__sector", "grade"):
        found.add(("urban" if organization_sector in urban else "rural" if organization_sector in
                   {Sector.VILLAGE, Sector.COMMUNITY} else "other", grade))
    assert {("urban", Grade.ADVANCED), ("rural", Grade.LAGGING)} <= found


def test_demo_helped_laggards_gain_more_than_the_unhelped_ones(annual_rounds):
    earlier, later = annual_rounds
    before, after = _composites(earlier), _composites(later)
    helped = set(annual.helped_between(earlier))
    lagging = set(_results(earlier).filter(grade=Grade.LAGGING).values_list("subject__organization_id", flat=True))
    gain = {pk: after[pk] - before[pk] for pk in lagging if pk in after}
    helped_gain = [g for pk, g in gain.items() if pk in helped]
    other_gain = [g for pk, g in gain.items() if pk not in helped]
    assert (len(helped_gain) > 0, len(other_gain) > 0,
            sum(helped_gain) / len(helped_gain) > sum(other_gain) / len(other_gain)) == (True, True, True)


def test_demo_helped_between_takes_two_in_three_laggards_in_code_order(annual_rounds):
    earlier = annual_rounds[0]
    lagging = list(_results(earlier).filter(grade=Grade.LAGGING, subject__member__isnull=True)
                   .order_by("subject__organization__code").values_list("subject__organization_id", flat=True))
    assert annual.helped_between(earlier) == [pk for i, pk in enumerate(lagging) if i % 3 != 2]
