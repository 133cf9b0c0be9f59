"""The .xlsx export of a released round: the subjects the user sees, exact figures, their cells."""
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from pacesetter.evaluation.models import SubjectResult

from .test_results_pages import _one_ballot_each, released_round

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUBJECT_HEADER = (
    "County-wide rank", "Subject", "Organisation code", "Peer group", "Rank in peer group", "Ranked in peer group",
    "Composite score", "Good share", "Good share, lower bound (95%)", "Good share, upper bound (95%)", "Ballots",
    "Open-survey ballots (less trusted)", "Open-survey composite score (less trusted)", "Grade",
    "Insufficient sample", "Dissatisfied share", "Flagged for dissatisfaction",
)
CELL_HEADER = (
    "Subject", "Organisation code", "Voter group", "Indicator", "Channel", "Answers", "Options, best first",
    "Option 1", "Option 2", "Option 3", "Option 4", "Option 5", "Mean points", "Good share",
    "Good share, lower bound (95%)", "Good share, upper bound (95%)", "Dissatisfied share",
)
ROW_B1 = (1, "一号村党支部", "T1B1", "village · branch", 1, 2, 77.0, 0.625, pytest.approx(0.2194265), pytest.approx(0.9081008),
          4, 0, None, "good", "no", 0.125, "no")
ROW_B2 = (2, "二号村党支部", "T2B1", "village · branch", 2, 2, 49.333333, pytest.approx(1 / 3), pytest.approx(0.0614919),
          pytest.approx(0.7923404), 3, 0, None, "lagging", "no", pytest.approx(4 / 6), "yes")
ROW_T1 = (None, "一号镇党委", "T1", "village · party committee", None, None, 100.0, 1.0, pytest.approx(0.2065493), 1.0,
          1, 0, None, None, "yes", 0.0, "no")
GRADE4, SATISFACTION3 = "excellent / good / fair / poor", "satisfied / fairly satisfied / dissatisfied"


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def released(tree):
    return released_round(tree)


def export(client, user, round_, query=""):
    client.force_login(user)
    return client.get(reverse("evaluation:results_export", kwargs={"pk": round_.pk}) + query)


def sheets(response):
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_export_is_an_xlsx_attachment_named_for_the_round(client, tree, released):
    round_, _subjects = released
    response = export(client, tree.users.county_admin, round_)
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        XLSX_TYPE, f'attachment; filename="results-{round_.pk}-{timezone.localdate():%Y%m%d}.xlsx"',
    )


def test_export_sheets_are_subjects_and_indicators(client, tree, released):
    round_, _subjects = released
    assert list(sheets(export(client, tree.users.county_admin, round_))) == ["Subjects", "Indicators"]


def test_export_lists_every_subject_for_the_county_admin_with_exact_figures(client, tree, released):
    round_, _subjects = released
    assert sheets(export(client, tree.users.county_admin, round_))["Subjects"] == [
        SUBJECT_HEADER, ROW_B1, ROW_B2, ROW_T1,
    ]


def test_export_lists_only_the_subjects_the_user_sees(client, tree, released):
    round_, _subjects = released
    assert sheets(export(client, tree.users.org_admin, round_))["Subjects"] == [SUBJECT_HEADER, ROW_B1, ROW_T1]


def test_export_applies_the_page_filters_and_order(client, tree, released):
    round_, _subjects = released
    rows = sheets(export(client, tree.users.county_admin, round_, "?sector=village&sort=composite"))["Subjects"]
    assert [row[1] for row in rows[1:]] == ["一号镇党委", "一号村党支部", "二号村党支部"]


def test_export_cells_of_the_visible_subjects(client, tree, released):
    round_, _subjects = released
    rows = sheets(export(client, tree.users.org_admin, round_))["Indicators"]
    assert rows == [
        CELL_HEADER,
        ("一号村党支部", "T1B1", "party members", "政治引领", "trusted", 2, GRADE4, 1, 1, 0, 0, None, 90.0, 1.0,
         pytest.approx(0.3423802), 1.0, 0.0),
        ("一号村党支部", "T1B1", "party members", "服务群众", "trusted", 2, SATISFACTION3, 1, 1, 0, None, None, 80.0, 1.0,
         pytest.approx(0.3423802), 1.0, 0.0),
        ("一号村党支部", "T1B1", "the public", "政治引领", "trusted", 2, GRADE4, 0, 0, 2, 0, None, 60.0, 0.0, 0.0,
         pytest.approx(0.6576198), 0.0),
        ("一号村党支部", "T1B1", "the public", "服务群众", "trusted", 2, SATISFACTION3, 1, 0, 1, None, None, 50.0, 0.5,
         pytest.approx(0.0945312), pytest.approx(0.9054688), 0.5),
        ("一号镇党委", "T1", "party members", "政治引领", "trusted", 1, GRADE4, 1, 0, 0, 0, None, 100.0, 1.0,
         pytest.approx(0.2065493), 1.0, 0.0),
        ("一号镇党委", "T1", "party members", "服务群众", "trusted", 1, SATISFACTION3, 1, 0, 0, None, None, 100.0, 1.0,
         pytest.approx(0.2065493), 1.0, 0.0),
    ]


def test_export_marks_open_survey_figures_as_less_trusted(client, tree, released):
    round_, subjects = released
    SubjectResult.objects.filter(subject=subjects["b1"]).update(open_n=12, open_composite=64.5)
    row = sheets(export(client, tree.users.county_admin, round_))["Subjects"][1]
    assert (SUBJECT_HEADER[11:13], row[11:13]) == (
        ("Open-survey ballots (less trusted)", "Open-survey composite score (less trusted)"), (12, 64.5),
    )


def test_export_headers_are_translated_strings(client, tree, released, settings):
    """Headers go through gettext: with a language active, the workbook carries its words."""
    round_, _subjects = released
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    with translation.override("zh-hans"):
        title, expected = translation.gettext("Subjects"), (translation.gettext("County-wide rank"),
                                                             translation.gettext("Subject"))
    assert sheets(export(client, tree.users.county_admin, round_))[title][0][:2] == expected


def test_export_of_a_closed_round_is_refused(client, tree):
    round_, _subjects = released_round(tree, release=False)
    statuses = [export(client, getattr(tree.users, role), round_).status_code for role in ("county_admin", "leader")]
    assert statuses == [403, 404]


@pytest.mark.parametrize("codes", [("b1",), ("b1", "b2", "t1")])
def test_export_query_count_is_constant(client, tree, django_assert_num_queries, codes):
    round_, _subjects = released_round(tree, _one_ballot_each(codes))
    client.force_login(tree.users.county_admin)
    # The cells: voter groups, indicators, then the packed cells of every subject.
    with django_assert_num_queries(12):
        assert client.get(reverse("evaluation:results_export", kwargs={"pk": round_.pk})).status_code == 200
