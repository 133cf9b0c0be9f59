"""The public open-survey page /s/<key> and the staff page that prints its poster."""
import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from pacesetter.evaluation.enums import Channel, GroupKind
from pacesetter.evaluation.models import Answer, Ballot, OpenLimit
from pacesetter.core.net import client_ip
from pacesetter.evaluation.views.open import DEVICE_COOKIE, HONEYPOT

from .conftest import make_scheme
from .test_open import make_open_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_limits(settings):
    settings.OPEN_SURVEY_PER_DEVICE, settings.OPEN_SURVEY_PER_IP = 1, 20


@pytest.fixture
def client(client, settings):
    """A browser that asks for English, so messages compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def survey(tree, scheme):
    return make_open_round(scheme, subjects=[tree.b1, tree.b2])


def _url(key):
    return reverse("survey:vote", kwargs={"key": key})


def _form(survey, options=(0, 1, 75), **extra):
    return {**{f"q{pk}": str(v) for pk, v in zip(survey.answers, options, strict=True)}, **extra}


def _written():
    return Ballot.objects.count(), Answer.objects.count(), OpenLimit.objects.count()


def test_survey_url_is_s_slash_key(survey):
    assert _url(survey.key) == f"/s/{survey.key}"


def test_survey_page_shows_every_indicator_as_a_fieldset(client, survey):
    html = client.get(_url(survey.key)).content.decode()
    assert (html.count("<fieldset"), html.count('type="radio"'), html.count('type="number"')) == (3, 7, 1)


def test_survey_page_is_chinese_by_default(survey):
    assert '<html lang="zh-hans">' in Client().get(_url(survey.key)).content.decode()


def test_survey_page_names_subject_and_group(client, survey):
    response = client.get(_url(survey.key))
    assert (response.context["subject"].organization.code, response.context["group"].voter_group.kind) == (
        "T1B1", GroupKind.PUBLIC
    )


def test_survey_page_carries_a_csrf_token(client, survey):
    assert 'name="csrfmiddlewaretoken"' in client.get(_url(survey.key)).content.decode()


def test_honeypot_is_hidden_from_people(client, survey):
    html = client.get(_url(survey.key)).content.decode()
    assert (
        '<div class="survey-hp" aria-hidden="true">' in html,
        f'<input type="text" name="{HONEYPOT}" id="id_{HONEYPOT}" value="" tabindex="-1" autocomplete="off">' in html,
        "evaluation/open.css" in html,
    ) == (True, True, True)


def test_survey_page_is_never_cached(client, survey):
    assert "no-store" in client.get(_url(survey.key))["Cache-Control"]


def test_survey_page_sets_a_long_lived_http_only_device_cookie_for_s_only(client, survey):
    cookie = client.get(_url(survey.key)).cookies[DEVICE_COOKIE]
    assert (len(cookie.value), cookie["httponly"], cookie["samesite"], cookie["path"], cookie["max-age"]) == (
        24, True, "Lax", "/s/", 365 * 24 * 3600
    )


def test_device_cookie_is_not_sent_again_once_set(client, survey):
    client.get(_url(survey.key))
    assert DEVICE_COOKIE not in client.get(_url(survey.key)).cookies


def test_review_shows_the_answers_to_confirm(client, survey):
    response = client.post(_url(survey.key), _form(survey, step="review"))
    assert ([q["chosen_label"] for q in response.context["questions"]], _written()) == (
        ["excellent", "fairly satisfied", 75], (0, 0, 0)
    )


def test_review_with_a_missing_answer_shows_the_ballot_again(client, survey):
    data = _form(survey, step="review")
    del data[f"q{list(survey.answers)[1]}"]
    response = client.post(_url(survey.key), data)
    assert (response.status_code, response.context["errors"]) == (400, ["Please answer question 2: 服务群众"])


def test_cast_records_an_open_ballot_and_shows_thanks(client, survey):
    response = client.post(_url(survey.key), _form(survey, step="cast"))
    assert (response.status_code, response["Location"], list(Ballot.objects.values_list("channel", flat=True))) == (
        303, reverse("survey:thanks"), [Channel.OPEN]
    )


def test_thanks_page(client):
    response = client.get(reverse("survey:thanks"))
    assert (response.status_code, response.context["request"].path) == (200, "/s/thanks/")


def test_filled_honeypot_shows_thanks_and_writes_nothing(client, survey):
    response = client.post(_url(survey.key), _form(survey, step="cast", **{HONEYPOT: "http://spam.example"}))
    assert (response.status_code, response["Location"], _written()) == (303, reverse("survey:thanks"), (0, 0, 0))


def test_forged_cross_site_post_is_refused(survey):
    browser = Client(enforce_csrf_checks=True)
    browser.get(_url(survey.key))
    response = browser.post(_url(survey.key), _form(survey, step="cast"))
    assert (response.status_code, _written()) == (403, (0, 0, 0))


def test_post_with_the_page_csrf_token_is_accepted(survey):
    browser = Client(enforce_csrf_checks=True)
    browser.get(_url(survey.key))
    token = browser.cookies["csrftoken"].value
    response = browser.post(_url(survey.key), _form(survey, step="cast", csrfmiddlewaretoken=token))
    assert (response.status_code, Ballot.objects.count()) == (303, 1)


def test_device_that_answered_sees_already_answered(client, survey):
    client.post(_url(survey.key), _form(survey, step="cast"))
    response = client.get(_url(survey.key))
    assert (response.status_code, response.context["title"], response.context["messages_"]) == (
        403, "Already answered", ["This survey has already been answered on this device. Thank you!"]
    )


def test_second_cast_from_the_same_device_writes_nothing(client, survey):
    client.post(_url(survey.key), _form(survey, step="cast"))
    response = client.post(_url(survey.key), _form(survey, step="cast"))
    assert (response.status_code, Ballot.objects.count()) == (403, 1)


def test_new_browser_on_the_same_address_may_answer(client, survey):
    client.post(_url(survey.key), _form(survey, step="cast"))
    response = Client().post(_url(survey.key), _form(survey, step="cast"))
    assert (response.status_code, Ballot.objects.count()) == (303, 2)


def test_address_at_its_limit_is_told_so(survey, settings):
    settings.OPEN_SURVEY_PER_IP = 1
    Client().post(_url(survey.key), _form(survey, step="cast"))
    response = Client().get(_url(survey.key))
    assert (response.status_code, Ballot.objects.count()) == (429, 1)


@pytest.mark.parametrize("setup, status, title", [
    ("forbidden", 403, "This evaluation takes no open survey answers"),
    ("draft", 403, "The survey has not started"),
    ("closed", 410, "The survey has closed"),
    ("no_group", 404, "Survey not found"),
    ("unknown", 404, "Survey not found"),
])
def test_refusals_have_their_own_page_and_write_nothing(client, tree, scheme, setup, status, title):
    from pacesetter.evaluation import domain

    if setup == "no_group":
        scheme = make_scheme(groups=[{"kind": GroupKind.MEMBERS, "weight": 100}], name="党员测评")
    survey = make_open_round(scheme, subjects=[tree.b1], allow=setup != "forbidden", open_=setup != "draft")
    if setup == "closed":
        domain.close_round(survey.round, by=None)
    key = "AAAAAAAAAAAAAAAA" if setup == "unknown" else survey.key
    response = client.post(_url(key), _form(survey, step="cast"))
    assert (response.status_code, response.context["title"], _written()) == (status, title, (0, 0, 0))


# --- The client's address --------------------------------------------------------


def _request(**meta):
    return RequestFactory().get("/s/x", REMOTE_ADDR="10.0.0.2", **meta)


def test_client_address_is_remote_addr_without_a_proxy(settings):
    settings.PROXY_COUNT = None
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="1.1.1.1")) == "10.0.0.2"


def test_client_address_behind_one_proxy_is_the_last_forwarded_entry(settings):
    settings.PROXY_COUNT = 1
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")) == "198.51.100.7"


def test_client_address_behind_two_proxies(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.9.9.9")) == "198.51.100.7"


def test_client_address_falls_back_when_the_header_is_short(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="198.51.100.7")) == "10.0.0.2"


def test_survey_counts_the_forwarded_address_behind_a_proxy(survey, settings):
    settings.PROXY_COUNT, settings.OPEN_SURVEY_PER_IP = 1, 1
    Client().post(_url(survey.key), _form(survey, step="cast"), HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = Client().post(_url(survey.key), _form(survey, step="cast"), HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert (response.status_code, Ballot.objects.count()) == (303, 2)


# --- The poster ------------------------------------------------------------------


def _poster(survey, subject=None):
    return reverse("evaluation:poster", kwargs={"pk": survey.round.pk, "subject": (subject or survey.subjects[0]).pk})


def test_poster_url(survey):
    assert _poster(survey) == f"/evaluation/rounds/{survey.round.pk}/subjects/{survey.subjects[0].pk}/poster/"


def test_poster_shows_the_subject_round_and_absolute_survey_url(client, tree, survey):
    client.force_login(tree.users.county_admin)
    response = client.get(_poster(survey))
    assert (response.context["url"], response.context["subject"].label, response.context["round"].name) == (
        f"http://testserver/s/{survey.key}", "一号村党支部", "2026年度满意度调查"
    )


def test_poster_has_an_inline_svg_qr_code(client, tree, survey):
    client.force_login(tree.users.county_admin)
    html = client.get(_poster(survey)).content.decode()
    assert (html.count('<svg viewBox="'), html.count('class="poster-qr"'), "<title>" in html) == (1, 1, True)


def test_poster_for_an_admin_of_the_subject_organisation(client, tree, survey):
    client.force_login(tree.users.branch_admin)
    assert client.get(_poster(survey)).status_code == 200


@pytest.mark.parametrize("role", ["leader", "inspector", "member"])
def test_poster_refused_to_those_who_cannot_edit_the_organisation(client, tree, survey, role):
    client.force_login(getattr(tree.users, role))
    assert client.get(_poster(survey)).status_code == 403


def test_poster_of_a_subject_outside_the_view_is_missing(client, tree, survey):
    client.force_login(tree.users.org_admin)
    assert client.get(_poster(survey, survey.subjects[1])).status_code == 404


def test_poster_of_a_round_without_the_open_channel_is_missing(client, tree, scheme):
    survey = make_open_round(scheme, subjects=[tree.b1], allow=False)
    client.force_login(tree.users.county_admin)
    assert client.get(_poster(survey)).status_code == 404


def test_poster_of_a_subject_of_another_round_is_missing(client, tree, scheme, survey):
    other = make_open_round(scheme, subjects=[tree.b1], name="另一轮")
    client.force_login(tree.users.county_admin)
    assert client.get(_poster(survey, other.subjects[0])).status_code == 404
