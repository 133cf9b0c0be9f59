"""Record indicators: figures (0–100) read from records at the count and weighed into the
composite; schemes that hold them, rounds that use them, ballots that never answer them,
and results that show them."""
import datetime
import io
import urllib.parse
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from pacesetter.campaigns.models import Campaign
from pacesetter.core.errors import DomainError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain, sources
from pacesetter.evaluation.enums import GroupKind, IndicatorSource, RoundKind, Scale, SchemeKind
from pacesetter.evaluation.fastpath import BallotFastPath
from pacesetter.evaluation.models import Answer, Ballot, Indicator, PaperCount, SubjectResult
from pacesetter.evaluation.queries import ballot_fingerprint
from pacesetter.evaluation.tally import tally_round

from .conftest import GROUPS, INDICATORS, make_scheme
from .test_fastpath import Django, _call, _environ
from .test_results_pages import table

pytestmark = pytest.mark.django_db

FULFILMENT, SUPERIOR = IndicatorSource.COMMITMENT_FULFILMENT, IndicatorSource.SUPERIOR_REVIEW
#: Ballots answer half the composite (30 + 20), records the other half (30 + 20).
REVIEW_INDICATORS = [
    {"question": "履诺情况", "scale": Scale.GRADE4, "weight": 30},  # 100 / 80 / 60 / 40
    {"question": "群众满意度", "scale": Scale.SATISFACTION3, "weight": 20},  # 100 / 60 / 0
    {"question": "践诺率", "source": FULFILMENT, "weight": 30},
    {"question": "上级评诺", "source": SUPERIOR, "weight": 20},
]


def make_review_scheme(indicators=REVIEW_INDICATORS, groups=GROUPS, name="评诺方案"):
    scheme = domain.create_scheme(
        name=name, kind=SchemeKind.COMMITMENT_REVIEW, indicators=indicators, groups=groups, by=None
    )
    return domain.activate_scheme(scheme, by=None)


def make_campaign(name="2026年创先争优活动"):
    return Campaign.objects.create(
        name=name, year=2026, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )


def make_review_round(scheme, campaign, *, subjects, open_=True, min_n=1, allow_open_channel=False):
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.COMMITMENT_REVIEW, campaign=campaign, name="2026年度评诺", min_n=min_n,
        allow_open_channel=allow_open_channel,
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    round_subjects = {s.organization.code: s for s in domain.add_subjects(round_, organizations=subjects, by=None)}
    groups = {g.kind: domain.add_group(round_, voter_group=g, expected=10, by=None) for g in scheme.groups.all()}
    if open_:
        round_ = domain.open_round(round_, by=None)
    ballot_ids = list(
        scheme.indicators.filter(source=IndicatorSource.BALLOT).order_by("order").values_list("id", flat=True)
    )
    record_ids = list(
        scheme.indicators.exclude(source=IndicatorSource.BALLOT).order_by("order").values_list("id", flat=True)
    )
    return SimpleNamespace(round=round_, subjects=round_subjects, groups=groups, scheme=scheme,
                           ballot_ids=ballot_ids, record_ids=record_ids)


def cast(setup, code, kind, *options):
    """One token ballot per tuple of options (one per ballot indicator)."""
    tokens = domain.make_tokens(setup.round, subject=setup.subjects[code], group=setup.groups[kind],
                                count=len(options), by=None)
    for token, answer in zip(tokens, options, strict=True):
        domain.cast_ballot(token, dict(zip(setup.ballot_ids, answer, strict=True)))


def supply(monkeypatch, source, figures: dict):
    """Stand-in figures for a record source: organisation code → figure."""
    def values(round_, subjects):
        codes = dict(round_.subjects.values_list("pk", "organization__code"))
        return {s.id: figures.get(codes[s.id]) for s in subjects}
    monkeypatch.setitem(sources._sources, source, values)


def counted(setup, *, by=None):
    setup.round = domain.close_round(setup.round, by=None)
    return tally_round(setup.round, by=by)


def result(tally, setup, code):
    return SubjectResult.objects.get(tally=tally, subject=setup.subjects[code])


@pytest.fixture
def campaign(db):
    return make_campaign()


@pytest.fixture
def review_scheme(db):
    return make_review_scheme()


@pytest.fixture
def review(tree, review_scheme, campaign):
    return make_review_round(review_scheme, campaign, subjects=[tree.b1, tree.b2])


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


# --- Schemes ------------------------------------------------------------------------------


