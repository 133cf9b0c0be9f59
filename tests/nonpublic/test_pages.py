import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from pacesetter.nonpublic.enums import PartyStatus
from pacesetter.nonpublic.models import NonpublicEntity

from .world import entity, world

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _get(client, user, url, **params):
    client.force_login(user)
    with translation.override("en"):
        return client.get(url, params, **EN)


def _names(response) -> list[str]:
    return [e.name for e, _result in response.context["rows"]]


def test_list_shows_what_the_township_admin_sees(client, tree):
    world(tree)
    response = _get(client, tree.users.org_admin, reverse("nonpublic:entity-list"))
    assert _names(response) == ["鑫达机械制造有限公司", "二号镇商会"]


def test_list_filters_by_status_and_township(client, tree):
    world(tree)
    response = _get(client, tree.users.county_admin, reverse("nonpublic:entity-list"), status="none",
                    township=tree.t1.pk)
    assert _names(response) == ["鑫达机械制造有限公司"]


def test_list_filters_overdue_plans(client, tree):
    made = world(tree)
    made.plan_in.target_date = timezone.localdate() - datetime.timedelta(days=1)
    made.plan_in.save(update_fields=["target_date"])
    response = _get(client, tree.users.county_admin, reverse("nonpublic:entity-list"), plan="overdue")
    assert (_names(response), "plan overdue" in response.content.decode()) == (["鑫达机械制造有限公司"], True)


def test_list_is_empty_for_members(client, tree):
    world(tree)
    assert _names(_get(client, tree.users.member, reverse("nonpublic:entity-list"))) == []


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow(client, tree, django_assert_num_queries, count):
    for n in range(count):
        entity(tree, n + 1, status=PartyStatus.OWN, covering=tree.b1)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(9):
        client.get(reverse("nonpublic:entity-list"))


@pytest.mark.parametrize("count", [1, 3])
def test_coverage_queries_do_not_grow(client, tree, django_assert_num_queries, count):
    for n in range(count):
        entity(tree, n + 1, township=tree.t1 if n % 2 else tree.t2)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(11):
        client.get(reverse("nonpublic:coverage"))


@pytest.mark.parametrize("count", [1, 3])
def test_plan_list_queries_do_not_grow(client, tree, django_assert_num_queries, count):
    from pacesetter.nonpublic import domain

    for n in range(count):
        domain.create_plan(entity(tree, n + 1), by=tree.users.county_admin, target_date=timezone.localdate(),
                           instructor=tree.m1, steps="走访")
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(7):
        client.get(reverse("nonpublic:plan-list"))


@pytest.mark.parametrize("count", [1, 3])
def test_checklist_list_queries_do_not_grow(client, tree, django_assert_num_queries, count):
    orgs = [tree.b1, tree.b2, tree.t1]
    for n in range(count):
        entity(tree, n + 1, status=PartyStatus.OWN, covering=orgs[n])
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(8):
        client.get(reverse("nonpublic:checklist-list"))


def test_coverage_page_figures(client, tree):
    world(tree)
    response = _get(client, tree.users.county_admin, reverse("nonpublic:coverage"))
    total = response.context["total"]
    assert (total.entities, total.covered, total.employees, total.covered_employees) == (3, 2, 100, 50)
    assert response.context["township_chart"]["entities"] == [0.0, 100.0]
    assert [e.name for e in response.context["page"].object_list] == ["鑫达机械制造有限公司"]


def test_coverage_export_has_the_township_rows(client, tree):
    world(tree)
    response = _get(client, tree.users.county_admin, reverse("nonpublic:coverage-export"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [tuple(row) for row in sheet.iter_rows(min_row=2, max_col=3, values_only=True)] == [
        ("一号镇", 1, 0), ("二号镇", 2, 2)]


def test_entity_export_lists_the_filtered_entities(client, tree):
    world(tree)
    response = _get(client, tree.users.county_admin, reverse("nonpublic:entity-export"), kind="social")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [row[:2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("二号镇商会", NonpublicEntity.objects.get(name="二号镇商会").credit_code)]


def test_register_page_saves_an_entity(client, tree):
    client.force_login(tree.users.org_admin)
    response = client.post(reverse("nonpublic:entity-register"), {
        "kind": "enterprise", "name": "鑫源纺织有限公司", "credit_code": "91341122ma0000009l", "industry": "C",
        "township": tree.t1.pk, "employees": 40, "party_members": 2, "instructor": "M1", "status": "none",
        "covering": "", "registered_on": timezone.localdate().isoformat()})
    made = NonpublicEntity.objects.get()
    assert (response.status_code, response.url, made.credit_code, made.instructor) == (
        302, made.get_absolute_url(), "91341122MA0000009L", tree.m1)


def test_register_page_names_a_bad_check_character(client, tree):
    client.force_login(tree.users.county_admin)
    with translation.override("en"):
        response = client.post(reverse("nonpublic:entity-register"), {
            "kind": "enterprise", "name": "甲", "credit_code": "91341122MA0000009A", "industry": "C",
            "township": tree.t1.pk, "employees": 4, "party_members": 0, "status": "none",
            "registered_on": timezone.localdate().isoformat()}, **EN)
    assert (response.status_code, response.context["form"].errors["credit_code"]) == (400, [
        ("The check character of this unified social credit code is wrong: the first 17 characters give “L”, "
        "not “A”. Check the code for a typing error.")])


def test_detail_shows_the_history(client, tree):
    made = world(tree)
    response = _get(client, tree.users.county_admin, reverse("nonpublic:entity-detail", args=[made.e_in.pk]))
    assert ([p.status for p in response.context["periods"]], [p.pk for p in response.context["plans"]]) == (
        ["none"], [made.plan_in.pk])


def test_checklist_records_a_check_with_evidence(client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .world import PDF

    made = world(tree)
    client.force_login(tree.users.branch_admin)
    url = reverse("nonpublic:check-record", args=[tree.b1.pk, made.item.pk])
    response = client.post(url, {f"i{made.item.pk}-met": "on", f"i{made.item.pk}-note": "书记已到位",
                                 f"i{made.item.pk}-evidence": SimpleUploadedFile("任命文件.pdf", PDF)})
    check = made.item.checks.get()
    assert (response.status_code, check.met, check.note, [e.original_name for e in check.evidence.all()]) == (
        302, True, "书记已到位", ["任命文件.pdf"])


def test_checklist_refuses_a_file_that_is_not_what_it_says(client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    made = world(tree)
    client.force_login(tree.users.county_admin)
    url = reverse("nonpublic:check-record", args=[tree.b1.pk, made.item.pk])
    response = client.post(url, {f"i{made.item.pk}-met": "on",
                                 f"i{made.item.pk}-evidence": SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a photo")})
    assert (response.status_code, made.item.checks.count()) == (400, 0)
