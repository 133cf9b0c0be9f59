"""/api/v1/evaluation/rounds/: rounds in the user's view, set up and stepped by county admins."""
import datetime

import pytest
from django.utils import timezone

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundKind, RoundState
from pacesetter.evaluation.models import Round, RoundGroup, RoundSubject

from ..evaluation.conftest import make_round, make_scheme
from ..factories import MemberFactory, make_org

API = "/api/v1/evaluation/rounds/"


@pytest.fixture
def scheme(db):
    return make_scheme()


def new_round(scheme, **extra):
    return {
        "name": "2026年度民主测评",
        "kind": "democratic",
        "scheme": scheme.pk,
        "opens_at": "2030-01-01T08:00:00+08:00",
        "closes_at": "2030-01-08T08:00:00+08:00",
        "subject_codes": ["T1B1", "T2B1"],
        "groups": [{"kind": "members", "expected": 30}, {"kind": "public", "expected": 50}],
        **extra,
    }


def audit_actions():
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_detail_shows_groups_state_and_links(tree, login, scheme):
    setup = make_round(scheme, subjects=[tree.b1, tree.b2])
    r = setup.round
    data = login(tree.users.county_admin).get(f"{API}{r.pk}/").json()
    assert data == {
        "id": r.pk,
        "name": "2026年度民主测评",
        "kind": "democratic",
        "scheme": scheme.pk,
        "scheme_name": "村级党组织测评",
        "campaign": None,
        "state": "open",
        "opens_at": timezone.localtime(r.opens_at).isoformat(),
        "closes_at": timezone.localtime(r.closes_at).isoformat(),
        "allow_open_channel": False,
        "min_n": 5,
        "dissatisfied_flag_share": "0.333",
        "grading": {},
        "created_at": data["created_at"],
        "groups": [
            {"id": setup.groups[0].pk, "kind": "members", "weight": 60, "expected": 10},
            {"id": setup.groups[1].pk, "kind": "public", "weight": 40, "expected": 10},
        ],
        "subjects": 2,
        "url": f"http://testserver{API}{r.pk}/",
        "subjects_url": f"http://testserver{API}{r.pk}/subjects/",
        "results_url": f"http://testserver{API}{r.pk}/results/",
    }


def test_subject_count_is_of_the_subjects_the_user_sees(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1, tree.b2]).round
    assert login(tree.users.org_admin).get(f"{API}{r.pk}/").json()["subjects"] == 1


ROUNDS_SEEN = {
    "county_admin": ["both", "T2 only", "T1 only"],
    "org_admin": ["both", "T1 only"],
    "member": ["both", "T1 only"],
    "inspector": ["both", "T2 only", "T1 only"],
    "nobody": [],
}


@pytest.mark.parametrize(("role", "names"), ROUNDS_SEEN.items())
def test_round_list_holds_the_rounds_with_a_subject_in_view(tree, login, scheme, role, names):
    for name, subjects in (("T1 only", [tree.b1]), ("T2 only", [tree.b2]), ("both", [tree.b1, tree.b2])):
        make_round(scheme, subjects=subjects, name=name)
    response = login(getattr(tree.users, role)).get(API)
    assert [r["name"] for r in response.json()["results"]] == names


def test_round_without_subjects_is_seen_by_county_admins_only(tree, login, scheme):
    now = timezone.now()
    r = domain.create_round(scheme=scheme, kind=RoundKind.DEMOCRATIC, name="空轮次", opens_at=now,
                            closes_at=now + datetime.timedelta(days=1), by=None)
    users = (tree.users.inspector, tree.users.county_admin)
    statuses = [login(user).get(f"{API}{r.pk}/").status_code for user in users]
    assert statuses == [404, 200]


