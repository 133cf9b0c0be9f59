"""Round pages: the list and a round's page for each role, the settings form with its grading
rules, subjects and voter groups of a draft round, and the state buttons."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.models import Round, RoundGroup, RoundSubject
from pacesetter.orgs.enums import OrgLevel, OrgStatus, Sector
from pacesetter.orgs.models import Organization
from tests.factories import MemberFactory, make_org

from .conftest import answers_for, make_round, make_scheme

pytestmark = pytest.mark.django_db

SETTINGS = {
    "name": "2027年度民主测评", "opens_at": "2030-03-01T08:00", "closes_at": "2030-03-08T18:00", "min_n": "7",
    "dissatisfied_flag_share": "0.25", "advanced_min": "92", "good_min": "85", "fair_min": "65",
    "advanced_top_share": "0.15", "lagging_bottom_share": "0.05", "flag_caps_at": "good",
}
RULES = {"advanced_min": 92.0, "good_min": 85.0, "fair_min": 65.0, "advanced_top_share": 0.15,
         "lagging_bottom_share": 0.05, "flag_caps_at": "good"}


@pytest.fixture
def client(client, settings):
    """A browser that asks for English, so messages compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def draft(tree, scheme):
    return make_round(scheme, subjects=[tree.b1, tree.b2], open_=False)


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _round_names(response):
    return [r.name for r in response.context["page"].object_list]


# --- The list -------------------------------------------------------------------------------


def test_round_list_of_org_admin_holds_rounds_of_its_subtree(client, tree, scheme):
    make_round(scheme, subjects=[tree.b1], name="一号镇测评", open_=False)
    make_round(scheme, subjects=[tree.b2], name="二号镇测评", open_=False)
    client.force_login(tree.users.org_admin)
    assert _round_names(client.get(reverse("evaluation:rounds"))) == ["一号镇测评"]


def test_a_new_round_without_subjects_is_on_the_county_admins_list(client, tree, scheme):
    make_round(scheme, subjects=[], open_=False, name="新建")
    client.force_login(tree.users.county_admin)
    assert _round_names(client.get(reverse("evaluation:rounds"))) == ["新建"]


def test_a_round_without_subjects_is_seen_by_no_one_else(client, tree, scheme):
    empty = make_round(scheme, subjects=[], open_=False)
    client.force_login(tree.users.inspector)
    assert client.get(reverse("evaluation:round", args=[empty.round.pk])).status_code == 404


def test_round_list_counts_only_subjects_the_user_sees(client, tree, draft):
    client.force_login(tree.users.branch_admin)
    response = client.get(reverse("evaluation:rounds"))
    assert [r.subject_count for r in response.context["page"].object_list] == [1]


@pytest.mark.parametrize(("params", "expected"), [({"state": "open"}, ["开放中"]), ({"state": "draft"}, ["草稿中"]),
                                                  ({"kind": "satisfaction"}, [])])
def test_round_list_filters_by_state_and_kind(client, tree, scheme, params, expected):
    make_round(scheme, subjects=[tree.b1], name="开放中")
    make_round(scheme, subjects=[tree.b1], name="草稿中", open_=False)
    client.force_login(tree.users.county_admin)
    assert _round_names(client.get(reverse("evaluation:rounds"), params)) == expected


def test_round_list_offers_a_new_round_to_the_county_admin_only(client, tree):
    offered = []
    for user in (tree.users.county_admin, tree.users.inspector):
        client.force_login(user)
        offered.append(reverse("evaluation:round_create") in client.get(reverse("evaluation:rounds")).content.decode())
    assert offered == [True, False]


@pytest.mark.parametrize("n", [1, 3])
def test_round_list_queries_do_not_grow_with_rows(client, tree, scheme, django_assert_num_queries, n):
    for i in range(n):
        make_round(scheme, subjects=[tree.b1, tree.b2], name=f"测评{i}", open_=False)
    client.force_login(tree.users.org_admin)
    with django_assert_num_queries(7):
        assert client.get(reverse("evaluation:rounds")).status_code == 200


# --- A round's page -----------------------------------------------------------------------


