"""The escalation ladder's page and the county admins' form that replaces it."""
import pytest
from django.conf import settings

from pacesetter.accountability.models import EscalationStep
from pacesetter.core.models import AuditEntry


def signed_in(client, user):
    """Logged in, reading the pages in English."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def in_force():
    return list(EscalationStep.objects.filter(is_active=True).order_by("days_late").values_list("days_late", "action"))


def ladder_post(*rows, total=None):
    data = {"steps-TOTAL_FORMS": str(total if total is not None else len(rows)), "steps-INITIAL_FORMS": "0"}
    for n, (days, action) in enumerate(rows):
        data[f"steps-{n}-days_late"], data[f"steps-{n}-action"] = days, action
    return data


def test_ladder_page_shows_the_default_steps(client, tree):
    response = signed_in(client, tree.users.leader).get("/accountability/ladder/")
    html = response.content.decode()
    assert ([(s.days_late, s.action) for s in response.context["steps"]],
            html.count('class="list-group-item d-flex align-items-center gap-3 ladder-step'),
            "Accountability case opened for the inspectors" in html) == (
        [(7, "reminder"), (15, "supervision"), (30, "case")], 3, True)


def test_ladder_page_shows_the_schedule_rule(client, tree):
    html = signed_in(client, tree.users.org_admin).get("/accountability/ladder/").content.decode()
    assert ("Behind: a milestone overdue, or reported progress 10 points or more below planned." in html,
            html.count("<li>", html.index('id="schedule-rule"'), html.index("</ul>", html.index('id="schedule-rule"'))
                       )) == (True, 4)


def test_ladder_page_offers_the_change_to_county_admins_only(client, tree):
    admin = signed_in(client, tree.users.county_admin).get("/accountability/ladder/").content.decode()
    client.force_login(tree.users.inspector)
    other = client.get("/accountability/ladder/").content.decode()
    assert ('id="ladder-edit-link"' in admin, 'id="ladder-edit-link"' in other) == (True, False)


def test_ladder_form_has_a_row_per_step_and_empty_rows_up_to_ten(client, tree):
    formset = signed_in(client, tree.users.county_admin).get("/accountability/ladder/edit/").context["formset"]
    assert [f.initial for f in formset] == [
        {"days_late": 7, "action": "reminder"}, {"days_late": 15, "action": "supervision"},
        {"days_late": 30, "action": "case"}] + [{}] * 7


def test_ladder_form_replaces_the_ladder(client, tree):
    response = signed_in(client, tree.users.county_admin).post(
        "/accountability/ladder/edit/", ladder_post(("20", "case"), ("", ""), ("5", "reminder")))
    assert (response.status_code, response["Location"], in_force(),
            AuditEntry.objects.filter(action="accountability.ladder.set").count()) == (
        302, "/accountability/ladder/", [(5, "reminder"), (20, "case")], 1)


def test_ladder_form_with_half_a_row_shows_the_row_error(client, tree):
    response = signed_in(client, tree.users.county_admin).post(
        "/accountability/ladder/edit/", ladder_post(("10", ""), ("30", "case")))
    assert (response.status_code, [f.non_field_errors() for f in response.context["formset"]], in_force()) == (
        200, [["Give both the days late and the action, or leave the row empty."], []],
        [(7, "reminder"), (15, "supervision"), (30, "case")])


def test_ladder_form_with_days_out_of_range_shows_the_field_error(client, tree):
    response = signed_in(client, tree.users.county_admin).post(
        "/accountability/ladder/edit/", ladder_post(("400", "case")))
    assert (response.context["formset"][0].errors, in_force()) == (
        {"days_late": ["Ensure this value is less than or equal to 365."]},
        [(7, "reminder"), (15, "supervision"), (30, "case")])


def test_ladder_form_with_two_steps_on_one_day_shows_the_refusal(client, tree):
    response = signed_in(client, tree.users.county_admin).post(
        "/accountability/ladder/edit/", ladder_post(("10", "reminder"), ("10", "case")))
    html = response.content.decode()
    assert (response.context["refusal"], 'id="form-errors"' in html, in_force()) == (
        ["Two steps have the same number of days late (10)."], True,
        [(7, "reminder"), (15, "supervision"), (30, "case")])


def test_ladder_form_with_every_row_empty_is_refused(client, tree):
    response = signed_in(client, tree.users.county_admin).post(
        "/accountability/ladder/edit/", ladder_post(("", ""), ("", "")))
    assert (response.context["refusal"], in_force()) == (
        ["The ladder needs at least one step."], [(7, "reminder"), (15, "supervision"), (30, "case")])


def test_ladder_form_with_more_than_ten_rows_is_refused(client, tree):
    rows = [(str(n), "reminder") for n in range(1, 12)]
    response = signed_in(client, tree.users.county_admin).post("/accountability/ladder/edit/", ladder_post(*rows))
    assert (response.context["formset"].non_form_errors(), in_force()) == (
        ["Please submit at most 10 forms."], [(7, "reminder"), (15, "supervision"), (30, "case")])


@pytest.mark.parametrize("role", ["org_admin", "leader", "inspector"])
def test_ladder_form_is_forbidden_to_others_who_read_the_ladder(client, tree, role):
    response = signed_in(client, getattr(tree.users, role)).post(
        "/accountability/ladder/edit/", ladder_post(("5", "reminder")))
    assert (response.status_code, in_force()) == (403, [(7, "reminder"), (15, "supervision"), (30, "case")])
