"""Tokens from the round's page: a printable sheet of slips with QR codes, a CSV for SMS.
The answers carry live tokens: never cached, no referrer, not in any log, not made twice."""
import csv
import io
import logging
import re

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import TokenStatus
from pacesetter.evaluation.models import BallotToken

from .conftest import make_round

pytestmark = pytest.mark.django_db

URL = re.compile(r"http://testserver/v/([A-Za-z0-9_-]+)")


@pytest.fixture
def client(client, settings):
    """A browser that asks for English, so messages compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def admin(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def _post(client, setup, *, subject="", count=3, output="sheet", batch="batch-1", group=None):
    data = {"subject": subject, "group": (group or setup.groups[0]).pk, "count": count, "output": output, "batch": batch}
    return client.post(reverse("evaluation:round_tokens", args=[setup.round.pk]), data)


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_sheet_has_one_qr_svg_and_one_distinct_url_per_token(admin, live):
    html = _post(admin, live, subject=live.subjects[1].pk, count=5).content.decode()
    urls = [m.group(0) for m in URL.finditer(html)]
    assert (html.count('<svg viewBox="0 0 '), html.count('class="slip-qr"'), len(urls), len(set(urls))) == (5, 5, 5, 5)


def test_sheet_tokens_are_the_round_subjects_unused_tokens(admin, live):
    html = _post(admin, live, subject=live.subjects[1].pk, count=2).content.decode()
    rows = [domain.lookup_token(token) for token in URL.findall(html)]
    assert [(r["subject_id"], r["group_id"], r["status"]) for r in rows] == [
        (live.subjects[1].pk, live.groups[0].pk, TokenStatus.UNUSED)
    ] * 2


def test_sheet_slip_names_round_subject_and_group(admin, live):
    response = _post(admin, live, subject=live.subjects[0].pk, count=1)
    html = response.content.decode()
    assert (
        '<p class="slip-round">2026年度民主测评</p>' in html,
        '<p class="slip-subject">一号村党支部</p>' in html,
        '<p class="slip-group">Voter group: party members</p>' in html,
    ) == (True, True, True)


def test_sheet_puts_eight_slips_on_a_page(admin, live):
    response = _post(admin, live, count=5)
    assert [len(page) for page in response.context["pages"]] == [8, 2]


def test_sheet_for_all_subjects_makes_count_for_each(admin, live):
    html = _post(admin, live, count=2).content.decode()
    subjects = [domain.lookup_token(token)["subject_id"] for token in URL.findall(html)]
    assert subjects == [live.subjects[0].pk] * 2 + [live.subjects[1].pk] * 2


def test_sheet_qr_code_holds_the_ballot_url(admin, live):
    html = _post(admin, live, subject=live.subjects[0].pk, count=1).content.decode()
    url = URL.search(html).group(0)
    expected = segno.make_qr(url, error="m").svg_inline(omitsize=True, border=4, svgclass="slip-qr")
    assert expected in html


def test_csv_has_a_bom_a_header_and_one_row_per_token(admin, live):
    rows = _csv_rows(_post(admin, live, count=3, output="csv"))
    assert rows[0] == ["subject code", "subject", "voter group", "ballot URL"]
    assert [row[:3] for row in rows[1:]] == [["T1B1", "一号村党支部", "party members"]] * 3 + [
        ["T2B1", "二号村党支部", "party members"]
    ] * 3
    assert len({row[3] for row in rows[1:]}) == 6


def test_csv_urls_are_absolute_ballot_urls(admin, live):
    rows = _csv_rows(_post(admin, live, subject=live.subjects[0].pk, count=1, output="csv"))
    token = URL.fullmatch(rows[1][3]).group(1)
    assert rows[1][3] == "http://testserver" + reverse("ballot:vote", args=[token])


def test_csv_is_an_attachment(admin, live):
    response = _post(admin, live, count=1, output="csv")
    assert (response["Content-Type"], response["Content-Disposition"].split(";")[0]) == (
        "text/csv; charset=utf-8", "attachment"
    )


@pytest.mark.parametrize("output", ["sheet", "csv"])
def test_token_answers_are_not_cached_and_send_no_referrer(admin, live, output):
    response = _post(admin, live, count=1, output=output)
    assert ("no-store" in response["Cache-Control"], response["Referrer-Policy"]) == (True, "no-referrer")


@pytest.mark.parametrize("output", ["sheet", "csv"])
def test_tokens_never_reach_the_logs(admin, live, caplog, output):
    """Every logger at DEBUG, every SQL statement with its parameters logged too."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    with CaptureQueriesContext(connection) as queries:
        response = _post(admin, live, count=4, output=output)
    assert "evaluation_ballottoken" in caplog.text
    assert len(queries) > 0
    tokens = URL.findall(response.content.decode("utf-8"))
    assert (len(tokens), [t for t in tokens if t in caplog.text]) == (8, [])