def test_record_indicator_is_stored_with_the_score_scale_and_no_points(review_scheme):
    assert list(review_scheme.indicators.order_by("order").values_list("source", "scale", "points", "weight")) == [
        ("ballot", "grade4", [], 30), ("ballot", "satisfaction3", [], 20),
        (FULFILMENT.value, "score100", [], 30), (SUPERIOR.value, "score100", [], 20),
    ]


def test_review_scheme_is_of_its_kind(review_scheme):
    assert review_scheme.kind == SchemeKind.COMMITMENT_REVIEW


def test_record_indicator_is_refused_in_a_general_scheme(db):
    error = _refusal(lambda: make_scheme(indicators=REVIEW_INDICATORS))
    assert error.messages == [
        "Indicator 3 takes its figure from a record (commitment fulfilment rate); only a commitment-review scheme "
        "has such indicators."
    ]


@pytest.mark.parametrize("extra", [{"scale": Scale.GRADE4}, {"points": [100]}])
def test_record_indicator_with_a_scale_or_points_is_refused(db, extra):
    indicators = [*REVIEW_INDICATORS[:2], {**REVIEW_INDICATORS[2], **extra}, REVIEW_INDICATORS[3]]
    error = _refusal(lambda: make_review_scheme(indicators))
    assert error.messages == [
        "Indicator 3 takes its figure from a record (commitment fulfilment rate): it has no answer scale and no "
        "points."
    ]


def test_record_indicator_may_name_the_score_scale(db):
    indicators = [*REVIEW_INDICATORS[:2], {**REVIEW_INDICATORS[2], "scale": Scale.SCORE100}, REVIEW_INDICATORS[3]]
    assert make_review_scheme(indicators).indicators.count() == 4


def test_scheme_without_a_ballot_indicator_is_refused(db):
    indicators = [{"question": "践诺率", "source": FULFILMENT, "weight": 60},
                  {"question": "上级评诺", "source": SUPERIOR, "weight": 40}]
    assert _refusal(lambda: make_review_scheme(indicators)).messages == [
        "The scheme needs at least one indicator that ballots answer."
    ]


def test_weights_of_ballot_and_record_indicators_together_total_100(db):
    indicators = [{**REVIEW_INDICATORS[0], "weight": 60}, REVIEW_INDICATORS[2]]
    assert _refusal(lambda: make_review_scheme(indicators)).messages == [
        "The weights of the indicators add up to 90, not 100."
    ]


def test_unknown_source_is_refused(db):
    indicators = [REVIEW_INDICATORS[0], {**REVIEW_INDICATORS[2], "source": "weather"}, *REVIEW_INDICATORS[1:2],
                  REVIEW_INDICATORS[3]]
    assert _refusal(lambda: make_review_scheme(indicators)).messages == ["Indicator 2 has an unknown source."]


def test_unknown_scheme_kind_is_refused_naming_the_field(db):
    error = _refusal(lambda: domain.create_scheme(name="x", kind="other", indicators=INDICATORS, groups=GROUPS,
                                                  by=None))
    assert error.message_dict == {"kind": ["Unknown kind of scheme."]}


def test_scheme_audit_records_kind_and_sources(review_scheme):
    entry = AuditEntry.objects.get(action="evaluation.scheme.create", object_id=str(review_scheme.pk))
    assert (entry.after["kind"], [i["source"] for i in entry.after["indicators"]]) == (
        "commitment_review", ["ballot", "ballot", FULFILMENT.value, SUPERIOR.value]
    )


def test_scheme_of_an_open_round_cannot_change_its_record_indicators(review):
    error = _refusal(lambda: domain.update_scheme(review.scheme, indicators=REVIEW_INDICATORS[:2] + [
        {**REVIEW_INDICATORS[2], "weight": 50}], by=None))
    assert error.code == "scheme_locked"


def test_scheme_kind_cannot_leave_its_draft_rounds(tree, review_scheme, campaign):
    setup = make_review_round(review_scheme, campaign, subjects=[tree.b1], open_=False)
    error = _refusal(lambda: domain.update_scheme(
        setup.scheme, kind=SchemeKind.GENERAL, indicators=INDICATORS, by=None
    ))
    assert error.message_dict == {"kind": [
        "The round “2026年度评诺” (commitment review) uses the scheme, so it must stay a scheme of the kind "
        "“commitment review”."
    ]}


