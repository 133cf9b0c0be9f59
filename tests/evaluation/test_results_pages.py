"""The result pages of a released round: figures shown, filters, sorting, charts, visibility."""
import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import GroupKind, RoundKind, Scale
from pacesetter.evaluation.models import SubjectCells, SubjectResult, TallyResult
from pacesetter.evaluation.queries import ballot_fingerprint
from pacesetter.evaluation.tally import tally_round
from pacesetter.evaluation.views import results as result_views

from .conftest import make_scheme

pytestmark = pytest.mark.django_db

INDICATORS = [
    {"question": "政治引领", "scale": Scale.GRADE4, "weight": 60},  # 100 / 80 / 60 / 40
    {"question": "服务群众", "scale": Scale.SATISFACTION3, "weight": 40},  # 100 / 60 / 0
]
GROUPS = [{"kind": GroupKind.MEMBERS, "weight": 70}, {"kind": GroupKind.PUBLIC, "weight": 30}]

#: Ballots as (option of indicator 1, option of indicator 2), per subject and group.
BALLOTS = {
    # composite 0.7 × 86 + 0.3 × 56 = 77; good answers 5 of 8, over 4 ballots
    "b1": {GroupKind.MEMBERS: [(0, 0), (1, 1)], GroupKind.PUBLIC: [(2, 0), (2, 2)]},
    # composite 0.6 × 60 + 0.4 × 33.33 = 49.33; good 2 of 6 over 3 ballots; worst 4 of 6: flagged
    "b2": {GroupKind.MEMBERS: [(3, 2), (3, 2), (0, 0)]},
    # one ballot, composite 100, below min_n = 3
    "t1": {GroupKind.MEMBERS: [(0, 0)]},
}
#: Ranks and grades as ranking.py would give them (set by hand: the pages only read them).
RANKS = {
    "b1": {"peer_group": "village/branch", "rank_peer": 1, "peer_size": 2, "rank_county": 1, "grade": "good"},
    "b2": {"peer_group": "village/branch", "rank_peer": 2, "peer_size": 2, "rank_county": 2, "grade": "lagging"},
    "t1": {"peer_group": "village/committee", "rank_peer": None, "peer_size": None, "rank_county": None, "grade": ""},
}


def released_round(tree, ballots=BALLOTS, *, ranks=RANKS, release=True, name="2026年度民主测评"):
    """A round over the subjects of `ballots` (codes of the tree), counted, ranked by hand
    and released; returns (round, {code: RoundSubject})."""
    scheme = make_scheme(indicators=INDICATORS, groups=GROUPS, name=f"{name}方案")
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name=name, min_n=3,
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    subjects = {s.organization.code: s for s in domain.add_subjects(
        round_, organizations=[getattr(tree, code) for code in ballots], by=None)}
    subjects = {code: subjects[getattr(tree, code).code] for code in ballots}
    groups = {g.kind: domain.add_group(round_, voter_group=g, expected=10, by=None) for g in scheme.groups.all()}
    round_ = domain.open_round(round_, by=None)
    indicator_ids = list(scheme.indicators.order_by("order").values_list("id", flat=True))
    for code, by_group in ballots.items():
        for kind, options in by_group.items():
            tokens = domain.make_tokens(round_, subject=subjects[code], group=groups[kind], count=len(options), by=None)
            for token, answer in zip(tokens, options, strict=True):
                domain.cast_ballot(token, dict(zip(indicator_ids, answer, strict=True)))
    round_ = domain.close_round(round_, by=None)
    tally = tally_round(round_, by=None)
    for code, fields in ranks.items():
        if code in subjects:
            SubjectResult.objects.filter(tally=tally, subject=subjects[code]).update(**fields)
    if release:
        round_ = domain.release_results(round_, by=None)
    return round_, subjects