def test_round_page_lists_only_subjects_the_user_sees(client, tree, draft):
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("evaluation:round", args=[draft.round.pk]))
    assert [s.organization.code for s in response.context["page"].object_list] == ["T1B1"]


def test_round_page_of_a_round_outside_the_view_is_404(client, tree, scheme):
    outside = make_round(scheme, subjects=[tree.b2], open_=False)
    client.force_login(tree.users.org_admin)
    assert client.get(reverse("evaluation:round", args=[outside.round.pk])).status_code == 404


def test_round_page_counts_tokens_issued_and_used_per_group(client, tree, live):
    domain.cast_ballot(live.tokens[0], live.answers)
    domain.make_tokens(live.round, subject=live.subjects[1], group=live.groups[1], count=2, by=None)
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("evaluation:round", args=[live.round.pk]))
    assert [s.cells for s in response.context["page"].object_list] == [[[5, 1], [0, 0]], [[0, 0], [2, 0]]]


def test_round_page_counts_participation_once_closed(client, tree, live):
    domain.cast_ballot(live.tokens[0], live.answers)
    domain.cast_ballot(live.tokens[1], live.answers)
    domain.make_tokens(live.round, subject=live.subject, group=live.group, count=1, by=None)
    domain.close_round(live.round, by=None)
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("evaluation:round", args=[live.round.pk]))
    assert [s.cells for s in response.context["page"].object_list] == [[[3, 2], [0, 0]], [[0, 0], [0, 0]]]


def test_round_page_shows_grading_rules_over_the_defaults(client, tree, draft):
    domain.update_round(draft.round, grading={"good_min": 75.0}, by=None)
    client.force_login(tree.users.leader)
    response = client.get(reverse("evaluation:round", args=[draft.round.pk]))
    assert [value for _label, value in response.context["grading"]] == [90.0, 75.0, 60.0, 0.2, 0.1, "fair"]


def test_round_page_shows_setup_buttons_to_the_county_admin_only(client, tree, draft):
    shown = []
    for user in (tree.users.county_admin, tree.users.inspector):
        client.force_login(user)
        html = client.get(reverse("evaluation:round", args=[draft.round.pk])).content.decode()
        shown.append(reverse("evaluation:round_open", args=[draft.round.pk]) in html)
    assert shown == [True, False]


@pytest.mark.parametrize("n", [1, 3])
def test_round_page_queries_do_not_grow_with_subjects(client, tree, scheme, django_assert_num_queries, n):
    orgs = [tree.b1] + [make_org(tree.t1, code=f"T1B{i}") for i in range(2, n + 1)]
    setup = make_round(scheme, subjects=orgs)
    for subject in setup.subjects:
        domain.make_tokens(setup.round, subject=subject, group=setup.groups[0], count=2, by=None)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(10):
        assert client.get(reverse("evaluation:round", args=[setup.round.pk])).status_code == 200


def test_round_page_links_released_results(client, tree, live):
    domain.close_round(live.round, by=None)
    domain.release_results(live.round, by=None)
    client.force_login(tree.users.member)
    html = client.get(reverse("evaluation:round", args=[live.round.pk])).content.decode()
    assert f'href="{reverse("evaluation:results", args=[live.round.pk])}"' in html


def test_round_page_links_paper_ballots_for_inspectors(client, tree, live):
    client.force_login(tree.users.inspector)
    html = client.get(reverse("evaluation:round", args=[live.round.pk])).content.decode()
    assert f'href="{reverse("evaluation:paper", args=[live.round.pk])}"' in html


def test_round_page_links_the_tally_of_a_closed_round_for_inspectors(client, tree, live):
    domain.close_round(live.round, by=None)
    client.force_login(tree.users.inspector)
    html = client.get(reverse("evaluation:round", args=[live.round.pk])).content.decode()
    assert f'href="{reverse("evaluation:tally", args=[live.round.pk])}"' in html


def test_round_page_links_each_subjects_poster_when_open_ballots_are_allowed(client, tree, draft):
    domain.update_round(draft.round, allow_open_channel=True, by=None)
    client.force_login(tree.users.county_admin)
    html = client.get(reverse("evaluation:round", args=[draft.round.pk])).content.decode()
    posters = [reverse("evaluation:poster", args=[draft.round.pk, s.pk]) in html for s in draft.subjects]
    assert posters == [True, True]


