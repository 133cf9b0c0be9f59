import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import Scale
from pacesetter.evaluation.models import Answer, Ballot, BallotToken

from .conftest import make_round, make_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    """A browser that asks for English, so messages compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _url(token):
    return reverse("ballot:vote", kwargs={"token": token})


def _form(live, options=(0, 1, 75), **extra):
    data = {f"q{pk}": str(v) for pk, v in zip(live.answers, options, strict=True)}
    return {**data, **extra}


def _written():
    return (Ballot.objects.count(), Answer.objects.count(), sorted(BallotToken.objects.values_list("status", flat=True)))


def test_ballot_url_is_v_slash_token(live):
    assert _url(live.tokens[0]) == f"/v/{live.tokens[0]}"


def test_ballot_page_shows_every_indicator_as_a_fieldset(client, live):
    response = client.get(_url(live.tokens[0]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 3
    assert html.count("<legend") == 3
    assert html.count('type="radio"') == 7
    assert html.count('type="number"') == 1


def test_ballot_page_is_chinese_by_default(live):
    assert '<html lang="zh-hans">' in Client().get(_url(live.tokens[0])).content.decode()


def test_ballot_page_names_subject_and_round(client, live):
    response = client.get(_url(live.tokens[0]))
    assert (response.context["subject"].organization.code, response.context["subject"].round.name) == (
        "T1B1", "2026年度民主测评"
    )


def test_ballot_page_is_private(client, live):
    response = client.get(_url(live.tokens[0]))
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_ballot_page_get_writes_nothing(client, live):
    before = _written()
    client.get(_url(live.tokens[0]))
    assert _written() == before


def test_review_step_shows_answers_and_writes_nothing(client, live):
    before = _written()
    response = client.post(_url(live.tokens[0]), _form(live, step="review"))
    assert response.status_code == 200
    assert [q["chosen_label"] for q in response.context["questions"]] == ["excellent", "fairly satisfied", 75]
    assert response.templates[0].name == "evaluation/ballot/confirm.html"
    assert _written() == before


def test_review_step_with_missing_answer_asks_again(client, live):
    data = _form(live, step="review")
    del data[f"q{list(live.answers)[2]}"]
    response = client.post(_url(live.tokens[0]), data)
    assert response.status_code == 400
    assert response.context["errors"] == [
        {"message": "Please answer question 3: 综合评分", "anchor": f"id_q{list(live.answers)[2]}"}
    ]
    assert response.context["questions"][0]["value"] == 0


def test_edit_step_returns_to_the_form_with_answers(client, live):
    response = client.post(_url(live.tokens[0]), _form(live, step="edit"))
    assert response.templates[0].name == "evaluation/ballot/vote.html"
    assert [q["value"] for q in response.context["questions"]] == [0, 1, 75]


def test_cast_step_records_the_ballot_and_thanks(client, live):
    response = client.post(_url(live.tokens[0]), _form(live, step="cast"))
    assert (response.status_code, response["Location"]) == (303, reverse("ballot:thanks"))
    assert sorted(Answer.objects.values_list("option", flat=True)) == [0, 1, 75]


def test_thanks_page(client):
    response = client.get(reverse("ballot:thanks"))
    assert response.status_code == 200
    assert response.templates[0].name == "evaluation/ballot/thanks.html"


def test_cast_step_with_text_answer_is_refused(client, live):
    before = _written()
    response = client.post(_url(live.tokens[0]), _form(live, options=("abc", 1, 75), step="cast"))
    assert response.status_code == 400
    assert [e["message"] for e in response.context["errors"]] == ["The answer to question 1 is not one of its options."]
    assert _written() == before


def test_used_token_page(client, live):
    client.post(_url(live.tokens[0]), _form(live, step="cast"))
    response = client.get(_url(live.tokens[0]))
    assert (response.status_code, response.context["messages_"]) == (410, ["This ballot code has already been used."])


def test_used_token_cannot_cast_again(client, live):
    client.post(_url(live.tokens[0]), _form(live, step="cast"))
    before = _written()
    response = client.post(_url(live.tokens[0]), _form(live, step="cast"))
    assert response.status_code == 410
    assert _written() == before


def test_unknown_token_page(client, live):
    response = client.get(_url("Z" * 24))
    assert (response.status_code, response.context["title"]) == (404, "Ballot code not recognised")


def test_revoked_token_page(client, live):
    domain.make_tokens(live.round, subject=live.subject, group=live.group, count=1, by=None)
    response = client.get(_url(live.tokens[0]))
    assert (response.status_code, response.context["title"]) == (410, "Ballot code replaced")


def test_closed_round_page(client, live):
    domain.close_round(live.round, by=None)
    response = client.get(_url(live.tokens[0]))
    assert (response.status_code, response.context["title"]) == (410, "Voting has closed")


def test_round_not_open_page(client, tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1], open_=False)
    token = domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0], count=1, by=None)[0]
    response = client.get(_url(token))
    assert (response.status_code, response.context["title"]) == (403, "Voting has not started")


def test_refusals_are_not_logged_with_the_path(client, live, caplog):
    caplog.set_level(logging.DEBUG, logger="django.request")
    client.get(_url("Z" * 24))
    client.post(_url(live.tokens[0]), _form(live, step="cast"))
    client.get(_url(live.tokens[0]))
    assert [t for t in [*live.tokens, "Z" * 24] if t in caplog.text] == []


def test_ballot_needs_no_csrf_cookie(live):
    """The token authorises the POST; a CSRF refusal would only log the path with the token."""
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(_url(live.tokens[0]), _form(live, step="cast"))
    assert response.status_code == 303
    assert Ballot.objects.count() == 1


def test_other_methods_refused_without_logging_the_path(client, live, caplog):
    caplog.set_level(logging.DEBUG, logger="django")
    response = client.put(_url(live.tokens[0]))
    assert (response.status_code, response["Allow"]) == (405, "GET, POST")
    assert live.tokens[0] not in caplog.text


def test_server_error_logged_without_the_token(client, live, caplog, monkeypatch):
    def broken(raw_token):
        raise RuntimeError("disk full")

    monkeypatch.setattr(domain, "lookup_token", broken)
    caplog.set_level(logging.DEBUG, logger="django")
    response = client.post(_url(live.tokens[0]), _form(live, step="review"))
    assert response.status_code == 500
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == ["The ballot page failed"]
    assert live.tokens[0] not in caplog.text


# --- Accessibility and privacy of the page -------------------------------------------------


def _ids(live):
    return list(live.answers)


def test_every_legend_is_the_first_child_of_its_fieldset(client, live):
    html = client.get(_url(live.tokens[0])).content.decode()
    assert len(re.findall(r"<fieldset[^>]*>\s*<legend", html)) == 3


def test_error_summary_links_each_problem_to_its_question(client, live):
    first, _second, third = _ids(live)
    data = _form(live, step="review")
    del data[f"q{first}"], data[f"q{third}"]
    response = client.post(_url(live.tokens[0]), data)
    assert [e["anchor"] for e in response.context["errors"]] == [f"id_q{first}_0", f"id_q{third}"]
    html = response.content.decode()
    assert re.findall(r'<a class="alert-link" href="#([^"]+)">', html) == [f"id_q{first}_0", f"id_q{third}"]


def test_error_summary_is_focused_when_the_page_loads(client, live):
    data = _form(live, step="review")
    del data[f"q{_ids(live)[0]}"]
    html = client.post(_url(live.tokens[0]), data).content.decode()
    assert re.findall(r'<div class="alert alert-danger ballot-errors" role="alert" id="ballot-errors" tabindex="-1" '
                      r'autofocus>', html) != []


def test_unanswered_question_is_described_by_its_error(client, live):
    first = _ids(live)[0]
    data = _form(live, step="review")
    del data[f"q{first}"]
    html = client.post(_url(live.tokens[0]), data).content.decode()
    assert re.findall(r'<fieldset[^>]*aria-describedby="([^"]+)"', html) == [f"q{first}-error"]
    assert re.findall(r'<p class="ballot-error" id="([^"]+)">([^<]*)</p>', html) == [
        (f"q{first}-error", "Please answer question 1: 政治引领")
    ]


def test_score_error_describes_the_input(client, live):
    third = _ids(live)[2]
    html = client.post(_url(live.tokens[0]), _form(live, options=(0, 1, 101), step="review")).content.decode()
    assert re.findall(r'<input[^>]*id="id_q\d+"[^>]*aria-describedby="([^"]+)"', html) == [f"q{third}-error"]


def test_a_review_lists_every_problem_at_once(client, live):
    response = client.post(_url(live.tokens[0]), _form(live, options=(9, "", "x"), step="review"))
    assert [e["message"] for e in response.context["errors"]] == [
        "The answer to question 1 is not one of its options.",
        "Please answer question 2: 服务群众",
        "The answer to question 3 is not one of its options.",
    ]


def test_answer_to_a_question_not_on_the_ballot_is_reported_without_a_link(client, live):
    response = client.post(_url(live.tokens[0]), _form(live, step="review", q999999="1"))
    assert response.context["errors"] == [{"message": "The ballot answers a question that is not on it.", "anchor": None}]


@pytest.mark.parametrize("step", ["", "review", "edit"])
def test_ballot_pages_set_no_cookie(client, live, step):
    response = client.post(_url(live.tokens[0]), _form(live, step=step)) if step else client.get(_url(live.tokens[0]))
    assert dict(response.cookies) == {}


def test_ballot_page_has_no_form_but_the_ballot(client, live):
    """No language form: it would post the page's address (the token) elsewhere."""
    html = client.get(_url(live.tokens[0])).content.decode()
    assert re.findall(r"<form[^>]*>", html) == ['<form method="post" novalidate>']