class _Tables(HTMLParser):
    """Text of each cell of the table with the given id, row by row (header row included)."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.depth, self.rows, self.cell = table_id, 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (dict(attrs).get("id") == self.table_id or self.depth):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []
        elif self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table(response, table_id):
    parser = _Tables(table_id)
    parser.feed(response.content.decode())
    return parser.rows


def text_of(response, element_id):
    """The text inside the element with this id (tags dropped, whitespace collapsed)."""
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(dd|div|code|p)>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def released(tree):
    return released_round(tree)


def results_url(round_, **query):
    url = reverse("evaluation:results", kwargs={"pk": round_.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def subject_url(round_, subject_pk):
    return reverse("evaluation:result_subject", kwargs={"pk": round_.pk, "subject": subject_pk})


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


HEADER = [
    "County rank", "Subject", "Peer group", "Rank in peer group", "Composite", "Good share (95% interval)",
    "Ballots", "Open survey (less trusted)", "Grade", "Flags",
]
ROW_B1 = ["1", "一号村党支部", "village · branch", "1 / 2", "77.00", "62.5% 21.9–90.8%", "4", "—", "good", ""]
ROW_B2 = ["2", "二号村党支部", "village · branch", "2 / 2", "49.33", "33.3% 6.1–79.2%", "3", "—", "lagging",
          "dissatisfaction"]
ROW_T1 = ["not ranked", "一号镇党委", "village · party committee", "not ranked", "100.00", "100.0% 20.7–100.0%", "1",
          "—", "not graded", "insufficient sample"]


def test_results_page_publishes_the_fingerprint_of_the_ballot_set(client, tree, released):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_))
    assert text_of(response, "fingerprint") == ballot_fingerprint(round_)


def test_results_page_publishes_ballots_answers_and_time_of_count(client, tree, released):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_))
    counted = timezone.localtime(TallyResult.objects.get(round=round_).tallied_at).strftime("%Y-%m-%d %H:%M")
    assert [text_of(response, i) for i in ("tally-ballots", "tally-answers", "tally-at")] == ["8", "16", counted]


def test_results_table_shows_ranks_scores_intervals_grades_and_flags(client, tree, released):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_))
    assert table(response, "result-table") == [HEADER, ROW_B1, ROW_B2, ROW_T1]


def test_results_table_holds_only_the_subjects_the_user_sees(client, tree, released):
    round_, _subjects = released
    response = get(client, tree.users.org_admin, results_url(round_))
    assert table(response, "result-table")[1:] == [ROW_B1, ROW_T1]


def test_results_table_says_not_ranked_without_ranks(client, tree):
    unranked = {"peer_group": "", "rank_peer": None, "peer_size": None, "rank_county": None, "grade": ""}
    round_, _subjects = released_round(tree, ranks=dict.fromkeys(BALLOTS, unranked))
    response = get(client, tree.users.county_admin, results_url(round_))
    assert [row[:4] + row[8:9] for row in table(response, "result-table")[1:]] == [
        ["not ranked", "一号镇党委", "—", "not ranked", "not graded"],
        ["not ranked", "一号村党支部", "—", "not ranked", "not graded"],
        ["not ranked", "二号村党支部", "—", "not ranked", "not graded"],
    ]


def test_results_table_marks_open_survey_figures_as_less_trusted(client, tree, released):
    round_, subjects = released
    SubjectResult.objects.filter(subject=subjects["b1"]).update(open_n=12, open_composite=64.5)
    response = get(client, tree.users.county_admin, results_url(round_))
    assert table(response, "result-table")[1][7] == "12 ballots · 64.50 less trusted"


@pytest.mark.parametrize(("query", "subjects"), [
    ({"grade": "lagging"}, ["二号村党支部"]),
    ({"grade": "none"}, ["一号镇党委"]),
    ({"peer_group": "village/committee"}, ["一号镇党委"]),
    ({"sector": "village"}, ["一号村党支部", "二号村党支部", "一号镇党委"]),
    ({"sector": "school"}, []),
    ({"flag": "insufficient"}, ["一号镇党委"]),
    ({"flag": "dissatisfied"}, ["二号村党支部"]),
    ({"grade": "excellent"}, []),
])
def test_results_filters(client, tree, released, query, subjects):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_, **query))
    assert [row[1] for row in table(response, "result-table")[1:]] == subjects


def test_results_filter_offers_the_peer_groups_of_the_visible_subjects(client, tree, released):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_))
    assert response.context["filter"].fields["peer_group"].choices[1:] == [
        ("village/branch", "village · branch"), ("village/committee", "village · party committee"),
    ]


@pytest.mark.parametrize(("sort", "subjects"), [
    ("rank", ["一号村党支部", "二号村党支部", "一号镇党委"]),
    ("composite", ["一号镇党委", "一号村党支部", "二号村党支部"]),
    ("composite_asc", ["二号村党支部", "一号村党支部", "一号镇党委"]),
    ("n", ["一号村党支部", "二号村党支部", "一号镇党委"]),
    ("name", ["一号村党支部", "一号镇党委", "二号村党支部"]),
    ("peer", ["一号村党支部", "二号村党支部", "一号镇党委"]),
])
def test_results_sorting(client, tree, released, sort, subjects):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_, sort=sort))
    assert [row[1] for row in table(response, "result-table")[1:]] == subjects


def test_results_are_paginated(client, tree, released, monkeypatch):
    monkeypatch.setattr(result_views, "PER_PAGE", 2)
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_, sort="composite", page=2))
    assert [row[1] for row in table(response, "result-table")[1:]] == ["二号村党支部"]


def test_results_ranking_chart_holds_the_page_with_intervals_in_percent(client, tree, released):
    round_, subjects = released
    response = get(client, tree.users.county_admin, results_url(round_))
    chart = json.loads(re.search(r'id="chart-ranking"[^>]*>(.*?)</script>', response.content.decode()).group(1))
    assert chart == {
        "labels": ["一号村党支部", "二号村党支部", "一号镇党委"],
        "composite": [77.0, 49.333333, 100.0],
        "ranked": [True, True, False],
        "share": [[62.5, 21.9, 90.8], [33.3, 6.1, 79.2], [100.0, 20.7, 100.0]],
        "urls": [subject_url(round_, subjects[code].pk) for code in ("b1", "b2", "t1")],
        "names": {"composite": "Composite score", "share": "Good share with its interval (95%)"},
    }


def test_results_grade_chart_counts_subjects_per_grade_ignoring_the_grade_filter(client, tree, released):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_, grade="good"))
    assert response.context["grade_chart"] == {
        "keys": ["advanced", "good", "fair", "lagging", "none"],
        "labels": ["advanced", "good", "fair", "lagging", "not graded"],
        "values": [0, 1, 0, 1, 1],
        "urls": ["?grade=advanced", "?grade=good", "?grade=fair", "?grade=lagging", "?grade=none"],
    }


def test_results_export_link_keeps_the_filters(client, tree, released):
    round_, _subjects = released
    response = get(client, tree.users.county_admin, results_url(round_, grade="good", sort="name"))
    assert response.context["export_url"] == (
        reverse("evaluation:results_export", kwargs={"pk": round_.pk}) + "?grade=good&sort=name"
    )


@pytest.mark.parametrize("role", ["county_admin", "org_admin", "inspector", "member"])
def test_results_of_a_closed_round_are_hidden(client, tree, role):
    round_, _subjects = released_round(tree, release=False)
    response = get(client, getattr(tree.users, role), results_url(round_))
    assert response.status_code == (403 if role == "county_admin" else 404)


def test_county_admin_is_told_the_results_are_not_released(client, tree):
    round_, _subjects = released_round(tree, release=False)
    response = get(client, tree.users.county_admin, results_url(round_))
    counted = timezone.localtime(TallyResult.objects.get(round=round_).tallied_at).strftime("%Y-%m-%d %H:%M")
    assert (response.status_code, text_of(response, "counted")) == (
        403, f"Counted at {counted}: 8 ballots. Release the results to publish them.",
    )


def test_released_round_without_a_count_is_not_released_to_anyone(client, tree):
    round_, _subjects = released_round(tree)
    TallyResult.objects.filter(round=round_).delete()
    statuses = [get(client, getattr(tree.users, role), results_url(round_)).status_code
                for role in ("county_admin", "leader")]
    assert statuses == [403, 404]


def test_results_ask_anonymous_users_to_log_in(client, tree, released):
    round_, _subjects = released
    response = client.get(results_url(round_))
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={results_url(round_)}")


# One subject


def test_subject_page_shows_composite_ranks_and_good_share(client, tree, released):
    round_, subjects = released
    response = get(client, tree.users.county_admin, subject_url(round_, subjects["b1"].pk))
    ids = ("composite", "rank-county", "rank-peer", "good-share", "good-interval", "dissatisfied-share", "open-survey")
    assert [text_of(response, i) for i in ids] == [
        "77.00", "1", "1 / 2", "62.5%", "95% interval 21.9–90.8%", "12.5%", "none",
    ]


def test_subject_page_says_not_ranked_and_shows_flags(client, tree, released):
    round_, subjects = released
    response = get(client, tree.users.county_admin, subject_url(round_, subjects["t1"].pk))
    assert [text_of(response, i) for i in ("rank-county", "rank-peer")] == ["not ranked", "not ranked"]


def test_subject_page_tables_every_voter_group_and_indicator(client, tree, released):
    round_, subjects = released
    response = get(client, tree.users.county_admin, subject_url(round_, subjects["b1"].pk))
    assert table(response, "cell-table") == [
        ["Voter group", "Indicator", "Answers", "Answers per option", "Mean points", "Good share (95% interval)",
         "Dissatisfied share"],
        ["party members", "政治引领", "2", "excellent 1 good 1 fair 0 poor 0", "90.00", "100.0% 34.2–100.0%", "0.0%"],
        ["party members", "服务群众", "2", "satisfied 1 fairly satisfied 1 dissatisfied 0", "80.00",
         "100.0% 34.2–100.0%", "0.0%"],
        ["the public", "政治引领", "2", "excellent 0 good 0 fair 2 poor 0", "60.00", "0.0% 0.0–65.8%", "0.0%"],
        ["the public", "服务群众", "2", "satisfied 1 fairly satisfied 0 dissatisfied 1", "50.00", "50.0% 9.5–90.5%",
         "50.0%"],
    ]


def test_subject_page_shows_open_survey_cells_apart_and_marked(client, tree, released):
    round_, subjects = released
    row = SubjectCells.objects.get(subject=subjects["b1"])
    group_id, indicator_id = row.cells[0][:2]
    row.cells.append([group_id, indicator_id, 1, 5, 320, [1, 1, 1, 2]])
    row.save(update_fields=["cells"])
    response = get(client, tree.users.county_admin, subject_url(round_, subjects["b1"].pk))
    assert (len(table(response, "cell-table")), table(response, "open-cell-table")[1:]) == (
        5, [["party members", "政治引领", "5", "excellent 1 good 1 fair 1 poor 2", "64.00", "40.0% 11.8–76.9%", "40.0%"]],
    )


def test_subject_page_charts_the_trusted_option_shares_per_indicator(client, tree, released):
    round_, subjects = released
    response = get(client, tree.users.county_admin, subject_url(round_, subjects["b1"].pk))

    def point(value, count, place):
        return {"value": value, "count": count, "place": place}

    assert response.context["distribution_chart"] == {
        "indicators": ["政治引领", "服务群众"],
        "series": [
            {"name": "excellent", "data": [point(25.0, 1, 0.0), None]},
            {"name": "good", "data": [point(25.0, 1, 1 / 3), None]},
            {"name": "fair", "data": [point(50.0, 2, 2 / 3), None]},
            {"name": "poor", "data": [point(0.0, 0, 1.0), None]},
            {"name": "satisfied", "data": [None, point(50.0, 2, 0.0)]},
            {"name": "fairly satisfied", "data": [None, point(25.0, 1, 0.5)]},
            {"name": "dissatisfied", "data": [None, point(25.0, 1, 1.0)]},
        ],
    }


def _without_per_response_bits(response, pk) -> str:
    """The page without its nonce, CSRF token and own path (the language form's `next`)."""
    html = re.sub(r'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"', "",
                  response.content.decode())
    return html.replace(f"/subjects/{pk}/", "/subjects/PK/")


def test_subject_outside_the_view_is_the_same_404_as_a_missing_one(client, tree, released):
    round_, subjects = released
    client.force_login(tree.users.org_admin)
    outside_pk, missing_pk = subjects["b2"].pk, subjects["b2"].pk + 1000
    outside = client.get(subject_url(round_, outside_pk))
    missing = client.get(subject_url(round_, missing_pk))
    assert (outside.status_code, _without_per_response_bits(outside, outside_pk)) == (
        404, _without_per_response_bits(missing, missing_pk)
    )


def test_subject_of_another_round_is_404(client, tree, released):
    round_, _subjects = released
    _other, other_subjects = released_round(tree, name="另一轮")
    response = get(client, tree.users.county_admin, subject_url(round_, other_subjects["b1"].pk))
    assert response.status_code == 404


# Query counts: the pages read a constant number of stored rows, whatever the number of subjects


def _one_ballot_each(codes):
    return {code: {GroupKind.MEMBERS: [(0, 1)], GroupKind.PUBLIC: [(1, 0)]} for code in codes}


@pytest.mark.parametrize("codes", [("b1",), ("b1", "b2", "t1")])
def test_results_page_query_count_is_constant(client, tree, django_assert_num_queries, codes):
    round_, _subjects = released_round(tree, _one_ballot_each(codes))
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(10):
        assert client.get(results_url(round_)).status_code == 200


@pytest.mark.parametrize("codes", [("b1",), ("b1", "b2", "t1")])
def test_subject_page_query_count_is_constant(client, tree, django_assert_num_queries, codes):
    round_, subjects = released_round(tree, _one_ballot_each(codes))
    client.force_login(tree.users.county_admin)
    # The cells: the subject's packed cells, the round's voter groups and indicators.
    with django_assert_num_queries(10):
        assert client.get(subject_url(round_, subjects["b1"].pk)).status_code == 200
