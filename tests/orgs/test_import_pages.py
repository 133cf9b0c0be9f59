"""Import pages: who may import what, counts on success, the error table and its report."""
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from pacesetter.orgs.models import Leader, Member

from .fixtures.spreadsheets import LEADER_HEADER, MEMBER_HEADER, make_org_root, member_row, read_xlsx, xlsx_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so the assertions hold whatever the Chinese translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def upload_url(kind):
    return reverse("orgs:import-upload", kwargs={"kind": kind})


def upload(client, kind, rows, name="import.xlsx", **data):
    return client.post(upload_url(kind), {"file": SimpleUploadedFile(name, xlsx_bytes(rows)), **data})


@pytest.mark.parametrize(
    "role, index, members, leaders",
    [
        ("county_admin", 200, 200, 200),
        ("org_admin", 200, 200, 403),
        ("branch_admin", 200, 200, 403),
        ("leader", 403, 403, 403),
        ("inspector", 403, 403, 403),
        ("member", 403, 403, 403),
        ("affiliate", 403, 403, 403),
        ("nobody", 403, 403, 403),
    ],
)
def test_who_may_open_the_import_pages(tree, client, role, index, members, leaders):
    client.force_login(getattr(tree.users, role))
    assert [
        client.get(reverse("orgs:import")).status_code,
        client.get(upload_url("members")).status_code,
        client.get(upload_url("leaders")).status_code,
        client.get(reverse("orgs:import-template", kwargs={"kind": "members"})).status_code,
    ] == [index, members, leaders, members]


def test_anonymous_visitors_are_sent_to_log_in(tree, client):
    response = client.get(reverse("orgs:import"))
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={reverse('orgs:import')}")


def test_a_plain_member_cannot_post_a_file(tree, client):
    client.force_login(tree.users.member)
    assert upload(client, "members", [MEMBER_HEADER, member_row("N1")]).status_code == 403
    assert not Member.objects.filter(code="N1").exists()


def test_index_offers_the_kinds_the_user_may_import(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("orgs:import"))
    assert [item["kind"] for item in response.context["kinds"]] == ["organizations", "members"]


def test_upload_form_accepts_only_spreadsheets(tree, client):
    client.force_login(tree.users.org_admin)
    assert 'accept=".xlsx,.csv"' in client.get(upload_url("members")).content.decode()


def test_successful_upload_shows_the_counts(tree, client):
    client.force_login(tree.users.org_admin)
    response = upload(client, "members", [MEMBER_HEADER, member_row("N1"), member_row("N2"),
                                          member_row("M1", "张三", birth="1980-01-01")])
    result = response.context["result"]
    assert (response.status_code, result.created, result.updated, result.unchanged) == (200, ["N1", "N2"], [], 1)
    assert '<dd class="col-6 col-sm-9" id="count-created">2</dd>' in response.content.decode()


def test_upload_with_errors_shows_the_table_writes_nothing_and_offers_the_report(tree, client):
    client.force_login(tree.users.branch_admin)
    rows = [MEMBER_HEADER, member_row("N1"), member_row("N2", org="T2B1"), member_row("N3", gender="?")]
    response = upload(client, "members", rows)
    assert response.status_code == 200
    assert [(e.row, e.column, e.message) for e in response.context["errors"]] == [
        (3, "所在组织编码", "Unknown organisation code T2B1."),
        (4, "性别", "Unknown value ?: use one of 男、女."),
    ]
    assert response.context["error_count"] == 2
    assert not Member.objects.filter(code__in=["N1", "N2", "N3"]).exists()
    report = client.get(response.context["report_url"])
    assert (report.status_code, report["Content-Type"]) == (200, XLSX_TYPE)
    assert read_xlsx(b"".join(report.streaming_content)) == [
        ["row", "column", "value", "reason"],
        [3, "所在组织编码", "T2B1", "Unknown organisation code T2B1."],
        [4, "性别", "?", "Unknown value ?: use one of 男、女."],
    ]


def test_the_report_is_only_for_the_user_who_imported(tree, client):
    client.force_login(tree.users.branch_admin)
    url = upload(client, "members", [MEMBER_HEADER, member_row("N1", org="T2B1")]).context["report_url"]
    client.force_login(tree.users.org_admin)
    assert client.get(url).status_code == 404


def test_a_made_up_report_token_is_not_found(tree, client):
    client.force_login(tree.users.org_admin)
    assert client.get(reverse("orgs:import-report", kwargs={"token": "a" * 32})).status_code == 404


def test_only_the_first_200_errors_are_shown_with_the_total(tree, client):
    client.force_login(tree.users.county_admin)
    rows = [MEMBER_HEADER, *(member_row(f"N{i:03d}", gender="?") for i in range(250))]
    response = upload(client, "members", rows)
    assert (len(response.context["errors"]), response.context["error_count"]) == (200, 250)
    assert "The first 200 of 250 problems are shown; the report lists them all." in response.content.decode()


@override_settings(IMPORT_MAX_BYTES=1024)
def test_upload_over_the_size_limit_is_refused(tree, client):
    client.force_login(tree.users.county_admin)
    rows = [MEMBER_HEADER, *(member_row(f"N{i:03d}") for i in range(50))]
    response = upload(client, "members", rows)
    assert [e.message for e in response.context["errors"]][0].startswith("The file is ")
    assert not Member.objects.filter(code="N001").exists()


def test_upload_of_the_wrong_file_type_is_refused(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(upload_url("members"), {"file": SimpleUploadedFile("virus.xlsx", b"MZ\x90\x00" * 50)})
    assert [e.message for e in response.context["errors"]] == [
        "This file is not an Excel workbook (.xlsx), whatever its name says."
    ]


def test_upload_without_a_file_is_a_form_error(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(upload_url("members"), {})
    assert (response.status_code, response.context["form"].errors["file"]) == (400, ["This field is required."])


def test_dry_run_from_the_page_writes_nothing(tree, client):
    client.force_login(tree.users.county_admin)
    response = upload(client, "members", [MEMBER_HEADER, member_row("N1")], dry_run="on")
    assert (response.context["result"].created, Member.objects.filter(code="N1").exists()) == (["N1"], False)


def test_leaders_join_the_chosen_top_organisation_when_there_are_several(tree, client):
    other = make_org_root("D")
    client.force_login(tree.users.county_admin)
    tree.users.county_admin.is_superuser = True
    tree.users.county_admin.save(update_fields=["is_superuser"])
    form = client.get(upload_url("leaders")).context["form"]
    assert list(form.fields["organization"].queryset) == [tree.county, other]
    response = upload(client, "leaders", [LEADER_HEADER, ["L2", "李", "", ""]], organization=other.pk)
    assert (response.context["result"].created, Leader.objects.get(code="L2").organization) == (["L2"], other)


def test_template_download(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("orgs:import-template", kwargs={"kind": "organizations"}))
    assert (response.status_code, response["Content-Type"]) == (200, XLSX_TYPE)
    assert response["Content-Disposition"] == 'attachment; filename="template-organizations.xlsx"'
    assert read_xlsx(response.content)[0][:3] == ["组织编码 (code)", "组织名称 (name)", "上级组织编码 (parent_code)"]