def test_draft_scheme_changes_kind_and_sources(db):
    scheme = make_scheme(active=False)
    domain.update_scheme(scheme, kind=SchemeKind.COMMITMENT_REVIEW, indicators=REVIEW_INDICATORS, by=None)
    scheme.refresh_from_db()
    assert (scheme.kind, list(scheme.indicators.order_by("order").values_list("source", flat=True))) == (
        "commitment_review", ["ballot", "ballot", FULFILMENT.value, SUPERIOR.value]
    )


# --- The scheme form ----------------------------------------------------------------------


def scheme_post(rows, *, kind="commitment_review"):
    data = {
        "name": "评诺方案", "sector": "", "kind": kind,
        "indicators-TOTAL_FORMS": str(len(rows)), "indicators-INITIAL_FORMS": "0",
        "groups-TOTAL_FORMS": "1", "groups-INITIAL_FORMS": "0", "groups-0-kind": "members", "groups-0-weight": "100",
    }
    for n, (question, source, scale, points, weight) in enumerate(rows):
        data |= {f"indicators-{n}-question": question, f"indicators-{n}-source": source,
                 f"indicators-{n}-scale": scale, f"indicators-{n}-points": points, f"indicators-{n}-weight": weight}
    return data


FORM_ROWS = [("履诺情况", "ballot", "grade4", "", "70"), ("践诺率", "commitment_fulfilment", "", "", "30")]


