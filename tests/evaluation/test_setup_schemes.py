"""Scheme pages: list and detail for every role, the form with indicator and voter-group rows,
errors that name their row and field, the lock once a round has opened."""
import pytest
from django.urls import reverse

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation.enums import SchemeStatus
from pacesetter.evaluation.models import Indicator, Scheme

from .conftest import make_round, make_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    """A browser that asks for English, so messages compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def scheme_form(indicators, groups, *, name="学校测评", sector="school", initial=(0, 0)):
    """A POST body of the scheme form: rows of (question, scale, points, weight) and (kind, weight)."""
    data = {
        "name": name, "sector": sector,
        "indicators-TOTAL_FORMS": str(len(indicators)), "indicators-INITIAL_FORMS": str(initial[0]),
        "groups-TOTAL_FORMS": str(len(groups)), "groups-INITIAL_FORMS": str(initial[1]),
    }
    for n, (question, scale, points, weight) in enumerate(indicators):
        data |= {f"indicators-{n}-question": question, f"indicators-{n}-scale": scale,
                 f"indicators-{n}-points": points, f"indicators-{n}-weight": str(weight)}
    for n, (kind, weight) in enumerate(groups):
        data |= {f"groups-{n}-kind": kind, f"groups-{n}-weight": str(weight)}
    return data


GOOD_ROWS = [("师德师风", "grade4", "", 60), ("家长满意度", "satisfaction3", "100,50,0", 40)]
GOOD_GROUPS = [("members", 70), ("public", 30)]
BLANK_INDICATOR = ("", "", "", "")
BLANK_GROUP = ("", "")


def _names(response):
    return [s.name for s in response.context["page"].object_list]


def test_scheme_list_shows_every_scheme_to_a_member(client, tree):
    make_scheme(name="乙方案")
    make_scheme(name="甲方案", active=False)
    client.force_login(tree.users.member)
    assert _names(client.get(reverse("evaluation:schemes"))) == ["乙方案", "甲方案"]


def test_scheme_list_is_empty_for_a_user_without_a_role(client, tree):
    make_scheme()
    client.force_login(tree.users.nobody)
    assert _names(client.get(reverse("evaluation:schemes"))) == []


def test_scheme_list_filters_by_status(client, tree):
    make_scheme(name="乙方案")
    make_scheme(name="甲方案", active=False)
    client.force_login(tree.users.county_admin)
    assert _names(client.get(reverse("evaluation:schemes"), {"status": "draft"})) == ["甲方案"]


def test_scheme_list_counts_indicators_and_groups(client, tree):
    make_scheme()
    client.force_login(tree.users.county_admin)
    row = client.get(reverse("evaluation:schemes")).context["page"].object_list[0]
    assert (row.indicator_count, row.group_count) == (3, 2)


@pytest.mark.parametrize("n", [1, 3])
def test_scheme_list_queries_do_not_grow_with_rows(client, tree, django_assert_num_queries, n):
    for i in range(n):
        make_scheme(name=f"方案{i}")
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(7):
        assert client.get(reverse("evaluation:schemes")).status_code == 200


def test_scheme_detail_lists_indicators_with_their_points(client, tree, scheme):
    client.force_login(tree.users.inspector)
    response = client.get(reverse("evaluation:scheme", args=[scheme.pk]))
    assert [i.options_text for i in response.context["indicators"]] == [
        "excellent 100 · good 80 · fair 60 · poor 40",
        "satisfied 100 · fairly satisfied 50 · dissatisfied 0",
        "the score itself (0–100)",
    ]


def test_new_scheme_form_offers_blank_rows_without_javascript(client, tree):
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("evaluation:scheme_create"))
    assert (len(response.context["indicators"].forms), len(response.context["groups"].forms)) == (6, 3)


def test_create_scheme_saves_its_rows_and_skips_blank_ones(client, tree):
    client.force_login(tree.users.county_admin)
    data = scheme_form([*GOOD_ROWS, BLANK_INDICATOR], [*GOOD_GROUPS, BLANK_GROUP])
    response = client.post(reverse("evaluation:scheme_create"), data)
    scheme = Scheme.objects.get(name="学校测评")
    assert response["Location"] == reverse("evaluation:scheme", args=[scheme.pk])
    assert list(scheme.indicators.values_list("order", "question", "scale", "points", "weight")) == [
        (1, "师德师风", "grade4", [], 60), (2, "家长满意度", "satisfaction3", [100, 50, 0], 40)
    ]
    assert list(scheme.groups.values_list("kind", "weight")) == [("members", 70), ("public", 30)]


def test_create_scheme_refuses_weights_that_do_not_total_100(client, tree):
    client.force_login(tree.users.county_admin)
    data = scheme_form([("师德师风", "grade4", "", 60), ("家长满意度", "satisfaction3", "", 30)], GOOD_GROUPS)
    response = client.post(reverse("evaluation:scheme_create"), data)
    assert (response.status_code, response.context["errors"], Scheme.objects.count()) == (
        200, ["The weights of the indicators add up to 90, not 100."], 0
    )


def test_scheme_form_error_names_the_row_and_the_field(client, tree):
    client.force_login(tree.users.county_admin)
    rows = [*GOOD_ROWS[:1], ("服务", "grade4", "", 40), ("多余", "grade4", "", 120)]
    response = client.post(reverse("evaluation:scheme_create"), scheme_form(rows, GOOD_GROUPS))
    assert response.context["errors"] == [
        "Indicator 3, weight (%): Ensure this value is less than or equal to 100."
    ]


def test_scheme_form_names_points_that_do_not_fit_the_scale(client, tree):
    client.force_login(tree.users.county_admin)
    rows = [("师德师风", "grade4", "100,80,60", 60), GOOD_ROWS[1]]
    response = client.post(reverse("evaluation:scheme_create"), scheme_form(rows, GOOD_GROUPS))
    assert response.context["errors"] == [
        "Indicator 1, points per option: This scale has 4 options, so it needs exactly 4 points."
    ]


def test_scheme_form_names_points_that_are_not_numbers(client, tree):
    client.force_login(tree.users.county_admin)
    rows = [("师德师风", "grade4", "100,八十,60,40", 60), GOOD_ROWS[1]]
    response = client.post(reverse("evaluation:scheme_create"), scheme_form(rows, GOOD_GROUPS))
    assert response.context["errors"] == [
        "Indicator 1, points per option: Write whole numbers separated by commas, e.g. 100,80,60,40."
    ]


def test_scheme_form_names_a_voter_group_given_twice(client, tree):
    client.force_login(tree.users.county_admin)
    groups = [("members", 50), ("members", 50)]
    response = client.post(reverse("evaluation:scheme_create"), scheme_form(GOOD_ROWS, groups))
    assert response.context["errors"] == ["Voter group 2, voter group: party members is already row 1."]


def test_scheme_form_rows_ticked_for_removal_are_left_out(client, tree):
    client.force_login(tree.users.county_admin)
    data = scheme_form([("去掉", "grade4", "", 999), ("师德师风", "grade4", "", 100)], GOOD_GROUPS)
    data["indicators-0-DELETE"] = "on"
    client.post(reverse("evaluation:scheme_create"), data)
    assert list(Indicator.objects.values_list("question", flat=True)) == ["师德师风"]


def test_create_scheme_is_the_county_admins(client, tree):
    client.force_login(tree.users.org_admin)
    response = client.post(reverse("evaluation:scheme_create"), scheme_form(GOOD_ROWS, GOOD_GROUPS))
    assert (response.status_code, Scheme.objects.count()) == (403, 0)


def test_edit_form_is_filled_from_the_scheme(client, tree, scheme):
    client.force_login(tree.users.county_admin)
    indicators = client.get(reverse("evaluation:scheme_edit", args=[scheme.pk])).context["indicators"]
    assert [f.initial for f in indicators.initial_forms] == [
        {"question": "政治引领", "source": "ballot", "scale": "grade4", "points": "", "weight": 40},
        {"question": "服务群众", "source": "ballot", "scale": "satisfaction3", "points": "100,50,0", "weight": 35},
        {"question": "综合评分", "source": "ballot", "scale": "score100", "points": "", "weight": 25},
    ]


def test_edit_scheme_replaces_its_indicators(client, tree, scheme):
    client.force_login(tree.users.county_admin)
    data = scheme_form(GOOD_ROWS, [("members", 60), ("public", 40)], name="新名字", sector="village", initial=(2, 2))
    client.post(reverse("evaluation:scheme_edit", args=[scheme.pk]), data)
    scheme.refresh_from_db()
    assert (scheme.name, list(scheme.indicators.values_list("question", flat=True))) == (
        "新名字", ["师德师风", "家长满意度"]
    )


def test_edit_of_a_scheme_in_an_open_round_is_refused_with_the_reason(client, tree, scheme):
    make_round(scheme, subjects=[tree.b1])
    client.force_login(tree.users.county_admin)
    entries = AuditEntry.objects.count()
    data = scheme_form(GOOD_ROWS, [("members", 60), ("public", 40)], initial=(2, 2))
    response = client.post(reverse("evaluation:scheme_edit", args=[scheme.pk]), data)
    assert (response.status_code, response.context["errors"], AuditEntry.objects.count()) == (
        200, ["The scheme is used by the round “2026年度民主测评”, which has opened; it can no longer change."], entries
    )


def test_scheme_page_says_why_it_is_locked(client, tree, scheme):
    make_round(scheme, subjects=[tree.b1])
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("evaluation:scheme", args=[scheme.pk]))
    assert (response.context["lock_reason"], 'id="scheme-locked"' in response.content.decode()) == (
        "The scheme is used by the round “2026年度民主测评”, which has opened; it can no longer change.", True
    )


def test_activate_makes_a_draft_scheme_usable(client, tree):
    draft = make_scheme(active=False)
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:scheme_activate", args=[draft.pk]))
    assert (response.status_code, Scheme.objects.get(pk=draft.pk).status) == (302, SchemeStatus.ACTIVE)


def test_activate_twice_says_it_is_already_active(client, tree, scheme):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("evaluation:scheme_activate", args=[scheme.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["The scheme is already active."]


def test_scheme_detail_lists_only_rounds_the_user_sees(client, tree, scheme):
    make_round(scheme, subjects=[tree.b1], name="一号镇测评", open_=False)
    make_round(scheme, subjects=[tree.b2], name="二号镇测评", open_=False)
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("evaluation:scheme", args=[scheme.pk]))
    assert [r.name for r in response.context["rounds"]] == ["一号镇测评"]

