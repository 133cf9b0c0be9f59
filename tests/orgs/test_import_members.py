"""Importing party members: all or nothing, matched by code, inside the importer's subtree."""
import datetime
import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pacesetter.core.errors import PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.orgs import domain
from pacesetter.orgs.enums import Role
from pacesetter.orgs.importing import import_file, import_members
from pacesetter.orgs.importing.reading import Sheet
from pacesetter.orgs.models import Member, RoleAssignment

from .fixtures.spreadsheets import MEMBER_HEADER, member_row, problems, run, xlsx_bytes


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def member_values(code):
    return Member.objects.values_list(
        "name", "gender", "birth_date", "join_date", "status", "education", "organization__code",
        "position", "is_rural", "phone",
    ).get(code=code)


def test_new_members_are_created_with_every_field(tree):
    row = member_row("N1", "王五", gender="女", birth="1985-03-02", joined="2010-07-01", status="预备党员",
                     education="大专", position="宣传委员", rural="是", phone="13912345678")
    result = run("members", [MEMBER_HEADER, row])
    assert (result.created, result.updated, result.unchanged) == (["N1"], [], 0)
    assert member_values("N1") == (
        "王五", "F", datetime.date(1985, 3, 2), datetime.date(2010, 7, 1), "probationary", "大专", "T1B1",
        "宣传委员", True, "13912345678",
    )


def test_one_bad_row_writes_nothing(tree):
    rows = [MEMBER_HEADER, member_row("N1"), member_row("N2"), member_row("N3", birth="1980-02-30"), member_row("N4")]
    before = Member.objects.count()
    result = run("members", rows)
    assert problems(result) == [(4, "出生日期", "1980-02-30", "No such day: 1980-02-30.")]
    assert (Member.objects.count(), result.created) == (before, [])


def test_every_error_is_reported_not_only_the_first(tree):
    rows = [
        MEMBER_HEADER,
        member_row("N1", gender="男的"),
        member_row("N2", "", phone="12345"),
        member_row("N3", org="NOPE", joined="明年"),
    ]
    assert problems(run("members", rows)) == [
        (2, "性别", "男的", "Unknown value 男的: use one of 男、女."),
        (3, "姓名", "", "This value is required."),
        (3, "手机号码", "12345", "Not a phone number: enter an 11-digit mobile number or a landline such as 0791-8888888."),
        (4, "入党日期", "明年", "Not a date: 明年. Write it like 2001-07-01, 2001/7/1, 2001.7.1 or 2001年7月1日."),
        (4, "所在组织编码", "NOPE", "Unknown organisation code NOPE."),
    ]


def test_duplicate_codes_in_the_file_are_refused(tree):
    rows = [MEMBER_HEADER, member_row("N1"), member_row("N2"), member_row("N1", "又一个")]
    assert problems(run("members", rows)) == [
        (4, "党员编号", "N1", "Code N1 appears more than once in this file (first in row 2)."),
    ]


def test_over_long_text_names_the_maximum(tree):
    rows = [MEMBER_HEADER, member_row("N1", "名" * 51)]
    assert problems(run("members", rows)) == [(2, "姓名", "名" * 51, "Too long: at most 50 characters, this has 51.")]


def test_missing_required_values_are_reported(tree):
    rows = [MEMBER_HEADER, member_row("", status="", org="")]
    assert problems(run("members", rows)) == [
        (2, "党员编号", "", "This value is required."),
        (2, "党员类型", "", "This value is required."),
        (2, "所在组织编码", "", "This value is required."),
    ]


def test_bad_enum_values_list_the_choices(tree):
    rows = [MEMBER_HEADER, member_row("N1", status="积极分子")]
    assert problems(run("members", rows)) == [
        (2, "党员类型", "积极分子", "Unknown value 积极分子: use one of 正式党员、预备党员."),
    ]


def test_enum_values_may_be_english_labels_or_stored_values(tree):
    rows = [MEMBER_HEADER, member_row("N1", gender="female", status="probationary member"),
            member_row("N2", gender="M", status="formal")]
    run("members", rows)
    assert list(Member.objects.filter(code__in=["N1", "N2"]).order_by("code").values_list("gender", "status")) == [
        ("F", "probationary"), ("M", "formal"),
    ]


def test_bad_phone_is_refused(tree):
    rows = [MEMBER_HEADER, member_row("N1", phone="138-0000")]
    assert problems(run("members", rows)) == [
        (2, "手机号码", "138-0000", "Not a phone number: enter an 11-digit mobile number or a landline such as 0791-8888888."),
    ]