def test_confirmation_carries_every_answer_as_a_hidden_field(client, live):
    html = client.post(_url(live.tokens[0]), _form(live, step="review")).content.decode()
    first, second, third = _ids(live)
    assert re.findall(r'<input type="hidden" name="(q\d+)" value="(\d+)">', html) == [
        (f"q{first}", "0"), (f"q{second}", "1"), (f"q{third}", "75")
    ]


@pytest.mark.parametrize("questions", [1, 3])
def test_ballot_page_queries_do_not_grow_with_questions(client, tree, django_assert_num_queries, questions):
    """Token look-up, subject and group; the indicators come from the per-process cache."""
    indicators = [{"question": f"问题{n}", "scale": Scale.GRADE4, "weight": 100 // questions + (n == 0) * (100 % questions)}
                  for n in range(questions)]
    scheme = make_scheme(indicators=indicators)
    setup = make_round(scheme, subjects=[tree.b1])
    token = domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0], count=1, by=None)[0]
    client.get(_url(token))
    with django_assert_num_queries(3):
        response = client.get(_url(token))
    assert len(response.context["questions"]) == questions


def test_refusal_page_names_its_reason(client, live):
    response = client.get(_url("Z" * 24))
    assert response.context["code"] == "unknown_token"
    assert response.templates[0].name == "evaluation/ballot/refused.html"