def test_create_makes_round_subjects_and_groups_in_the_domain(tree, login, scheme):
    response = login(tree.users.county_admin).post(API, new_round(scheme), format="json")
    r = Round.objects.get()
    assert (
        response.status_code,
        response["Location"],
        sorted(RoundSubject.objects.filter(round=r).values_list("organization__code", flat=True)),
        sorted(RoundGroup.objects.filter(round=r).values_list("voter_group__kind", "expected")),
        audit_actions()[-4:],
    ) == (
        201,
        f"http://testserver{API}{r.pk}/",
        ["T1B1", "T2B1"],
        [("members", 30), ("public", 50)],
        ["evaluation.round.create", "evaluation.round.add_subjects", "evaluation.round.add_group",
         "evaluation.round.add_group"],
    )


def test_create_with_a_group_the_scheme_lacks_writes_nothing(tree, login, scheme):
    before = AuditEntry.objects.count()
    body = new_round(scheme, groups=[{"kind": "members", "expected": 30}, {"kind": "outside_raters", "expected": 5}])
    response = login(tree.users.county_admin).post(API, body, format="json")
    assert (response.status_code, response.json(), Round.objects.count(), AuditEntry.objects.count()) == (
        400, {"groups": ["The scheme “村级党组织测评” has no voter group “outside raters”."]}, 0, before
    )


def test_create_with_a_draft_scheme_is_refused(tree, login):
    draft = make_scheme(active=False, name="草稿")
    response = login(tree.users.county_admin).post(API, new_round(draft), format="json")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["The scheme “草稿” is still a draft."]}
    )


def test_create_with_window_ending_before_it_opens_is_refused(tree, login, scheme):
    body = new_round(scheme, closes_at="2029-12-31T08:00:00+08:00")
    response = login(tree.users.county_admin).post(API, body, format="json")
    assert (response.status_code, response.json(), Round.objects.count()) == (
        400, {"non_field_errors": ["A round must close after it opens."]}, 0
    )


def test_create_with_an_unknown_organisation_names_it(tree, login, scheme):
    response = login(tree.users.county_admin).post(API, new_round(scheme, subject_codes=["NOPE"]), format="json")
    assert (response.status_code, response.json()) == (400, {"subject_codes": {"0": ["Unknown organisation: NOPE."]}})


def test_open_goes_through_the_domain(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    data = login(tree.users.county_admin).post(f"{API}{r.pk}/open/").json()
    assert (data["state"], Round.objects.get(pk=r.pk).state, audit_actions()[-1]) == (
        "open", RoundState.OPEN, "evaluation.round.open"
    )


def test_close_then_release_step_the_state(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1]).round
    client = login(tree.users.county_admin)
    states = [client.post(f"{API}{r.pk}/{step}/").json()["state"] for step in ("close", "release")]
    assert (states, audit_actions()[-2:]) == (
        ["closed", "released"], ["evaluation.round.closed", "evaluation.round.released"]
    )