def test_masked_phone_is_refused_per_row(tree):
    rows = [MEMBER_HEADER, member_row("M1", phone="138****1234"), member_row("N2", phone="139****0000")]
    assert problems(run("members", rows)) == [
        (2, "手机号码", "138****1234", "This phone number is masked (contains '*'): enter the full number."),
        (3, "手机号码", "139****0000", "This phone number is masked (contains '*'): enter the full number."),
    ]


def test_messy_cells_from_a_real_workbook_import_cleanly(tree):
    """Dates in every form, real Excel dates, numbers for codes and phones, odd spaces, blank rows."""
    rows = [
        MEMBER_HEADER,
        [1001.0, "\u3000王一\u3000", " 男 ", "2001-07-01", "2001/7/1", "正式党员", " 大学本科", "T1B1", "", "否", 13800001234],
        [1002, "王二", "女", "2001.7.1", "2001年7月1日", "预备党员", "", " T1B1\u3000", None, "是", 13800001235.0],
        [1003, "王三", "男", datetime.date(2001, 7, 1), datetime.datetime(2001, 7, 1, 0, 0), "正式党员", None, "T1B1",
         None, None, "13800001236"],
        [None] * 11,
        [1004, "王四", "男", 37073, "20010701", "正式党员", None, "T1B1", None, None, None],
        [None] * 11,
        ["", "  ", "\u3000", None, None, None, None, None, None, None, None],
    ]
    result = run("members", rows)
    assert (result.ok, result.created) == (True, ["1001", "1002", "1003", "1004"])
    july_first = datetime.date(2001, 7, 1)
    assert member_values("1001") == ("王一", "M", july_first, july_first, "formal", "大学本科", "T1B1", "", False, "13800001234")
    assert member_values("1002") == ("王二", "F", july_first, july_first, "probationary", "", "T1B1", "", True, "13800001235")
    assert member_values("1003") == ("王三", "M", july_first, july_first, "formal", "", "T1B1", "", False, "13800001236")
    assert member_values("1004") == ("王四", "M", july_first, july_first, "formal", "", "T1B1", "", False, "")


def test_errors_point_at_spreadsheet_rows_past_blank_rows(tree):
    rows = [MEMBER_HEADER, member_row("N1"), [None] * 11, member_row("N2", gender="?")]
    assert problems(run("members", rows)) == [(4, "性别", "?", "Unknown value ?: use one of 男、女.")]


def test_reimporting_the_same_file_changes_nothing_and_records_nothing(tree):
    rows = [MEMBER_HEADER, member_row("N1"), member_row("N2")]
    run("members", rows)
    entries = AuditEntry.objects.count()
    stamps = list(Member.objects.order_by("code").values_list("updated_at", flat=True))
    again = run("members", rows)
    assert (again.created, again.updated, again.unchanged) == ([], [], 2)
    assert AuditEntry.objects.count() == entries
    assert list(Member.objects.order_by("code").values_list("updated_at", flat=True)) == stamps


def test_one_audit_entry_per_import_with_hash_counts_and_codes(tree):
    data = xlsx_bytes([MEMBER_HEADER, member_row("N1"), member_row("M1", "张三", phone="13900000000")])
    before = AuditEntry.objects.count()
    result = import_file("members", data, "members.xlsx", by=tree.users.org_admin)
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.actor_name, entry.object_type, entry.object_repr) == (
        "members.import", "township1", "orgs.member", "members.xlsx",
    )
    assert entry.after["sha256"] == result.sha256 == hashlib.sha256(data).hexdigest()
    assert (entry.after["created"], entry.after["updated"], entry.after["unchanged"]) == (1, 1, 0)
    assert (entry.after["created_codes"], entry.after["updated_codes"]) == (["N1"], ["M1"])
    assert entry.before == {"M1": {"birth_date": "1980-01-01", "phone": "13800001234"}}


def test_update_writes_only_changed_fields_and_audits_them(tree):
    row = member_row("M1", "张三", birth="1980-01-01", joined="2005-07-01", phone="13900000000")
    result = run("members", [MEMBER_HEADER, row], by=tree.users.org_admin)
    entry = AuditEntry.objects.order_by("-id").first()
    assert (result.created, result.updated) == ([], ["M1"])
    assert entry.before == {"M1": {"phone": "13800001234"}}
    assert entry.after["changes"] == {"M1": {"phone": "13900000000"}}
    assert Member.objects.get(code="M1").phone == "13900000000"


def test_member_moves_to_the_organisation_in_the_file(tree):
    row = member_row("M1", "张三", birth="1980-01-01", org="T1")
    result = run("members", [MEMBER_HEADER, row], by=tree.users.org_admin)
    assert (result.updated, Member.objects.get(code="M1").organization.code) == (["M1"], "T1")


def test_absent_optional_columns_leave_existing_values_alone(tree):
    header = ["党员编号", "姓名", "性别", "党员类型", "所在组织编码"]
    result = run("members", [header, ["M1", "张三", "男", "正式党员", "T1B1"]])
    assert (result.unchanged, Member.objects.get(code="M1").phone) == (1, "13800001234")