# --- Creating and changing a round ----------------------------------------------------------


def test_new_round_form_is_prefilled_with_the_default_grading(client, tree):
    client.force_login(tree.users.county_admin)
    form = client.get(reverse("evaluation:round_create")).context["form"]
    assert {name: form[name].initial for name in form.GRADING_FIELDS} == {
        "advanced_min": 90.0, "good_min": 80.0, "fair_min": 60.0, "advanced_top_share": 0.2,
        "lagging_bottom_share": 0.1, "flag_caps_at": "fair",
    }


def test_new_round_form_offers_active_schemes_only(client, tree, scheme):
    make_scheme(name="草稿方案", active=False)
    client.force_login(tree.users.county_admin)
    form = client.get(reverse("evaluation:round_create")).context["form"]
    assert [s.name for s in form.fields["scheme"].queryset] == ["村级党组织测评"]


def test_create_round_stores_settings_and_grading_in_shanghai_time(client, tree, scheme):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:round_create"), {**SETTINGS, "kind": "satisfaction", "scheme": scheme.pk})
    round_ = Round.objects.get()
    assert response["Location"] == reverse("evaluation:round", args=[round_.pk])
    assert (round_.state, round_.kind, round_.min_n, round_.grading, timezone.localtime(round_.opens_at).isoformat()) == (
        RoundState.DRAFT, "satisfaction", 7, RULES, "2030-03-01T08:00:00+08:00"
    )


def test_create_round_refuses_grading_out_of_range(client, tree, scheme):
    client.force_login(tree.users.county_admin)
    data = {**SETTINGS, "kind": "democratic", "scheme": scheme.pk, "advanced_top_share": "1.5"}
    response = client.post(reverse("evaluation:round_create"), data)
    assert (response.context["form"].errors, Round.objects.count()) == (
        {"advanced_top_share": ["Ensure this value is less than or equal to 1."]}, 0
    )


def test_create_round_refuses_scores_out_of_order(client, tree, scheme):
    client.force_login(tree.users.county_admin)
    data = {**SETTINGS, "kind": "democratic", "scheme": scheme.pk, "good_min": "95"}
    response = client.post(reverse("evaluation:round_create"), data)
    assert response.context["form"].errors == {"good_min": ["The lowest scores must run advanced ≥ good ≥ fair."]}


def test_create_round_refuses_a_window_that_closes_before_it_opens(client, tree, scheme):
    client.force_login(tree.users.county_admin)
    data = {**SETTINGS, "kind": "democratic", "scheme": scheme.pk, "closes_at": "2030-02-01T08:00"}
    response = client.post(reverse("evaluation:round_create"), data)
    assert response.context["form"].errors == {"closes_at": ["A round must close after it opens."]}


def test_edit_form_shows_the_round_and_its_rules(client, tree, draft):
    domain.update_round(draft.round, grading=RULES, by=None)
    client.force_login(tree.users.county_admin)
    form = client.get(reverse("evaluation:round_edit", args=[draft.round.pk])).context["form"]
    assert ({name: form.initial[name] for name in RULES}, form.initial["name"]) == (RULES, "2026年度民主测评")


def test_edit_round_saves_settings_and_grading(client, tree, draft):
    client.force_login(tree.users.county_admin)
    client.post(reverse("evaluation:round_edit", args=[draft.round.pk]), SETTINGS)
    round_ = Round.objects.get(pk=draft.round.pk)
    assert (round_.name, round_.min_n, round_.grading) == ("2027年度民主测评", 7, RULES)


def test_edit_of_an_open_round_is_refused(client, tree, draft):
    domain.open_round(draft.round, by=None)
    client.force_login(tree.users.county_admin)
    entries = AuditEntry.objects.count()
    response = client.post(reverse("evaluation:round_edit", args=[draft.round.pk]), SETTINGS)
    assert (response.status_code, response.context["form"].non_field_errors(), AuditEntry.objects.count()) == (
        200, ["Changing the round's settings is not possible: The round is open."], entries
    )


