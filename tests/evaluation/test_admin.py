"""The evaluation admin: county admins only, read-only, state steps through the domain, no ballot secrets."""
import pytest
from django.contrib import admin
from django.urls import reverse

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundState, SchemeStatus
from pacesetter.evaluation.models import (
    Answer, Ballot, BallotToken, OpenLimit, PaperCount, Participation, Round, Scheme,
)
from pacesetter.evaluation.tally import tally_round

from ..factories import make_user
from .conftest import make_round, make_scheme

MODELS = ["scheme", "round", "tallyresult", "subjectresult", "subjectcells", "papercount"]
CHANGELISTS = [f"admin:evaluation_{name}_changelist" for name in MODELS]


def staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def admin_client(tree, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # messages compared exactly
    client.force_login(tree.users.county_admin)
    return client


@pytest.fixture
def counted(tree, live):
    """The live round with two ballots, closed, counted and a paper count entered."""
    for token in live.tokens[:2]:
        domain.cast_ballot(token, live.answers)
    live.round = domain.close_round(live.round, by=None)
    live.tally = tally_round(live.round, by=None)
    PaperCount.objects.create(round=live.round, subject=live.subject, group=live.group, ballots=3, counts={},
                              entered_by=tree.users.county_admin)
    return live


@pytest.mark.parametrize("name", CHANGELISTS)
def test_county_admin_opens_every_changelist(admin_client, counted, name):
    response = admin_client.get(reverse(name))
    assert (response.status_code, response.context["cl"].result_count > 0) == (200, True)


@pytest.mark.parametrize("name", CHANGELISTS)
def test_superuser_opens_every_changelist(client, counted, name):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", CHANGELISTS)
def test_staff_inspector_is_refused_every_changelist(tree, client, name):
    client.force_login(staff(tree.users.inspector))
    assert client.get(reverse(name)).status_code == 403


def test_change_pages_are_read_only(admin_client, counted):
    objects = [
        ("scheme", counted.scheme.pk), ("round", counted.round.pk), ("tallyresult", counted.tally.pk),
        ("subjectresult", counted.tally.subjects.first().pk), ("subjectcells", counted.tally.cells.first().pk),
        ("papercount", PaperCount.objects.get().pk),
    ]
    pages = [admin_client.get(reverse(f"admin:evaluation_{name}_change", args=[pk])) for name, pk in objects]
    assert [(r.status_code, r.context["has_change_permission"]) for r in pages] == [(200, False)] * 6


def test_scheme_page_shows_its_indicators_and_groups(admin_client, scheme):
    response = admin_client.get(reverse("admin:evaluation_scheme_change", args=[scheme.pk]))
    formsets = response.context["inline_admin_formsets"]
    inlines = {f.opts.model._meta.model_name: len(f.formset.queryset) for f in formsets}
    assert inlines == {"indicator": 3, "votergroup": 2}


def test_posting_a_change_is_refused(admin_client, scheme):
    response = admin_client.post(reverse("admin:evaluation_scheme_change", args=[scheme.pk]), {"name": "改名"})
    assert (response.status_code, Scheme.objects.get(pk=scheme.pk).name) == (403, "村级党组织测评")


def test_nothing_is_added_or_deleted_in_the_admin(admin_client, scheme):
    statuses = [
        admin_client.get(reverse("admin:evaluation_scheme_add")).status_code,
        admin_client.get(reverse("admin:evaluation_scheme_delete", args=[scheme.pk])).status_code,
    ]
    assert (statuses, Scheme.objects.count()) == ([403, 403], 1)


def test_ballot_secrets_are_not_registered():
    assert [m for m in (BallotToken, Ballot, Answer, Participation, OpenLimit) if admin.site.is_registered(m)] == []


def test_activate_action_goes_through_the_domain(admin_client, db):
    draft = make_scheme(active=False)
    admin_client.post(
        reverse("admin:evaluation_scheme_changelist"), {"action": "activate", "_selected_action": [draft.pk]}
    )
    entry = AuditEntry.objects.order_by("-id").first()
    assert (Scheme.objects.get(pk=draft.pk).status, entry.action, entry.actor_name) == (
        SchemeStatus.ACTIVE, "evaluation.scheme.activate", "county"
    )


def test_round_steps_go_through_the_domain(tree, admin_client, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    for action in ("open_rounds", "close_rounds", "release_rounds"):
        admin_client.post(reverse("admin:evaluation_round_changelist"), {"action": action, "_selected_action": [r.pk]})
    entries = AuditEntry.objects.filter(action__startswith="evaluation.round.").order_by("id")
    actions = list(entries.values_list("action", flat=True))
    assert (Round.objects.get(pk=r.pk).state, actions[-3:]) == (
        RoundState.RELEASED, ["evaluation.round.open", "evaluation.round.closed", "evaluation.round.released"]
    )


def test_refused_step_is_reported_and_changes_nothing(tree, admin_client, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    response = admin_client.post(
        reverse("admin:evaluation_round_changelist"), {"action": "release_rounds", "_selected_action": [r.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert (messages, Round.objects.get(pk=r.pk).state) == (
        ["2026年度民主测评: Releasing the results is not possible: The round has not opened yet."], RoundState.DRAFT
    )


def test_results_lists_hold_only_subjects_in_view(tree, client, counted):
    township_admin = make_user("county-t1", is_staff=True)
    township_admin.roles.create(role="county_admin", organization=tree.t1)
    client.force_login(township_admin)
    response = client.get(reverse("admin:evaluation_subjectresult_changelist"))
    assert [r.subject.organization.code for r in response.context["cl"].result_list] == ["T1B1"]
