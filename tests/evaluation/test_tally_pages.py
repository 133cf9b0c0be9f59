"""The tally page: what it shows, the count button, and the part htmx polls."""
import re

import pytest
from django.urls import reverse

from pacesetter.evaluation import tasks
from pacesetter.evaluation.models import Ballot, TallyJob, TallyJobState, TallyResult, TallyStage

from .test_tally_channels import BALLOTS, M, T, add_ballot, closed_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(tree):
    return closed_round(tree, BALLOTS)[0]


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages are compared in their English source form, whatever translations exist."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def page(client, user, round_, *, part=False):
    client.force_login(user)
    if part:
        return client.get(reverse("evaluation:tally_progress", args=[round_.pk]), HTTP_HX_REQUEST="true")
    return client.get(reverse("evaluation:tally", args=[round_.pk]))


def text_of(response, element_id):
    """The text of the element with this id (tags inside it dropped), or None if it is absent."""
    match = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split()) if match else None


def test_page_of_an_uncounted_round(client, tree, round_):
    response = page(client, tree.users.county_admin, round_)
    assert (text_of(response, "tally-none"), text_of(response, "tally-start")) == (
        "Not counted yet. The round holds 15 ballots.", "Count the ballots")


def test_post_counts_and_shows_the_fingerprint(client, tree, round_):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:tally", args=[round_.pk]), follow=True)
    assert (text_of(response, "tally-fingerprint"), text_of(response, "tally-start")) == (
        TallyResult.objects.get(round=round_).fingerprint, "Count again")


def test_post_says_the_ballots_are_counted(client, tree, round_):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:tally", args=[round_.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["The ballots are counted."]


def test_post_of_a_big_round_queues_it(client, tree, round_, monkeypatch):
    monkeypatch.setattr(tasks, "INLINE_MAX_ANSWERS", 10)
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:tally", args=[round_.pk]), follow=True)
    assert ([str(m) for m in response.context["messages"]], TallyJob.objects.get().state) == (
        ["The count is queued for the background worker; this page follows it."], TallyJobState.QUEUED)


def test_post_while_a_count_is_queued_is_refused(client, tree, round_):
    tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:tally", args=[round_.pk]), follow=True)
    assert ([str(m) for m in response.context["messages"]], TallyJob.objects.count()) == (
        ["A count of this round is already under way."], 1)


def test_inspector_sees_the_count_without_the_button(client, tree, round_):
    tasks.request_tally(round_, by=tree.users.county_admin)
    response = page(client, tree.users.inspector, round_)
    assert (text_of(response, "tally-fingerprint"), text_of(response, "tally-start")) == (
        TallyResult.objects.get(round=round_).fingerprint, None)


def test_figures_of_the_last_count(client, tree, round_):
    tasks.request_tally(round_, by=tree.users.county_admin)
    response = page(client, tree.users.county_admin, round_)
    figures = dict(re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", text_of_block(response, "tally-figures")))
    assert {k: v for k, v in figures.items() if k not in ("Counted", "Ballot-set fingerprint")} == {
        "Ballots": "15", "Answers": "30", "Subjects": "4", "Insufficient sample": "1",
        "Flagged for dissatisfaction": "1",
    }


def text_of_block(response, element_id):
    return re.search(rf'id="{element_id}"[^>]*>(.*?)</dl>', response.content.decode(), re.S).group(1)


def test_ballots_added_after_the_count_ask_for_a_recount(client, tree):
    round_, subjects, groups, indicators = closed_round(tree, {"b1": [(T, M, 0, 0)]})
    tasks.request_tally(round_, by=tree.users.county_admin)
    add_ballot(round_, subjects["b1"], groups[M], "paper", indicators, [1, 1])
    response = page(client, tree.users.county_admin, round_)
    assert text_of(response, "tally-outdated") == "The round holds 2 ballots now, 1 when it was counted: count again."


def test_running_job_is_polled_with_its_step(client, tree, round_):
    job = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    TallyJob.objects.filter(pk=job.pk).update(state=TallyJobState.RUNNING, stage=TallyStage.STORE, progress=50)
    response = page(client, tree.users.county_admin, round_, part=True)
    body = response.content.decode()
    assert (text_of(response, "tally-job"), 'hx-trigger="every 2s"' in body, text_of(response, "tally-progress")) == (
        "counting storing the results", True, "50%")


def test_finished_job_stops_the_polling(client, tree, round_):
    tasks.request_tally(round_, by=tree.users.county_admin)
    response = page(client, tree.users.county_admin, round_, part=True)
    assert (text_of(response, "tally-job"), "hx-trigger" in response.content.decode()) == ("done", False)


def test_failed_job_shows_why(client, tree, round_):
    job = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    TallyJob.objects.filter(pk=job.pk).update(state=TallyJobState.FAILED, message="数据库不可用")
    response = page(client, tree.users.county_admin, round_)
    assert re.findall(r'<p class="text-danger small mb-2">(.*?)</p>', response.content.decode()) == ["数据库不可用"]


def test_draft_round_cannot_be_counted_yet(client, tree, round_):
    round_.state = "draft"
    round_.save(update_fields=["state"])
    response = page(client, tree.users.county_admin, round_)
    assert (text_of(response, "tally-not-countable"), text_of(response, "tally-start")) == (
        "A round is counted once it is closed.", None)


def test_page_queries_do_not_grow_with_subjects_or_ballots(client, tree, django_assert_num_queries):
    small, *_ = closed_round(tree, {"b1": [(T, M, 0, 0)]})
    big, *_ = closed_round(tree, {code: rows * 3 for code, rows in BALLOTS.items()})
    for r in (small, big):
        tasks.request_tally(r, by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    counts = []
    for r in (small, big):
        with django_assert_num_queries(9) as captured:
            client.get(reverse("evaluation:tally", args=[r.pk]))
        counts.append(len(captured.captured_queries))
    assert (counts, Ballot.objects.filter(round=big).count()) == ([9, 9], 45)