def test_illegal_transition_is_refused_and_changes_nothing(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    response = login(tree.users.county_admin).post(f"{API}{r.pk}/release/")
    assert (response.status_code, response.json(), Round.objects.get(pk=r.pk).state) == (
        400,
        {"non_field_errors": ["Releasing the results is not possible: The round has not opened yet."]},
        RoundState.DRAFT,
    )


def test_create_stores_the_grading_rules(tree, login, scheme):
    body = new_round(scheme, grading={"advanced_min": 92, "flag_caps_at": "fair"})
    data = login(tree.users.county_admin).post(API, body, format="json").json()
    assert (data["grading"], Round.objects.get().grading) == (
        {"advanced_min": 92, "flag_caps_at": "fair"}, {"advanced_min": 92, "flag_caps_at": "fair"}
    )


def test_create_with_unknown_grading_rule_writes_nothing(tree, login, scheme):
    response = login(tree.users.county_admin).post(API, new_round(scheme, grading={"best": 1}), format="json")
    message = response.json()["non_field_errors"][0]
    assert (response.status_code, message.startswith("Unknown grading rule “best”"), Round.objects.count()) == (
        400, True, 0
    )


def test_change_of_a_draft_round_goes_through_the_domain(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    body = {"name": "改名", "min_n": 8, "grading": {"good_min": 75}}
    data = login(tree.users.county_admin).patch(f"{API}{r.pk}/", body, format="json").json()
    changed = Round.objects.get(pk=r.pk)
    assert ((data["name"], data["min_n"], data["grading"]), (changed.name, changed.min_n), audit_actions()[-1]) == (
        ("改名", 8, {"good_min": 75}), ("改名", 8), "evaluation.round.update"
    )


def test_change_of_an_open_round_is_refused(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1]).round
    response = login(tree.users.county_admin).patch(f"{API}{r.pk}/", {"name": "改名"}, format="json")
    assert (response.status_code, response.json(), Round.objects.get(pk=r.pk).name) == (
        400,
        {"non_field_errors": ["Changing the round's settings is not possible: The round is open."]},
        "2026年度民主测评",
    )


def test_kind_of_a_round_cannot_change(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    response = login(tree.users.county_admin).patch(f"{API}{r.pk}/", {"kind": "conduct"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["These settings cannot change here: kind."]}
    )


def test_groups_of_a_round_cannot_change_here(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    body = {"groups": [{"kind": "members", "expected": 3}]}
    response = login(tree.users.county_admin).patch(f"{API}{r.pk}/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"groups": ["This cannot change once the round is created."]}
    )


def test_rounds_cannot_be_deleted(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    response = login(tree.users.county_admin).delete(f"{API}{r.pk}/")
    assert (response.status_code, Round.objects.filter(pk=r.pk).count()) == (405, 1)


def test_subjects_lists_only_the_subjects_in_view(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1, tree.b2]).round
    data = login(tree.users.org_admin).get(f"{API}{r.pk}/subjects/").json()
    subject = RoundSubject.objects.get(round=r, organization=tree.b1)
    assert data == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [{"id": subject.pk, "label": "一号村党支部", "org_code": "T1B1", "org_name": "一号村党支部",
                     "member_code": None, "member_name": None, "role_title": ""}],
    }


def test_person_subject_names_the_member_and_post(tree, login, scheme):
    r = make_round(scheme, subjects=[tree.b1], open_=False).round
    domain.add_person_subjects(r, members=[tree.m1], role_title="支部书记", by=None)
    results = login(tree.users.county_admin).get(f"{API}{r.pk}/subjects/").json()["results"]
    assert [(s["label"], s["member_code"], s["role_title"]) for s in results] == [
        ("一号村党支部", None, ""), ("张三 (支部书记, 一号村党支部)", "M1", "支部书记"),
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_round_list_query_count(tree, login, scheme, django_assert_num_queries, count):
    for n in range(count):
        make_round(scheme, subjects=[tree.b1, tree.b2], name=f"轮次{n}")
    client = login(tree.users.org_admin)
    # session, user, roles, page count, page, groups with their voter groups
    with django_assert_num_queries(6):
        response = client.get(API)
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_subject_list_query_count(tree, login, scheme, django_assert_num_queries, count):
    orgs = [tree.b1, *(make_org(tree.t1) for _ in range(count - 1)), tree.b2]
    r = make_round(scheme, subjects=orgs).round
    MemberFactory(organization=tree.b1)
    client = login(tree.users.org_admin)
    # session, user, roles, round, its groups, page count, page
    with django_assert_num_queries(7):
        response = client.get(f"{API}{r.pk}/subjects/")
    assert response.json()["count"] == count


@pytest.mark.parametrize("path", ["rounds/", "rounds/{id}/", "rounds/{id}/results/", "schemes/", "ballots/"])
def test_options_describe_the_endpoint(tree, login, scheme, path):
    r = make_round(scheme, subjects=[tree.b1]).round
    response = login(tree.users.county_admin).options(f"/api/v1/evaluation/{path.format(id=r.pk)}")
    assert response.status_code == 200