def english(client, settings):
    """A client reading in English, so messages compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def admin_client(tree, settings):
    client = english(Client(), settings)
    client.force_login(tree.users.county_admin)
    return client


@pytest.fixture
def admin_api(tree, settings):
    api = english(APIClient(), settings)
    api.force_authenticate(tree.users.county_admin)
    return api


def test_scheme_form_saves_the_kind_and_a_record_indicator(admin_client):
    response = admin_client.post(reverse("evaluation:scheme_create"), scheme_post(FORM_ROWS))
    indicator = Indicator.objects.get(question="践诺率")
    assert (response.status_code, indicator.scheme.kind, indicator.source, indicator.scale) == (
        302, "commitment_review", "commitment_fulfilment", "score100"
    )


def test_scheme_form_refuses_a_scale_on_a_record_row(admin_client):
    rows = [FORM_ROWS[0], ("践诺率", "commitment_fulfilment", "grade4", "", "30")]
    response = admin_client.post(reverse("evaluation:scheme_create"), scheme_post(rows))
    assert response.context["errors"] == [
        "Indicator 2, scale: A figure from a record has no answer scale; leave it empty."
    ]


def test_scheme_form_asks_for_the_scale_of_a_ballot_row(admin_client):
    rows = [("履诺情况", "ballot", "", "", "70"), FORM_ROWS[1]]
    response = admin_client.post(reverse("evaluation:scheme_create"), scheme_post(rows))
    assert response.context["errors"] == ["Indicator 1, scale: Choose the answer scale."]


def test_scheme_form_says_why_a_general_scheme_takes_no_record_indicator(admin_client):
    response = admin_client.post(reverse("evaluation:scheme_create"), scheme_post(FORM_ROWS, kind="general"))
    assert response.context["errors"] == [
        "Indicator 2 takes its figure from a record (commitment fulfilment rate); only a commitment-review scheme "
        "has such indicators."
    ]


def test_scheme_page_shows_the_source_of_each_indicator(admin_client, review_scheme):
    response = admin_client.get(reverse("evaluation:scheme", args=[review_scheme.pk]))
    assert [row[2] for row in table(response, "indicator-table")[1:]] == [
        "ballots", "ballots", "commitment fulfilment rate", "superior organisation's review of commitments"
    ]


def test_scheme_edit_form_shows_a_record_row_without_a_scale(admin_client):
    scheme = make_review_scheme()
    form = admin_client.get(reverse("evaluation:scheme_edit", args=[scheme.pk])).context["indicators"]
    assert [(f.initial["source"], f.initial["scale"]) for f in form.initial_forms] == [
        ("ballot", "grade4"), ("ballot", "satisfaction3"), (FULFILMENT.value, ""), (SUPERIOR.value, "")
    ]


def test_api_creates_a_review_scheme_with_record_indicators_without_a_scale(admin_api):
    api = admin_api
    body = {"name": "评诺方案", "kind": "commitment_review", "groups": [{"kind": "members", "weight": 100}],
            "indicators": [{"question": "履诺情况", "scale": "grade4", "weight": 70},
                           {"question": "践诺率", "source": "commitment_fulfilment", "weight": 30}]}
    data = api.post("/api/v1/evaluation/schemes/", body, format="json").json()
    assert (data["kind"], [(i["source"], i["scale"], i["points"], i["options"]) for i in data["indicators"]]) == (
        "commitment_review", [("ballot", "grade4", [100, 80, 60, 40], ["excellent", "good", "fair", "poor"]),
                              ("commitment_fulfilment", "score100", [], [])]
    )


def test_api_refuses_a_record_indicator_in_a_general_scheme(admin_api):
    api = admin_api
    body = {"name": "方案", "groups": [{"kind": "members", "weight": 100}],
            "indicators": [{"question": "履诺情况", "scale": "grade4", "weight": 70},
                           {"question": "践诺率", "source": "commitment_fulfilment", "weight": 30}]}
    response = api.post("/api/v1/evaluation/schemes/", body, format="json")
    assert (response.status_code, response.json()["non_field_errors"]) == (400, [
        "Indicator 2 takes its figure from a record (commitment fulfilment rate); only a commitment-review scheme "
        "has such indicators."
    ])


# --- Rounds -------------------------------------------------------------------------------


def _create(scheme, kind, campaign=None):
    now = timezone.now()
    return domain.create_round(scheme=scheme, kind=kind, campaign=campaign, name="测评", opens_at=now,
                               closes_at=now + datetime.timedelta(days=1), by=None)


def test_commitment_review_round_needs_a_review_scheme(scheme, campaign):
    error = _refusal(lambda: _create(scheme, RoundKind.COMMITMENT_REVIEW, campaign))
    assert error.message_dict == {"scheme": [
        "A commitment review needs a scheme of the kind “commitment review”; “村级党组织测评” is not one."
    ]}


def test_commitment_review_round_needs_a_campaign(review_scheme):
    error = _refusal(lambda: _create(review_scheme, RoundKind.COMMITMENT_REVIEW))
    assert error.message_dict == {"campaign": ["A commitment review needs the campaign whose commitments it reviews."]}


@pytest.mark.parametrize("kind", [RoundKind.DEMOCRATIC, RoundKind.SATISFACTION, RoundKind.CONDUCT])
def test_review_scheme_serves_no_other_kind_of_round(review_scheme, campaign, kind):
    error = _refusal(lambda: _create(review_scheme, kind, campaign))
    assert error.message_dict == {"scheme": ["The scheme “评诺方案” is for commitment reviews only."]}


def test_other_round_may_name_its_campaign(scheme, campaign):
    assert _create(scheme, RoundKind.DEMOCRATIC, campaign).campaign == campaign


def test_review_round_keeps_its_campaign_in_the_audit_log(review, campaign):
    entry = AuditEntry.objects.get(action="evaluation.round.create", object_id=str(review.round.pk))
    assert entry.after["campaign_id"] == campaign.pk


def test_draft_review_round_cannot_drop_its_campaign(tree, review_scheme, campaign):
    setup = make_review_round(review_scheme, campaign, subjects=[tree.b1], open_=False)
    error = _refusal(lambda: domain.update_round(setup.round, campaign=None, by=None))
    assert error.message_dict == {"campaign": ["A commitment review needs the campaign whose commitments it reviews."]}


def test_draft_review_round_changes_its_campaign(tree, review_scheme, campaign):
    setup = make_review_round(review_scheme, campaign, subjects=[tree.b1], open_=False)
    other = make_campaign("2027年创先争优活动")
    assert domain.update_round(setup.round, campaign=other, by=None).campaign == other


ROUND_FORM = {
    "name": "新评诺", "opens_at": "2030-01-01T08:00", "closes_at": "2030-01-08T08:00", "min_n": "5",
    "dissatisfied_flag_share": "0.333", "advanced_min": "90", "good_min": "80", "fair_min": "60",
    "advanced_top_share": "0.2", "lagging_bottom_share": "0.1", "flag_caps_at": "fair", "kind": "commitment_review",
}


def test_round_form_names_the_campaign_field_when_it_is_missing(admin_client, review_scheme):
    response = admin_client.post(reverse("evaluation:round_create"), {**ROUND_FORM, "scheme": review_scheme.pk})
    assert response.context["form"].errors == {
        "campaign": ["A commitment review needs the campaign whose commitments it reviews."]
    }


def test_round_form_names_the_scheme_field_when_its_kind_is_wrong(admin_client, scheme, campaign):
    response = admin_client.post(reverse("evaluation:round_create"),
                                 {**ROUND_FORM, "scheme": scheme.pk, "campaign": campaign.pk})
    assert response.context["form"].errors == {
        "scheme": ["A commitment review needs a scheme of the kind “commitment review”; “村级党组织测评” is not one."]
    }


def test_round_form_creates_a_review_round_of_the_campaign(admin_client, review_scheme, campaign):
    response = admin_client.post(reverse("evaluation:round_create"),
                                 {**ROUND_FORM, "scheme": review_scheme.pk, "campaign": campaign.pk})
    round_ = review_scheme.rounds.get()
    assert (response.status_code, round_.kind, round_.campaign) == (302, "commitment_review", campaign)


def test_round_page_names_the_campaign(admin_client, review, campaign):
    response = admin_client.get(reverse("evaluation:round", args=[review.round.pk]))
    assert '<dd class="col-sm-7" id="round-campaign">2026年创先争优活动</dd>' in response.content.decode()


def test_api_creates_a_review_round_with_its_campaign(admin_api, review_scheme, campaign):
    api = admin_api
    body = {"name": "评诺", "kind": "commitment_review", "scheme": review_scheme.pk, "campaign": campaign.pk,
            "opens_at": "2030-01-01T08:00:00+08:00", "closes_at": "2030-01-08T08:00:00+08:00", "groups": []}
    response = api.post("/api/v1/evaluation/rounds/", body, format="json")
    assert (response.status_code, response.json()["campaign"]) == (201, campaign.pk)


def test_api_names_the_campaign_of_a_review_round_missing(admin_api, review_scheme):
    api = admin_api
    body = {"name": "评诺", "kind": "commitment_review", "scheme": review_scheme.pk,
            "opens_at": "2030-01-01T08:00:00+08:00", "closes_at": "2030-01-08T08:00:00+08:00", "groups": []}
    response = api.post("/api/v1/evaluation/rounds/", body, format="json")
    assert (response.status_code, response.json()) == (400, {
        "campaign": ["A commitment review needs the campaign whose commitments it reviews."]
    })


# --- Ballots: a record indicator is asked nowhere and accepted nowhere -------------------


def _written():
    return Ballot.objects.count(), Answer.objects.count()


@pytest.fixture
def voting(review):
    review.tokens = domain.make_tokens(review.round, subject=review.subjects["T1B1"],
                                       group=review.groups[GroupKind.MEMBERS], count=3, by=None)
    review.answers = dict(zip(review.ballot_ids, (0, 1), strict=True))
    review.with_record = {**review.answers, review.record_ids[0]: 90}
    return review


def test_ballot_asks_the_ballot_indicators_only(voting):
    assert [i.pk for i in domain.scheme_indicators(voting.scheme.pk)] == voting.ballot_ids


def test_ballot_with_only_the_ballot_indicators_is_cast(voting):
    domain.cast_ballot(voting.tokens[0], voting.answers)
    assert sorted(Answer.objects.values_list("indicator_id", flat=True)) == sorted(voting.ballot_ids)


def test_cast_ballot_refuses_an_answer_to_a_record_indicator(voting):
    error = _refusal(lambda: domain.cast_ballot(voting.tokens[0], voting.with_record))
    assert (error.code, error.messages, _written()) == (
        "out_of_scale", ["The ballot answers a question that is not on it."], (0, 0)
    )


def test_ballot_page_shows_no_record_indicator(voting):
    response = Client().get(reverse("ballot:vote", kwargs={"token": voting.tokens[0]}))
    assert [q["indicator"].pk for q in response.context["questions"]] == voting.ballot_ids


def test_ballot_page_refuses_an_answer_to_a_record_indicator(voting, settings):
    form = {"step": "cast", **{f"q{pk}": str(v) for pk, v in voting.with_record.items()}}
    response = english(Client(), settings).post(reverse("ballot:vote", kwargs={"token": voting.tokens[0]}), form)
    assert (response.status_code, [e["message"] for e in response.context["errors"]], _written()) == (
        400, ["The ballot answers a question that is not on it."], (0, 0)
    )


def test_fast_path_passes_an_answer_to_a_record_indicator_on_to_django(voting):
    domain.cast_ballot(voting.tokens[0], voting.answers)  # the process knows the scheme now
    body = urllib.parse.urlencode([("step", "cast"), *((f"q{pk}", str(v)) for pk, v in voting.with_record.items())])
    django_app = Django()
    status, _headers, _body = _call(BallotFastPath(django_app), _environ(voting.tokens[1], body.encode()))
    assert (status, django_app.bodies, _written()) == ("299 Passed On", [body.encode()], (1, 2))


def test_fast_path_casts_the_ballot_indicators_of_a_review(voting):
    domain.cast_ballot(voting.tokens[0], voting.answers)
    body = urllib.parse.urlencode([("step", "cast"), *((f"q{pk}", str(v)) for pk, v in voting.answers.items())])
    status, _headers, _body = _call(BallotFastPath(Django()), _environ(voting.tokens[1], body.encode()))
    assert (status, _written()) == ("303 See Other", (2, 4))


def test_api_ballot_refuses_an_answer_to_a_record_indicator(voting, settings):
    answers = {str(pk): v for pk, v in voting.with_record.items()}
    response = english(APIClient(), settings).post(
        "/api/v1/evaluation/ballots/", {"token": voting.tokens[0], "answers": answers}, format="json"
    )
    assert (response.status_code, response.json(), _written()) == (
        400, {"detail": "The ballot answers a question that is not on it.", "code": "out_of_scale"}, (0, 0)
    )


@pytest.fixture
def survey(tree, review_scheme, campaign):
    setup = make_review_round(review_scheme, campaign, subjects=[tree.b1], allow_open_channel=True)
    setup.key = setup.subjects["T1B1"].open_key
    setup.answers = dict(zip(setup.ballot_ids, (0, 1), strict=True))
    setup.with_record = {**setup.answers, setup.record_ids[1]: 100}
    return setup


def test_open_survey_refuses_an_answer_to_a_record_indicator(survey):
    error = _refusal(lambda: domain.cast_open_ballot(survey.key, survey.with_record, client_ip="198.51.100.7",
                                                     device_id="device-a"))
    assert (error.code, _written()) == ("out_of_scale", (0, 0))


def test_open_survey_page_refuses_an_answer_to_a_record_indicator(survey, settings):
    form = {"step": "cast", **{f"q{pk}": str(v) for pk, v in survey.with_record.items()}}
    response = english(Client(), settings).post(reverse("survey:vote", kwargs={"key": survey.key}), form)
    assert (response.status_code, response.context["errors"], _written()) == (
        400, ["The ballot answers a question that is not on it."], (0, 0)
    )


def test_open_survey_page_asks_the_ballot_indicators_only(survey):
    response = Client().get(reverse("survey:vote", kwargs={"key": survey.key}))
    assert [q["indicator"].pk for q in response.context["questions"]] == survey.ballot_ids


def test_paper_count_of_a_record_indicator_is_refused(tree, voting):
    counts = {voting.ballot_ids[0]: [1, 1, 0, 0], voting.ballot_ids[1]: [2, 0, 0], voting.record_ids[0]: [80, 90]}
    error = _refusal(lambda: domain.enter_paper_count(
        voting.round, subject=voting.subjects["T1B1"], group=voting.groups[GroupKind.MEMBERS], counts=counts,
        by=tree.users.county_admin,
    ))
    assert (error.messages, PaperCount.objects.count()) == (
        ["The counts name a question that is not in the round's scheme."], 0
    )


def test_paper_count_of_the_ballot_indicators_is_entered(tree, voting):
    counts = {voting.ballot_ids[0]: [1, 1, 0, 0], voting.ballot_ids[1]: [2, 0, 0]}
    entry = domain.enter_paper_count(
        voting.round, subject=voting.subjects["T1B1"], group=voting.groups[GroupKind.MEMBERS], counts=counts,
        by=tree.users.county_admin,
    )
    assert entry.counts == {str(voting.ballot_ids[0]): [1, 1, 0, 0], str(voting.ballot_ids[1]): [2, 0, 0]}


def test_paper_page_asks_counts_of_the_ballot_indicators_only(admin_client, voting):
    response = admin_client.get(reverse("evaluation:paper", args=[voting.round.pk]))
    assert [row["indicator"].pk for row in response.context["rows"]] == voting.ballot_ids


# --- The composite --------------------------------------------------------------------------


def test_with_records_adds_each_figure_by_its_weight():
    # ballot part 43 of 50; 0.3 × 75 + 0.2 × 80
    assert sources.with_records(43.0, 50, [(30, 75.0), (20, 80.0)]) == 81.5


def test_with_records_spreads_a_missing_figure_over_the_rest():
    # (43 + 22.5) / 0.8
    assert sources.with_records(43.0, 50, [(30, 75.0), (20, None)]) == 81.875


def test_with_records_rests_on_the_ballots_when_no_figure_exists():
    assert sources.with_records(43.0, 50, [(30, None), (20, None)]) == 86.0


def test_with_records_keeps_no_composite_without_ballots():
    assert sources.with_records(None, 50, [(30, 75.0), (20, 80.0)]) is None


def test_record_values_refuses_a_source_nobody_supplies(review, monkeypatch):
    monkeypatch.delitem(sources._sources, SUPERIOR, raising=False)
    indicators = list(review.scheme.indicators.all())
    error = _refusal(lambda: sources.record_values(review.round, indicators, []))
    assert (error.code, error.messages) == ("record_source", [
        "The indicator “上级评诺” takes its figure from “superior organisation's review of commitments”, which nothing "
        "in this installation supplies; nothing was counted."
    ])


@pytest.mark.parametrize("value", [100.5, -1, "80", float("nan")])
def test_record_values_refuses_a_figure_outside_0_to_100(review, monkeypatch, value):
    supply(monkeypatch, FULFILMENT, {"T1B1": value})
    supply(monkeypatch, SUPERIOR, {})
    subject = review.subjects["T1B1"]
    error = _refusal(lambda: sources.record_values(
        review.round, list(review.scheme.indicators.all()), [(subject.pk, subject.organization_id, None)]
    ))
    assert error.code == "record_value"


def test_register_refuses_the_ballot_source():
    with pytest.raises(ValueError):
        sources.register(IndicatorSource.BALLOT, lambda round_, subjects: {})


@pytest.fixture
def tallied(review, monkeypatch):
    """T1B1: members (0, 0) and (1, 1): 0.3 × 90 + 0.2 × 80 = 43 of 50; fulfilment 75, superior 80.
    T2B1: no ballots; fulfilment 50, no superior judgement."""
    cast(review, "T1B1", GroupKind.MEMBERS, (0, 0), (1, 1))
    supply(monkeypatch, FULFILMENT, {"T1B1": 75.0, "T2B1": 50.0})
    supply(monkeypatch, SUPERIOR, {"T1B1": 80})
    review.tally = counted(review)
    return review


def test_tally_weighs_record_figures_into_the_composite(tallied):
    assert result(tallied.tally, tallied, "T1B1").composite == 81.5


def test_tally_stores_the_record_figures_by_indicator(tallied):
    fulfilment, superior = tallied.record_ids
    assert result(tallied.tally, tallied, "T1B1").record_values == {str(fulfilment): 75.0, str(superior): 80.0}


def test_tally_keeps_no_composite_for_a_subject_without_ballots(tallied):
    fulfilment, superior = tallied.record_ids
    row = result(tallied.tally, tallied, "T2B1")
    assert (row.composite, row.record_values, row.grade) == (None, {str(fulfilment): 50.0, str(superior): None}, "")


def test_tally_spreads_a_missing_record_figure_over_the_rest(review, monkeypatch):
    cast(review, "T1B1", GroupKind.MEMBERS, (0, 0), (1, 1))
    supply(monkeypatch, FULFILMENT, {"T1B1": 75.0})
    supply(monkeypatch, SUPERIOR, {})
    assert result(counted(review), review, "T1B1").composite == 81.875


def test_tally_counts_no_answers_for_record_indicators(tallied):
    assert (tallied.tally.answers, tallied.tally.ballots) == (4, 2)


def test_tally_fingerprint_covers_the_ballot_answers(tallied):
    assert tallied.tally.fingerprint == ballot_fingerprint(tallied.round)


def test_tally_completes_the_open_survey_composite_with_the_records(tree, survey, monkeypatch):
    domain.cast_open_ballot(survey.key, dict(zip(survey.ballot_ids, (0, 0), strict=True)), client_ip="198.51.100.7",
                            device_id="device-a")
    supply(monkeypatch, FULFILMENT, {"T1B1": 50.0})
    supply(monkeypatch, SUPERIOR, {"T1B1": 100})
    row = result(counted(survey), survey, "T1B1")
    # public: 0.3 × 100 + 0.2 × 100 = 50 of 50; + 0.3 × 50 + 0.2 × 100
    assert (row.composite, row.open_composite) == (None, 85.0)


def test_tally_ranks_by_the_composite_with_records(review, monkeypatch):
    """T1B1 has the better ballots (43 of 50 against 30 of 50), T2B1 the better records."""
    cast(review, "T1B1", GroupKind.MEMBERS, (0, 0), (1, 1))
    cast(review, "T2B1", GroupKind.MEMBERS, (1, 1))  # 0.3 × 80 + 0.2 × 60 = 36
    supply(monkeypatch, FULFILMENT, {"T1B1": 20.0, "T2B1": 100.0})
    supply(monkeypatch, SUPERIOR, {"T1B1": 40, "T2B1": 100})
    tally = counted(review)
    assert [(code, result(tally, review, code).composite, result(tally, review, code).rank_county)
            for code in ("T1B1", "T2B1")] == [("T1B1", 57.0, 2), ("T2B1", 86.0, 1)]


def test_tally_of_a_general_scheme_stores_no_record_figures(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    round_ = domain.close_round(live.round, by=None)
    tally = tally_round(round_, by=None)
    assert list(SubjectResult.objects.filter(tally=tally).values_list("record_values", flat=True)) == [None, None]


def test_tally_refuses_a_source_nobody_supplies_and_stores_nothing(review, monkeypatch):
    monkeypatch.delitem(sources._sources, FULFILMENT, raising=False)
    review.round = domain.close_round(review.round, by=None)
    error = _refusal(lambda: tally_round(review.round, by=None))
    assert (error.code, SubjectResult.objects.count()) == ("record_source", 0)


# --- Results ------------------------------------------------------------------------------


@pytest.fixture
def released(tallied):
    tallied.round = domain.release_results(tallied.round, by=None)
    return tallied


def test_results_list_shows_a_column_per_record_indicator_with_its_source(admin_client, released):
    rows = table(admin_client.get(reverse("evaluation:results", args=[released.round.pk])), "result-table")
    assert [rows[0][5:7], rows[1][4:7], rows[2][4:7]] == [
        ["践诺率 commitment fulfilment rate · 30%", "上级评诺 superior organisation's review of commitments · 20%"],
        ["81.50", "75.0", "80.0"],
        ["—", "50.0", "—"],
    ]


def test_subject_page_lists_the_record_figures(admin_client, released):
    url = reverse("evaluation:result_subject", args=[released.round.pk, released.subjects["T2B1"].pk])
    assert table(admin_client.get(url), "record-table") == [
        ["Indicator", "Source", "Weight", "Figure"],
        ["践诺率", "commitment fulfilment rate", "30%", "50.0"],
        ["上级评诺", "superior organisation's review of commitments", "20%", "no figure"],
    ]


def test_subject_page_of_a_general_round_has_no_record_figures(admin_client, tree):
    from .test_results_pages import released_round, subject_url

    round_, subjects = released_round(tree)
    assert b'id="record-figures"' not in admin_client.get(subject_url(round_, subjects["b1"].pk)).content


def test_export_has_a_column_per_record_indicator(admin_client, released):
    response = admin_client.get(reverse("evaluation:results_export", args=[released.round.pk]))
    sheet = load_workbook(io.BytesIO(response.content))["Subjects"]
    # After the 17 columns of every export.
    assert list(sheet.iter_rows(min_col=18, max_col=19, values_only=True)) == [
        ("践诺率 (commitment fulfilment rate)", "上级评诺 (superior organisation's review of commitments)"),
        (75.0, 80.0),
        (50.0, None),
    ]


def test_api_results_carry_the_record_figures(admin_api, released):
    data = admin_api.get(f"/api/v1/evaluation/rounds/{released.round.pk}/results/").json()
    fulfilment, superior = released.record_ids
    assert data["results"][0]["records"] == [
        {"indicator": fulfilment, "question": "践诺率", "source": "commitment_fulfilment",
         "source_name": "commitment fulfilment rate", "weight": 30, "value": 75.0},
        {"indicator": superior, "question": "上级评诺", "source": "superior_review",
         "source_name": "superior organisation's review of commitments", "weight": 20, "value": 80.0},
    ]


@pytest.mark.parametrize("subjects", [1, 3])
def test_results_list_of_a_review_reads_as_many_queries_for_1_or_3_subjects(
    tree, review_scheme, campaign, monkeypatch, django_assert_num_queries, admin_client, subjects
):
    orgs = [tree.b1, tree.b2, tree.t1][:subjects]
    setup = make_review_round(review_scheme, campaign, subjects=orgs)
    for org in orgs:
        cast(setup, org.code, GroupKind.MEMBERS, (0, 0))
    supply(monkeypatch, FULFILMENT, {org.code: 60.0 for org in orgs})
    supply(monkeypatch, SUPERIOR, {org.code: 80 for org in orgs})
    counted(setup)
    domain.release_results(setup.round, by=None)
    admin_client.get(reverse("evaluation:results", args=[setup.round.pk]))
    with django_assert_num_queries(10):
        response = admin_client.get(reverse("evaluation:results", args=[setup.round.pk]))
    assert len(response.context["page"].object_list) == subjects