def test_edit_page_of_an_open_round_says_it_is_locked(client, tree, draft):
    domain.open_round(draft.round, by=None)
    client.force_login(tree.users.county_admin)
    html = client.get(reverse("evaluation:round_edit", args=[draft.round.pk])).content.decode()
    assert "This round is no longer a draft: its settings are locked." in html


# --- Subjects and voter groups --------------------------------------------------------------


def _subject_codes(round_):
    subjects = RoundSubject.objects.filter(round=round_).select_related("organization", "member")
    return sorted(s.member.code if s.member_id else s.organization.code for s in subjects)


def test_add_organisations_by_pasted_codes(client, tree, draft):
    client.force_login(tree.users.county_admin)
    data = {"action": "organizations", "organizations-codes": "T1\r\nT2, T1\n"}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    assert (response.status_code, _subject_codes(draft.round)) == (302, ["T1", "T1B1", "T2", "T2B1"])


def test_unknown_organisation_codes_are_named(client, tree, draft):
    client.force_login(tree.users.county_admin)
    data = {"action": "organizations", "organizations-codes": "T1\nNOPE1\nNOPE2"}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    assert (response.context["organizations_form"].errors, _subject_codes(draft.round)) == (
        {"codes": ["No organisation with these codes in your view: NOPE1, NOPE2."]}, ["T1B1", "T2B1"]
    )


def test_dissolved_organisations_are_refused_by_name(client, tree, draft):
    Organization.objects.filter(code="T2").update(status=OrgStatus.DISSOLVED)
    client.force_login(tree.users.county_admin)
    data = {"action": "organizations", "organizations-codes": "T2"}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    assert response.context["organizations_form"].errors == {
        "codes": ["These organisations are dissolved or merged: T2."]
    }


def test_add_every_organisation_of_a_level_and_sector_under_one(client, tree, draft):
    make_org(tree.t1, code="T1S", sector=Sector.SCHOOL)
    make_org(tree.t1, code="T1B2")
    make_org(tree.t2, code="T2B2")
    domain.remove_subject(draft.subjects[0], by=None)
    client.force_login(tree.users.county_admin)
    data = {"action": "under", "under-under": "T1", "under-level": OrgLevel.BRANCH, "under-sector": Sector.VILLAGE}
    client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    assert _subject_codes(draft.round) == ["T1B1", "T1B2", "T2B1"]


def test_add_under_an_unknown_organisation_is_named(client, tree, draft):
    client.force_login(tree.users.county_admin)
    data = {"action": "under", "under-under": "NOPE"}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    assert response.context["under_form"].errors == {"under": ["No organisation with the code NOPE in your view."]}


def test_add_persons_with_their_post(client, tree, draft):
    client.force_login(tree.users.county_admin)
    data = {"action": "persons", "persons-codes": "M1\nM2", "persons-role_title": "支部书记"}
    client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    people = RoundSubject.objects.filter(round=draft.round, member__isnull=False).order_by("member__code")
    assert [s.label for s in people] == ["张三 (支部书记, 一号村党支部)", "李四 (支部书记, 二号村党支部)"]


def test_unknown_member_codes_are_named(client, tree, draft):
    MemberFactory(organization=tree.b1, code="M3")
    client.force_login(tree.users.county_admin)
    data = {"action": "persons", "persons-codes": "M3\nX9"}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    assert response.context["persons_form"].errors == {"codes": ["No member with these codes in your view: X9."]}


def test_adding_subjects_to_an_open_round_is_refused(client, tree, draft):
    domain.open_round(draft.round, by=None)
    client.force_login(tree.users.county_admin)
    data = {"action": "organizations", "organizations-codes": "T1"}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data)
    assert (response.context["organizations_form"].non_field_errors(), _subject_codes(draft.round)) == (
        ["Adding subjects is not possible: The round is open."], ["T1B1", "T2B1"]
    )


def test_remove_a_subject(client, tree, draft):
    client.force_login(tree.users.county_admin)
    data = {"action": "remove", "subject": draft.subjects[1].pk}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data, follow=True)
    assert (_messages(response), _subject_codes(draft.round)) == (
        ["“二号村党支部” was taken out of the round."], ["T1B1"]
    )


