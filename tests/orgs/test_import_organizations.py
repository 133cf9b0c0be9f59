"""Importing the organisation tree: paths assigned in bulk, parents before children, no cycles."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pacesetter.core.models import AuditEntry
from pacesetter.orgs import domain
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import Organization, RoleAssignment

from .fixtures.spreadsheets import ORG_HEADER, org_row, problems, run

NO_PROBLEMS = ([], [], [], [], [])


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def tree_of(*codes):
    return list(Organization.objects.filter(code__in=codes).order_by("code").values_list("code", "path", "depth", "numchild"))


def test_new_organisations_get_the_next_free_steps_under_their_parents(tree):
    rows = [ORG_HEADER, org_row("T1B2", "二号支部", "T1"), org_row("T1B3", "三号支部", "T1"), org_row("T3", "三号镇党委", "C", level="党委")]
    result = run("organizations", rows)
    assert result.created == ["T1B2", "T1B3", "T3"]
    assert tree_of("T1", "T1B2", "T1B3", "T3", "C") == [
        ("C", "0001", 1, 3),
        ("T1", "00010001", 2, 3),
        ("T1B2", "000100010002", 3, 0),
        ("T1B3", "000100010003", 3, 0),
        ("T3", "00010003", 2, 0),
    ]
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_children_may_come_before_their_parents_in_the_file(tree):
    rows = [
        ORG_HEADER,
        org_row("X1A1", "甲村支部", "X1"),
        org_row("X1A", "甲总支", "X1", level="党总支"),
        org_row("X1A2", "乙村支部", "X1A"),
        org_row("X1", "新镇党委", "C", level="党委"),
    ]
    result = run("organizations", rows)
    assert result.created == ["X1A1", "X1A", "X1A2", "X1"]
    assert tree_of("X1", "X1A", "X1A1", "X1A2") == [
        ("X1", "00010003", 2, 2),
        ("X1A", "000100030002", 3, 1),
        ("X1A1", "000100030001", 3, 0),
        ("X1A2", "0001000300020001", 4, 0),
    ]
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_steps_continue_after_gaps_left_by_moves(tree):
    extra = domain.create_organization(parent=tree.t1, by=None, code="T1B2", name="b", level="branch", sector="village")
    domain.move_organization(tree.b1, new_parent=tree.t2, by=None)  # frees T1's step 0001, 0002 stays used
    run("organizations", [ORG_HEADER, org_row("T1B9", "新支部", "T1")])
    assert tree_of("T1B9", "T1B2") == [("T1B2", extra.path, 3, 0), ("T1B9", "000100010003", 3, 0)]
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_every_field_is_stored(tree):
    rows = [ORG_HEADER, org_row("S1", "实验学校党总支", "T1", level="党总支", sector="学校", township="一号镇",
                                secretary="李明", established="1998年9月1日")]
    run("organizations", rows)
    assert Organization.objects.values_list("name", "level", "sector", "township", "secretary", "established").get(
        code="S1"
    ) == ("实验学校党总支", "general_branch", "school", "一号镇", "李明", datetime.date(1998, 9, 1))


def test_the_system_may_add_a_top_organisation(tree):
    result = run("organizations", [ORG_HEADER, org_row("D", "另一个县委", "", level="党委", sector="机关")])
    assert (result.created, tree_of("D")) == (["D"], [("D", "0002", 1, 0)])
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_a_user_may_not_add_a_top_organisation(tree):
    result = run("organizations", [ORG_HEADER, org_row("D", "另一个县委", "", level="党委")], by=tree.users.county_admin)
    assert problems(result) == [
        (2, "上级组织编码", "",
         "Write the code of the organisation above it; only the system administrator can add a top organisation."),
    ]


def test_unknown_parent_is_refused(tree):
    assert problems(run("organizations", [ORG_HEADER, org_row("N1", "新支部", "NOPE")])) == [
        (2, "上级组织编码", "NOPE", "Unknown parent organisation code NOPE."),
    ]


def test_invisible_parent_reads_like_an_unknown_one(tree):
    result = run("organizations", [ORG_HEADER, org_row("N1", "新支部", "T2")], by=tree.users.org_admin)
    assert problems(result) == [(2, "上级组织编码", "T2", "Unknown parent organisation code T2.")]


def test_parent_outside_the_editable_subtree_is_refused(tree):
    RoleAssignment.objects.create(user=tree.users.org_admin, role=Role.MEMBER, organization=tree.t2)
    user = type(tree.users.org_admin).objects.get(pk=tree.users.org_admin.pk)
    result = run("organizations", [ORG_HEADER, org_row("N1", "新支部", "T2")], by=user)
    assert problems(result) == [(2, "上级组织编码", "T2", "You may not add organisations under T2.")]


def test_archived_parent_is_refused(tree):
    domain.dissolve_organization(tree.b2, by=None)
    result = run("organizations", [ORG_HEADER, org_row("N1", "新支部", "T2B1")])
    assert problems(result) == [(2, "上级组织编码", "T2B1", "Parent organisation T2B1 is archived (dissolved or merged).")]


def test_an_organisation_cannot_be_its_own_parent(tree):
    assert problems(run("organizations", [ORG_HEADER, org_row("N1", "新支部", "N1")])) == [
        (2, "上级组织编码", "N1", "An organisation cannot be its own parent."),
    ]


def test_parent_cycle_within_the_file_is_refused(tree):
    rows = [ORG_HEADER, org_row("A", "甲", "B"), org_row("B", "乙", "C2"), org_row("C2", "丙", "A")]
    result = run("organizations", rows)
    message = "The parent codes in this file go round in a circle: A → B → C2 → A."
    assert problems(result) == [
        (2, "上级组织编码", "B", message),
        (3, "上级组织编码", "C2", message),
        (4, "上级组织编码", "A", message),
    ]
    assert Organization.objects.count() == 5


def test_putting_an_organisation_under_its_own_descendant_is_refused(tree):
    result = run("organizations", [ORG_HEADER, org_row("T1", "一号镇党委", "T1B1", level="党委")])
    assert problems(result) == [
        (2, "上级组织编码", "T1B1",
         "T1 cannot be put under T1B1: that would place it inside its own sub-organisations (T1 → T1B1 → T1)."),
    ]


def test_cycle_through_several_existing_levels_is_shown_shortened(tree):
    result = run("organizations", [ORG_HEADER, org_row("C", "测试县委", "T1B1", level="党委", sector="机关")])
    assert problems(result)[0][3] == (
        "C cannot be put under T1B1: that would place it inside its own sub-organisations (C → T1B1 → … → C)."
    )


def test_cycle_through_new_rows_and_the_existing_tree_is_refused(tree):
    rows = [ORG_HEADER, org_row("T1", "一号镇党委", "N1", level="党委"), org_row("N1", "新支部", "T1B1")]
    result = run("organizations", rows)
    assert [p[:3] for p in problems(result)] == [(2, "上级组织编码", "N1"), (3, "上级组织编码", "T1B1")]
    assert problems(result)[0][3] == (
        "T1 cannot be put under N1: that would place it inside its own sub-organisations (T1 → N1 → T1B1 → T1)."
    )


def test_duplicate_codes_in_the_file_are_refused(tree):
    rows = [ORG_HEADER, org_row("N1", "甲", "T1"), org_row("N1", "乙", "T1")]
    assert problems(run("organizations", rows)) == [
        (3, "组织编码", "N1", "Code N1 appears more than once in this file (first in row 2)."),
    ]


def test_bad_level_and_sector_are_refused(tree):
    rows = [ORG_HEADER, org_row("N1", "甲", "T1", level="小组", sector="工厂")]
    assert problems(run("organizations", rows)) == [
        (2, "组织层级", "小组", "Unknown value 小组: use one of 党委、党总支、党支部."),
        (2, "组织类别", "工厂", "Unknown value 工厂: use one of 机关、学校、医疗卫生、非公企业、社会组织、农村、社区."),
    ]


def test_level_and_sector_may_be_english(tree):
    run("organizations", [ORG_HEADER, org_row("N1", "甲", "T1", level="general branch", sector="non-public enterprise")])
    assert Organization.objects.values_list("level", "sector").get(code="N1") == ("general_branch", "enterprise")


def test_over_long_name_is_refused(tree):
    assert problems(run("organizations", [ORG_HEADER, org_row("N1", "名" * 101, "T1")])) == [
        (2, "组织名称", "名" * 101, "Too long: at most 100 characters, this has 101."),
    ]


def test_updates_change_only_what_differs_and_reimport_changes_nothing(tree):
    rows = [ORG_HEADER, org_row("T1B1", "一号村党支部（新）", "T1", secretary="赵六")]
    result = run("organizations", rows)
    entry = AuditEntry.objects.order_by("-id").first()
    assert (result.updated, entry.action) == (["T1B1"], "orgs.import")
    assert entry.before == {"T1B1": {"name": "一号村党支部", "secretary": ""}}
    count = AuditEntry.objects.count()
    again = run("organizations", rows)
    assert (again.updated, again.unchanged, AuditEntry.objects.count()) == ([], 1, count)


def test_a_new_parent_in_the_file_moves_the_organisation(tree):
    result = run("organizations", [ORG_HEADER, org_row("T1B1", "一号村党支部", "T2", township="一号镇")])
    assert (result.moved, result.updated) == (["T1B1"], ["T1B1"])
    moved = Organization.objects.get(code="T1B1")
    assert (Organization.objects.get_parent(moved).code, moved.members.count()) == ("T2", 1)
    assert list(AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:2]) == ["orgs.import", "org.move"]
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_moves_and_new_children_in_one_file_keep_the_tree_sound(tree):
    rows = [
        ORG_HEADER,
        org_row("T1", "一号镇党委", "T2", level="党委", township=""),
        org_row("N1", "新支部", "T1"),
        org_row("N2", "新支部二", "N1"),
        org_row("T2B1", "二号村党支部", "N1", township="二号镇"),
    ]
    result = run("organizations", rows)
    assert (result.created, sorted(result.moved)) == (["N1", "N2"], ["T1", "T2B1"])
    ancestors = Organization.objects.get_ancestors(Organization.objects.get(code="T2B1"))
    assert [o.code for o in ancestors] == ["C", "T2", "T1", "N1"]
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_a_top_organisation_of_the_view_may_have_an_empty_parent(tree):
    result = run("organizations", [ORG_HEADER, org_row("T1", "一号镇党委", "", level="党委")], by=tree.users.org_admin)
    assert (result.ok, result.unchanged) == (True, 1)


def test_an_empty_parent_cannot_lift_an_organisation_to_the_top(tree):
    result = run("organizations", [ORG_HEADER, org_row("T1B1", "一号村党支部", "")], by=tree.users.org_admin)
    assert problems(result) == [
        (2, "上级组织编码", "",
         "T1B1 lies under T1; an import cannot make it a top organisation. Write its parent's code."),
    ]


def test_code_of_an_organisation_outside_the_view_cannot_be_taken(tree):
    result = run("organizations", [ORG_HEADER, org_row("T2B1", "冒名支部", "T1")], by=tree.users.org_admin)
    assert problems(result) == [
        (2, "组织编码", "T2B1", "This code is already in use by a record you cannot change; choose another code."),
    ]


def test_one_bad_row_writes_nothing(tree):
    rows = [ORG_HEADER, org_row("N1", "甲", "T1"), org_row("N2", "乙", "N1"), org_row("N3", "丙", "T1"),
            org_row("N4", "丁", "T1", established="2001-13-01")]
    result = run("organizations", rows)
    assert (len(result.errors), Organization.objects.count()) == (1, 5)


def test_dry_run_writes_nothing(tree):
    result = run("organizations", [ORG_HEADER, org_row("N1", "甲", "T1")], dry_run=True)
    assert (result.created, Organization.objects.filter(code="N1").exists()) == (["N1"], False)


def test_a_bigger_tree_stays_sound(tree):
    rows = [ORG_HEADER]
    for t in range(5):
        rows.append(org_row(f"X{t}", f"镇{t}", "C", level="党委"))
        for b in range(40):
            rows.append(org_row(f"X{t}B{b:02d}", f"支部{t}-{b}", f"X{t}"))
    rows.append(org_row("T1B2", "一号镇新支部", "T1"))
    result = run("organizations", rows)
    assert len(result.created) == 206
    assert Organization.objects.find_problems() == NO_PROBLEMS
    assert Organization.objects.get(code="C").numchild == 7


def _count_queries(rows, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        result = run("organizations", rows, **kwargs)
    assert result.ok, result.errors
    return len(queries)


def rows_of(prefix, n):
    return [ORG_HEADER, *(org_row(f"{prefix}{i:04d}", f"支部{i}", "T1") for i in range(n))]


@pytest.mark.parametrize("dry_run", [True, False])
def test_queries_do_not_grow_with_rows(tree, dry_run, django_assert_max_num_queries):
    user = tree.users.org_admin
    _count_queries(rows_of("W", 1), by=user, dry_run=dry_run)  # loads the user's roles once
    ten = _count_queries(rows_of("A", 10), by=user, dry_run=dry_run)
    with django_assert_max_num_queries(ten):
        hundred = _count_queries(rows_of("B", 100), by=user, dry_run=dry_run)
    assert hundred == ten
