"""/api/v1/evaluation/schemes/: read by everyone signed in, written by county admins through the domain."""
import pytest

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation.enums import SchemeStatus
from pacesetter.evaluation.models import Scheme

from ..evaluation.conftest import make_round, make_scheme

API = "/api/v1/evaluation/schemes/"
NEW = {
    "name": "学校测评",
    "sector": "school",
    "indicators": [
        {"question": "师德师风", "scale": "grade4", "weight": 70, "points": [100, 90, 70, 50]},
        {"question": "家长满意度", "scale": "satisfaction3", "weight": 30},
    ],
    "groups": [{"kind": "members", "weight": 50}, {"kind": "public", "weight": 50}],
}


def last_audit():
    return AuditEntry.objects.order_by("-id").first()


def test_detail_shows_indicators_groups_and_points_in_force(tree, login):
    scheme = make_scheme()
    ind = list(scheme.indicators.order_by("order"))
    groups = list(scheme.groups.order_by("id"))
    data = login(tree.users.member).get(f"{API}{scheme.pk}/").json()
    assert data == {
        "id": scheme.pk,
        "name": "村级党组织测评",
        "sector": "village",
        "kind": "general",
        "status": "active",
        "locked": False,
        "created_at": data["created_at"],
        "indicators": [
            {"id": ind[0].pk, "order": 1, "question": "政治引领", "source": "ballot", "scale": "grade4",
             "weight": 40, "points": [100, 80, 60, 40], "options": ["excellent", "good", "fair", "poor"]},
            {"id": ind[1].pk, "order": 2, "question": "服务群众", "source": "ballot", "scale": "satisfaction3",
             "weight": 35, "points": [100, 50, 0], "options": ["satisfied", "fairly satisfied", "dissatisfied"]},
            {"id": ind[2].pk, "order": 3, "question": "综合评分", "source": "ballot", "scale": "score100",
             "weight": 25, "points": [], "options": []},
        ],
        "groups": [
            {"id": groups[0].pk, "kind": "members", "weight": 60},
            {"id": groups[1].pk, "kind": "public", "weight": 40},
        ],
        "url": f"http://testserver{API}{scheme.pk}/",
    }


def test_created_at_is_shanghai_time(tree, login):
    scheme = make_scheme()
    assert login(tree.users.member).get(f"{API}{scheme.pk}/").json()["created_at"].endswith("+08:00")


def test_scheme_of_an_opened_round_reads_as_locked(tree, login):
    scheme = make_scheme()
    make_round(scheme, subjects=[tree.b1])
    assert login(tree.users.member).get(f"{API}{scheme.pk}/").json()["locked"] is True


def test_create_goes_through_the_domain_and_is_audited(tree, login):
    response = login(tree.users.county_admin).post(API, NEW, format="json")
    scheme = Scheme.objects.get(name="学校测评")
    entry = last_audit()
    assert (response.status_code, response["Location"], entry.action, entry.object_id) == (
        201, f"http://testserver{API}{scheme.pk}/", "evaluation.scheme.create", str(scheme.pk)
    )


def test_created_scheme_is_a_draft_with_its_parts(tree, login):
    data = login(tree.users.county_admin).post(API, NEW, format="json").json()
    assert (data["status"], [i["points"] for i in data["indicators"]], [g["kind"] for g in data["groups"]]) == (
        "draft", [[100, 90, 70, 50], [100, 60, 0]], ["members", "public"]
    )


def test_create_with_weights_not_totalling_100_is_refused(tree, login):
    body = {**NEW, "groups": [{"kind": "members", "weight": 50}, {"kind": "public", "weight": 40}]}
    response = login(tree.users.county_admin).post(API, body, format="json")
    assert (response.status_code, response.json(), Scheme.objects.count()) == (
        400, {"non_field_errors": ["The weights of the voter groups add up to 90, not 100."]}, 0
    )


def test_create_with_points_of_the_wrong_length_is_refused(tree, login):
    body = {**NEW, "indicators": [{"question": "师德师风", "scale": "grade4", "weight": 100, "points": [100, 0]}]}
    response = login(tree.users.county_admin).post(API, body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["Indicator 1: This scale has 4 options, so it needs exactly 4 points."]}
    )


def test_create_with_unknown_scale_names_the_field(tree, login):
    body = {**NEW, "indicators": [{"question": "师德师风", "scale": "grade7", "weight": 100}]}
    response = login(tree.users.county_admin).post(API, body, format="json")
    assert (response.status_code, list(response.json())) == (400, ["indicators"])


def test_change_replaces_the_indicators_and_is_audited(tree, login):
    scheme = make_scheme(active=False)
    body = {"indicators": [{"question": "党建引领", "scale": "grade4", "weight": 100}]}
    data = login(tree.users.county_admin).patch(f"{API}{scheme.pk}/", body, format="json").json()
    assert ([i["question"] for i in data["indicators"]], last_audit().action) == (
        ["党建引领"], "evaluation.scheme.update"
    )


def test_change_of_a_locked_scheme_is_refused_and_changes_nothing(tree, login):
    scheme = make_scheme()
    make_round(scheme, subjects=[tree.b1], name="在用轮次")
    response = login(tree.users.county_admin).patch(f"{API}{scheme.pk}/", {"name": "改名"}, format="json")
    assert (response.status_code, response.json(), Scheme.objects.get(pk=scheme.pk).name) == (
        400,
        {"non_field_errors": ["The scheme is used by the round “在用轮次”, which has opened; it can no longer change."]},
        "村级党组织测评",
    )


def test_activate_goes_through_the_domain(tree, login):
    scheme = make_scheme(active=False)
    data = login(tree.users.county_admin).post(f"{API}{scheme.pk}/activate/").json()
    assert (data["status"], Scheme.objects.get(pk=scheme.pk).status, last_audit().action) == (
        "active", SchemeStatus.ACTIVE, "evaluation.scheme.activate"
    )


def test_activating_an_active_scheme_is_refused(tree, login):
    scheme = make_scheme()
    response = login(tree.users.county_admin).post(f"{API}{scheme.pk}/activate/")
    assert (response.status_code, response.json()) == (400, {"non_field_errors": ["The scheme is already active."]})


def test_schemes_cannot_be_deleted(tree, login):
    scheme = make_scheme(active=False)
    response = login(tree.users.county_admin).delete(f"{API}{scheme.pk}/")
    assert (response.status_code, Scheme.objects.count()) == (405, 1)


@pytest.mark.parametrize("count", [1, 3])
def test_scheme_list_query_count(tree, login, django_assert_num_queries, count):
    for n in range(count):
        make_scheme(name=f"方案{n}")
    client = login(tree.users.member)
    # session, user, roles (schemes_visible_to), page count, page, indicators, groups
    with django_assert_num_queries(7):
        response = client.get(API)
    assert response.json()["count"] == count