def test_sheet_context_repr_holds_no_token(admin, live):
    """Django's template logger prints the whole context (at DEBUG) when a variable is missing."""
    response = _post(admin, live, count=2)
    tokens = URL.findall(response.content.decode())
    context = repr(list(response.context))
    assert (len(tokens), "<Slip T1B1>" in context, [t for t in tokens if t in context]) == (4, True, [])


def test_making_tokens_revokes_the_earlier_unused_ones(admin, live):
    _post(admin, live, subject=live.subject.pk, count=2)
    assert sorted(BallotToken.objects.filter(subject=live.subject, group=live.group).values_list("status", flat=True)) == (
        [TokenStatus.REVOKED] * 5 + [TokenStatus.UNUSED] * 2
    )


def test_form_says_that_regenerating_revokes(admin, live):
    html = admin.get(reverse("evaluation:round_tokens", args=[live.round.pk])).content.decode()
    assert ("Making tokens for a subject and voter group revokes the unused tokens made for them before: slips "
            "already printed or sent stop working.") in html


def test_the_same_form_sent_twice_makes_no_new_tokens(admin, live):
    _post(admin, live, count=1, batch="once")
    tokens = BallotToken.objects.count()
    response = _post(admin, live, count=1, batch="once")
    assert (response.status_code, BallotToken.objects.count(), response.context["form"].non_field_errors()) == (
        200, tokens,
        ["These tokens were already made. Making them again would revoke the slips already printed or sent; to make "
         "new tokens on purpose, open this form again."],
    )


def test_each_form_shown_carries_a_new_batch(admin, live):
    url = reverse("evaluation:round_tokens", args=[live.round.pk])
    batches = {admin.get(url).context["form"]["batch"].value() for _n in range(3)}
    assert len(batches) == 3


def test_form_preselects_the_subject_from_the_round_page(admin, live):
    url = reverse("evaluation:round_tokens", args=[live.round.pk])
    assert admin.get(url, {"subject": live.subjects[1].pk}).context["form"]["subject"].value() == live.subjects[1].pk


def test_sheet_is_capped_per_request(admin, live):
    response = _post(admin, live, count=201)
    assert (response.context["form"].errors, BallotToken.objects.count()) == (
        {"count": ["That makes 402 tokens; at most 400 at a time for this output."]}, 5
    )


def test_tokens_of_a_closed_round_are_refused(admin, live):
    domain.close_round(live.round, by=None)
    response = _post(admin, live, count=1)
    assert response.context["form"].non_field_errors() == ["Making tokens is not possible: The round is closed."]


def test_tokens_for_a_person_subject_use_the_member_code(admin, tree, scheme):
    setup = make_round(scheme, subjects=[], open_=False)
    person = domain.add_person_subjects(setup.round, members=[tree.m1], role_title="支部书记", by=None)[0]
    rows = _csv_rows(_post(admin, setup, subject=person.pk, count=1, output="csv"))
    assert rows[1][:2] == ["M1", "张三 (支部书记, 一号村党支部)"]


def test_tokens_are_the_county_admins(client, tree, live):
    client.force_login(tree.users.org_admin)
    response = _post(client, live, count=1)
    assert (response.status_code, BallotToken.objects.count()) == (403, 5)
