import csv
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from pacesetter.nonpublic import xlsx
from pacesetter.nonpublic.importing import import_entities
from pacesetter.nonpublic.models import NonpublicEntity
from pacesetter.orgs.importing.reading import ImportFileError

from .world import code

pytestmark = pytest.mark.django_db
HEADER = ["名称", "统一社会信用代码", "类型", "行业", "乡镇", "从业人员", "党员数", "党组织状态", "覆盖党组织代码",
          "党建指导员编号", "登记日期"]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv(rows, encoding="gb18030") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue().encode(encoding)


def test_import_xlsx_registers_every_row(tree):
    outcome = import_entities(_xlsx([
        ["鑫达机械制造有限公司", code(1), "非公企业", "C", "一号镇", 50, 3, "未建", "", "M1", "2025-03-01"],
        ["二号镇商会", code(2), "社会组织", "S", "二号镇", 12, 4, "单独建", "T2B1", "", ""],
    ]), "两新组织.xlsx", by=tree.users.county_admin)
    assert (outcome.created, outcome.errors) == (2, [])
    assert list(NonpublicEntity.objects.order_by("name").values_list("name", "status", "covering__code")) == [
        ("二号镇商会", "own", "T2B1"), ("鑫达机械制造有限公司", "none", None)]


def test_import_csv_in_gbk_as_wps_saves_it(tree):
    outcome = import_entities(_csv([["鑫达机械制造有限公司", code(1), "企业", "制造业", "一号镇", "50", "3", "未建",
                                     "", "", ""]]), "list.csv", by=tree.users.county_admin)
    assert (outcome.created, NonpublicEntity.objects.get().industry) == (1, "C")


def test_import_names_every_bad_row_and_keeps_nothing(tree):
    bad = code(2)[:17] + ("0" if code(2)[17] != "0" else "1")
    with translation.override("en"):
        outcome = import_entities(_xlsx([
            ["鑫达机械制造有限公司", code(1), "非公企业", "C", "一号镇", 50, 3, "未建", "", "", ""],
            ["坏代码公司", bad, "非公企业", "C", "一号镇", 5, 0, "未建", "", "", ""],
            ["无此乡镇公司", code(3), "非公企业", "C", "三号镇", 5, 0, "未建", "", "", ""],
            ["重复公司", code(1), "非公企业", "C", "一号镇", 5, 0, "未建", "", "", ""],
        ]), "x.xlsx", by=tree.users.county_admin)
    assert [(e.row, e.message.split(":")[0]) for e in outcome.errors] == [
        (3, "The check character of this unified social credit code is wrong"), (4, "No township “三号镇”."),
        (5, f"An entity with the credit code {code(1)} is already registered.")]
    assert (outcome.created, NonpublicEntity.objects.count()) == (0, 0)


def test_import_refuses_rows_outside_the_admins_organisations(tree):
    outcome = import_entities(_xlsx([["二号镇企业", code(1), "非公企业", "C", "二号镇", 5, 0, "未建", "", "", ""]]),
                              "x.xlsx", by=tree.users.org_admin)
    assert ([e.row for e in outcome.errors], NonpublicEntity.objects.count()) == ([2], 0)


def test_import_refuses_a_file_without_the_columns(tree):
    with translation.override("en"), pytest.raises(ImportFileError) as caught:
        import_entities("名称,行业\n甲,C\n".encode(), "x.csv", by=tree.users.county_admin)
    assert caught.value.messages == ["The first row lacks the columns 统一社会信用代码、类型、乡镇、从业人员、党员数、党组织状态."]


def test_import_refuses_a_renamed_file(tree):
    with pytest.raises(ImportFileError):
        import_entities(b"just text, not a workbook", "x.xlsx", by=tree.users.county_admin)


def test_import_template_reads_back_as_one_valid_row(tree):
    outcome = import_entities(xlsx.import_template(), "template.xlsx", by=tree.users.county_admin)
    assert (outcome.created, outcome.errors) == (1, [])
