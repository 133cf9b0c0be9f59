"""The paper ballot pages: the list with its entry form, one entry with confirm and reject."""
import pytest
from django.urls import reverse

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import PaperStatus
from pacesetter.evaluation.models import Ballot, PaperCount
from pacesetter.evaluation.tally import tally_round

from .conftest import make_round
from .test_paper import paper  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _list(paper, **query):
    url = reverse("evaluation:paper", kwargs={"pk": paper.round.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _entry_url(paper, entry):
    return reverse("evaluation:paper_entry", kwargs={"pk": paper.round.pk, "entry": entry.pk})


def _form(paper, *, ballots="5", **fields):
    data = {
        "subject": paper.subject.pk, "group": paper.group.pk, "ballots": ballots, "note": "党员大会",
        "c1_0": "2", "c1_1": "2", "c1_2": "", "c1_3": "1", "c2_0": "3", "c2_1": "1", "c2_2": "1",
        "s3": "90 75，60、88\n100",
    }
    return {**data, **fields}


def _enter(paper, by=None):
    return domain.enter_paper_count(paper.round, subject=paper.subject, group=paper.group, counts=paper.counts,
                                    by=by or paper.admin)


def test_paper_urls(paper):
    assert (_list(paper), _entry_url(paper, PaperCount(pk=7))) == (
        f"/evaluation/rounds/{paper.round.pk}/paper/", f"/evaluation/rounds/{paper.round.pk}/paper/7/"
    )


@pytest.mark.parametrize("role, status", [
    ("county_admin", 200), ("inspector", 200), ("org_admin", 403), ("leader", 403), ("member", 403), ("nobody", 404),
])
def test_paper_list_is_for_county_admins_and_inspectors(client, tree, paper, role, status):
    client.force_login(getattr(tree.users, role))
    assert client.get(_list(paper)).status_code == status


def test_paper_list_without_login_goes_to_login(client, paper):
    assert client.get(_list(paper))["Location"].startswith("/accounts/login/")


def test_paper_list_shows_entries_with_who_entered_and_decided(client, paper):
    entry = _enter(paper)
    domain.confirm_paper_count(entry, by=paper.second)
    client.force_login(paper.admin)
    page = client.get(_list(paper)).context["page"]
    assert [(e.subject.label, e.status, e.entered_by.username, e.decided_by.username) for e in page] == [
        ("一号村党支部", PaperStatus.CONFIRMED, "county", "county2")
    ]


def test_paper_list_query_count_does_not_grow_with_entries(client, paper, django_assert_num_queries):
    client.force_login(paper.admin)
    _enter(paper)
    with django_assert_num_queries(9):
        assert len(client.get(_list(paper)).context["page"]) == 1
    _enter(paper)
    _enter(paper)
    with django_assert_num_queries(9):
        assert len(client.get(_list(paper)).context["page"]) == 3


def test_paper_list_is_paginated(client, paper):
    for _n in range(51):
        PaperCount.objects.create(round=paper.round, subject=paper.subject, group=paper.group, ballots=1,
                                  counts={}, entered_by=paper.admin)
    client.force_login(paper.admin)
    page = client.get(_list(paper, page=2)).context["page"]
    assert (page.number, len(page), page.paginator.num_pages) == (2, 1, 2)


def test_inspector_sees_no_entry_form(client, tree, paper):
    client.force_login(tree.users.inspector)
    assert client.get(_list(paper)).context["can_enter"] is False


def test_count_fields_appear_once_subject_and_group_are_chosen(client, paper):
    client.force_login(paper.admin)
    before = client.get(_list(paper)).content.decode()
    after = client.get(_list(paper, subject=paper.subject.pk, group=paper.group.pk)).content.decode()
    fields = ('name="c1_3"', 'name="s3"')
    assert ([f in before for f in fields], [f in after for f in fields]) == ([False, False], [True, True])


def test_entering_a_count_goes_to_its_page(client, paper):
    client.force_login(paper.admin)
    response = client.post(_list(paper), _form(paper))
    entry = PaperCount.objects.get()
    assert (response.status_code, response["Location"]) == (302, _entry_url(paper, entry))


def test_entered_count_holds_the_typed_numbers(client, paper):
    client.force_login(paper.admin)
    client.post(_list(paper), _form(paper))
    grade, satisfaction, score = paper.indicators
    assert PaperCount.objects.values_list("ballots", "counts", "note").get() == (
        5, {str(grade.pk): [2, 2, 0, 1], str(satisfaction.pk): [3, 1, 1], str(score.pk): [90, 75, 60, 88, 100]},
        "党员大会",
    )


def test_wrong_count_shows_named_errors_and_keeps_what_was_typed(client, paper):
    client.force_login(paper.admin)
    response = client.post(_list(paper), _form(paper, c1_1="x"))
    assert (response.status_code, response.context["errors"], PaperCount.objects.count()) == (
        200, ["Question 1 (政治引领), option “good”: “x” is not a whole number of ballots (0 or more)."], 0
    )
    assert 'value="x"' in response.content.decode()


def test_count_against_another_number_of_ballots_is_refused(client, paper):
    client.force_login(paper.admin)
    response = client.post(_list(paper), _form(paper, ballots="6"))
    assert (len(response.context["errors"]), PaperCount.objects.count()) == (3, 0)


def test_entering_without_subject_is_refused(client, paper):
    client.force_login(paper.admin)
    response = client.post(_list(paper), _form(paper, subject=""))
    assert (response.context["errors"], PaperCount.objects.count()) == (
        ["Choose the subject and the voter group of the paper ballots."], 0
    )


def test_inspector_cannot_enter_a_count(client, tree, paper):
    client.force_login(tree.users.inspector)
    assert (client.post(_list(paper), _form(paper)).status_code, PaperCount.objects.count()) == (403, 0)


def test_draft_round_offers_no_entry_form(client, tree, scheme, paper):
    draft = make_round(scheme, subjects=[tree.b1], open_=False, name="草稿")
    client.force_login(paper.admin)
    response = client.get(reverse("evaluation:paper", kwargs={"pk": draft.round.pk}))
    assert response.context["can_enter"] is False


# --- One entry ----------------------------------------------------------------------


def test_entry_page_shows_the_counts(client, paper):
    entry = _enter(paper)
    client.force_login(paper.second)
    table = client.get(_entry_url(paper, entry)).context["table"]
    assert [row.get("options") or (row["scores"], row["mean"]) for row in table] == [
        [("excellent", 2), ("good", 2), ("fair", 0), ("poor", 1)],
        [("satisfied", 3), ("fairly satisfied", 1), ("dissatisfied", 1)],
        ([90, 75, 60, 88, 100], 82.6),
    ]


def test_entry_of_another_round_is_missing(client, tree, scheme, paper):
    other = make_round(scheme, subjects=[tree.b1], name="另一轮")
    entry = domain.enter_paper_count(other.round, subject=other.subjects[0], group=other.groups[0],
                                     counts=paper.counts, by=paper.admin)
    client.force_login(paper.admin)
    assert client.get(_entry_url(paper, entry)).status_code == 404


def test_entering_admin_is_told_a_second_admin_must_confirm(client, paper):
    entry = _enter(paper)
    client.force_login(paper.admin)
    html = client.get(_entry_url(paper, entry)).content.decode()
    assert ('value="confirm"' in html, "a second county admin must check it" in html) == (False, True)


def test_confirm_by_the_entering_admin_is_refused(client, paper):
    entry = _enter(paper)
    client.force_login(paper.admin)
    response = client.post(_entry_url(paper, entry), {"action": "confirm"})
    assert (response.status_code, response.context["errors"], Ballot.objects.count()) == (
        200, ["A second county admin must confirm this count, not the one who entered it."], 0
    )


def test_confirm_by_a_second_admin_counts_the_ballots(client, paper):
    entry = _enter(paper)
    client.force_login(paper.second)
    response = client.post(_entry_url(paper, entry), {"action": "confirm"})
    entry.refresh_from_db()
    assert (response.status_code, entry.status, Ballot.objects.count()) == (302, PaperStatus.CONFIRMED, 5)


def test_confirm_after_a_tally_warns_that_the_count_must_be_redone(client, paper):
    entry = _enter(paper)
    domain.close_round(paper.round, by=None)
    tally_round(paper.round, by=None)
    client.force_login(paper.second)
    response = client.post(_entry_url(paper, entry), {"action": "confirm"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The count was confirmed: its 5 ballots are counted.",
        "This round was already counted: count it again to include these ballots.",
    ]


def test_reject_needs_a_reason(client, paper):
    entry = _enter(paper)
    client.force_login(paper.second)
    response = client.post(_entry_url(paper, entry), {"action": "reject", "reason": ""})
    assert (response.context["errors"], PaperCount.objects.get().status) == (
        ["Give the reason for rejecting this count."], PaperStatus.PENDING
    )


def test_rejected_entry_shows_its_reason(client, paper):
    entry = _enter(paper)
    client.force_login(paper.second)
    client.post(_entry_url(paper, entry), {"action": "reject", "reason": "计票有误"})
    response = client.get(_entry_url(paper, entry))
    assert (response.context["entry"].status, response.context["reason"], response.context["can_decide"]) == (
        PaperStatus.REJECTED, "计票有误", False
    )


def test_unknown_action_is_a_bad_request(client, paper):
    entry = _enter(paper)
    client.force_login(paper.second)
    assert client.post(_entry_url(paper, entry), {"action": "delete"}).status_code == 400


def test_inspector_sees_the_entry_but_cannot_confirm(client, tree, paper):
    entry = _enter(paper)
    client.force_login(tree.users.inspector)
    statuses = (client.get(_entry_url(paper, entry)).status_code,
                client.post(_entry_url(paper, entry), {"action": "confirm"}).status_code)
    assert (statuses, Ballot.objects.count()) == ((200, 403), 0)