def test_remove_a_subject_of_another_round_is_refused(client, tree, draft, scheme):
    other = make_round(scheme, subjects=[tree.b1], open_=False, name="另一轮")
    client.force_login(tree.users.county_admin)
    data = {"action": "remove", "subject": other.subjects[0].pk}
    response = client.post(reverse("evaluation:round_subjects", args=[draft.round.pk]), data, follow=True)
    assert (_messages(response), RoundSubject.objects.count()) == (["That subject is not part of this round."], 3)


def test_set_the_expected_ballots_of_a_group(client, tree, draft, scheme):
    client.force_login(tree.users.county_admin)
    public = scheme.groups.get(kind="public")
    client.post(reverse("evaluation:round_groups", args=[draft.round.pk]), {"voter_group": public.pk, "expected": 30})
    assert list(RoundGroup.objects.filter(round=draft.round).values_list("voter_group__kind", "expected")) == [
        ("members", 10), ("public", 30)
    ]


def test_a_voter_group_of_another_scheme_is_refused(client, tree, draft):
    foreign = make_scheme(name="别的方案").groups.first()
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:round_groups", args=[draft.round.pk]),
                           {"voter_group": foreign.pk, "expected": 3})
    assert list(response.context["form"].errors) == ["voter_group"]


def test_remove_a_voter_group(client, tree, draft):
    client.force_login(tree.users.county_admin)
    client.post(reverse("evaluation:round_groups", args=[draft.round.pk]), {"action": "remove", "group": draft.groups[1].pk})
    assert list(RoundGroup.objects.filter(round=draft.round).values_list("voter_group__kind", flat=True)) == ["members"]


# --- State buttons ------------------------------------------------------------------------


def test_open_button_opens_a_draft(client, tree, draft):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:round_open", args=[draft.round.pk]))
    assert (response["Location"], Round.objects.get(pk=draft.round.pk).state) == (
        reverse("evaluation:round", args=[draft.round.pk]), RoundState.OPEN
    )


def test_open_without_subjects_says_why(client, tree, scheme):
    empty = make_round(scheme, subjects=[], open_=False)
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:round_open", args=[empty.round.pk]), follow=True)
    assert (_messages(response), Round.objects.get(pk=empty.round.pk).state) == (
        ["The round has no subjects."], RoundState.DRAFT
    )


def test_close_needs_the_confirmation_box(client, tree, live):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:round_close", args=[live.round.pk]), follow=True)
    assert (_messages(response), Round.objects.get(pk=live.round.pk).state) == (
        ["Tick the box to confirm."], RoundState.OPEN
    )


def test_close_with_confirmation_closes(client, tree, live):
    domain.cast_ballot(live.tokens[0], answers_for(live.scheme))
    client.force_login(tree.users.county_admin)
    client.post(reverse("evaluation:round_close", args=[live.round.pk]), {"confirm": "on"})
    assert Round.objects.get(pk=live.round.pk).state == RoundState.CLOSED


def test_release_with_confirmation_releases(client, tree, live):
    domain.close_round(live.round, by=None)
    client.force_login(tree.users.county_admin)
    client.post(reverse("evaluation:round_release", args=[live.round.pk]), {"confirm": "on"})
    assert Round.objects.get(pk=live.round.pk).state == RoundState.RELEASED


def test_release_of_an_open_round_is_refused(client, tree, live):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:round_release", args=[live.round.pk]), {"confirm": "on"}, follow=True)
    assert (_messages(response), Round.objects.get(pk=live.round.pk).state) == (
        ["Releasing the results is not possible: The round is open."], RoundState.OPEN
    )


def test_state_buttons_are_the_county_admins(client, tree, live):
    client.force_login(tree.users.inspector)
    response = client.post(reverse("evaluation:round_close", args=[live.round.pk]), {"confirm": "on"})
    assert (response.status_code, Round.objects.get(pk=live.round.pk).state) == (403, RoundState.OPEN)


def test_window_in_the_past_cannot_open(client, tree, draft):
    past = timezone.now() - datetime.timedelta(days=2)
    domain.update_round(draft.round, opens_at=past - datetime.timedelta(days=1), closes_at=past, by=None)
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:round_open", args=[draft.round.pk]), follow=True)
    assert _messages(response) == ["The round's window has already ended."]