def test_dry_run_checks_and_writes_nothing(tree):
    result = run("members", [MEMBER_HEADER, member_row("N1")], dry_run=True)
    assert (result.ok, result.dry_run, result.created) == (True, True, ["N1"])
    assert not Member.objects.filter(code="N1").exists()


def test_branch_admin_cannot_add_members_to_another_township(tree):
    rows = [MEMBER_HEADER, member_row("N1", org="T2B1"), member_row("N2", org="T1B1")]
    result = run("members", rows, by=tree.users.branch_admin)
    assert problems(result) == [(2, "所在组织编码", "T2B1", "Unknown organisation code T2B1.")]
    assert not Member.objects.filter(code__in=["N1", "N2"]).exists()


def test_invisible_organisation_reads_exactly_like_a_missing_one(tree):
    invisible = problems(run("members", [MEMBER_HEADER, member_row("N1", org="T2B1")], by=tree.users.branch_admin))
    missing = problems(run("members", [MEMBER_HEADER, member_row("N1", org="T9B9")], by=tree.users.branch_admin))
    assert [p[3].replace("T2B1", "X") for p in invisible] == [p[3].replace("T9B9", "X") for p in missing]


def test_code_of_a_member_outside_the_view_cannot_be_taken(tree):
    result = run("members", [MEMBER_HEADER, member_row("M2", "李四", org="T1B1")], by=tree.users.branch_admin)
    assert problems(result) == [
        (2, "党员编号", "M2", "This code is already in use by a record you cannot change; choose another code."),
    ]
    assert Member.objects.get(code="M2").organization == tree.b2


def test_visible_but_not_editable_members_stay_unchanged_or_are_refused(tree):
    """An organisation admin who is also a plain member elsewhere sees that subtree but may not change it."""
    RoleAssignment.objects.create(user=tree.users.org_admin, role=Role.MEMBER, organization=tree.t2)
    user = type(tree.users.org_admin).objects.get(pk=tree.users.org_admin.pk)
    same = member_row("M2", "李四", org="T2B1", birth="1980-01-01")
    changed = member_row("M2", "李四四", org="T2B1", birth="1980-01-01")
    assert run("members", [MEMBER_HEADER, same], by=user).unchanged == 1
    assert problems(run("members", [MEMBER_HEADER, changed], by=user)) == [
        (2, "党员编号", "M2", "You may not change this record."),
    ]
    assert problems(run("members", [MEMBER_HEADER, member_row("N1", org="T2B1")], by=user)) == [
        (2, "所在组织编码", "T2B1", "You may not add or change members of organisation T2B1."),
    ]


def test_members_cannot_be_added_to_an_archived_organisation(tree):
    domain.dissolve_organization(tree.b2, by=None)
    result = run("members", [MEMBER_HEADER, member_row("N1", org="T2B1")])
    assert problems(result) == [
        (2, "所在组织编码", "T2B1",
         "Organisation T2B1 is archived (dissolved or merged); members cannot be added to it."),
    ]


def test_members_of_an_archived_organisation_may_stay_there(tree):
    domain.dissolve_organization(tree.b2, by=None)
    result = run("members", [MEMBER_HEADER, member_row("M2", "李四", org="T2B1", birth="1980-01-01")])
    assert (result.ok, result.unchanged) == (True, 1)


def test_a_plain_member_may_not_import(tree):
    sheet = Sheet("m.xlsx", "0" * 64, ".xlsx", [MEMBER_HEADER, member_row("N1")])
    with pytest.raises(PermissionDeniedError):
        import_members(sheet, by=tree.users.member)


def _count_queries(rows, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        result = run("members", rows, **kwargs)
    assert result.ok, result.errors
    return len(queries)


def rows_of(prefix, n):
    return [MEMBER_HEADER, *(member_row(f"{prefix}{i:04d}") for i in range(n))]


@pytest.mark.parametrize("dry_run", [True, False])
def test_queries_do_not_grow_with_rows(tree, dry_run, django_assert_max_num_queries):
    user = tree.users.org_admin
    _count_queries(rows_of("W", 1), by=user, dry_run=dry_run)  # loads the user's roles once
    ten = _count_queries(rows_of("A", 10), by=user, dry_run=dry_run)
    with django_assert_max_num_queries(ten):
        hundred = _count_queries(rows_of("B", 100), by=user, dry_run=dry_run)
    assert hundred == ten


def test_plain_rows_can_be_imported_without_a_file(tree):
    result = import_members([MEMBER_HEADER, member_row("N1")], by=None)
    assert (result.created, len(result.sha256)) == (["N1"], 64)
