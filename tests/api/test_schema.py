import re

import pytest
from drf_spectacular.validation import validate_schema

PATHS = [
    "/api/v1/accountability-cases/",
    "/api/v1/accountability-cases/sanctions/{id}/",
    "/api/v1/accountability-cases/{id}/",
    "/api/v1/accountability-cases/{id}/close/",
    "/api/v1/accountability-cases/{id}/findings/",
    "/api/v1/accountability-cases/{id}/respond/",
    "/api/v1/accountability-cases/{id}/sanctions/",
    "/api/v1/activities/",
    "/api/v1/activities/{id}/",
    "/api/v1/activities/{id}/cancel/",
    "/api/v1/activities/{id}/hold/",
    "/api/v1/activities/{id}/photos/",
    "/api/v1/activities/{id}/sign-in/",
    "/api/v1/activity-attendance/",
    "/api/v1/activity-attendance/{id}/",
    "/api/v1/affiliate-coverage/",
    "/api/v1/affiliate-honours/",
    "/api/v1/affiliate-honours/{id}/",
    "/api/v1/affiliate-units/",
    "/api/v1/affiliate-units/{id}/",
    "/api/v1/campaign-stage-statuses/",
    "/api/v1/campaign-stage-tasks/",
    "/api/v1/campaign-stage-tasks/{id}/",
    "/api/v1/campaign-stage-tasks/{id}/done/",
    "/api/v1/campaign-stage-tasks/{id}/send-back/",
    "/api/v1/campaign-stages/",
    "/api/v1/campaign-stages/{id}/",
    "/api/v1/campaigns/",
    "/api/v1/campaigns/{id}/",
    "/api/v1/campaigns/{id}/status/",
    "/api/v1/commitments/",
    "/api/v1/commitments/dashboard/",
    "/api/v1/commitments/dashboard/overdue/",
    "/api/v1/commitments/feedback/",
    "/api/v1/commitments/feedback/{id}/",
    "/api/v1/commitments/feedback/{id}/moderate/",
    "/api/v1/commitments/items/",
    "/api/v1/commitments/items/{id}/",
    "/api/v1/commitments/items/{id}/outcome/",
    "/api/v1/commitments/items/{id}/progress/",
    "/api/v1/commitments/items/{id}/remove/",
    "/api/v1/commitments/items/{id}/timeline/",
    "/api/v1/commitments/{id}/",
    "/api/v1/commitments/{id}/approve/",
    "/api/v1/commitments/{id}/items/",
    "/api/v1/commitments/{id}/judge/",
    "/api/v1/commitments/{id}/return/",
    "/api/v1/commitments/{id}/submit/",
    "/api/v1/comparisons/history/{code}/",
    "/api/v1/comparisons/outside/",
    "/api/v1/comparisons/peers/{code}/",
    "/api/v1/comparisons/within/{code}/",
    "/api/v1/double-lead-enterprises/",
    "/api/v1/double-lead-enterprises/{id}/",
    "/api/v1/double-lead-figures/",
    "/api/v1/double-lead-figures/{id}/",
    "/api/v1/double-lead-households/",
    "/api/v1/double-lead-households/{id}/",
    "/api/v1/double-lead-members/",
    "/api/v1/double-lead-members/{id}/",
    "/api/v1/double-lead-statistics/",
    "/api/v1/double-lead-trainings/",
    "/api/v1/double-lead-trainings/{id}/",
    "/api/v1/escalation-ladder/",
    "/api/v1/evaluation/ballots/",
    "/api/v1/evaluation/rounds/",
    "/api/v1/evaluation/rounds/{id}/",
    "/api/v1/evaluation/rounds/{id}/close/",
    "/api/v1/evaluation/rounds/{id}/open/",
    "/api/v1/evaluation/rounds/{id}/release/",
    "/api/v1/evaluation/rounds/{id}/results/",
    "/api/v1/evaluation/rounds/{id}/subjects/",
    "/api/v1/evaluation/rounds/{id}/tally/",
    "/api/v1/evaluation/schemes/",
    "/api/v1/evaluation/schemes/{id}/",
    "/api/v1/evaluation/schemes/{id}/activate/",
    "/api/v1/exhibition-photos/",
    "/api/v1/exhibition-photos/{id}/",
    "/api/v1/exhibition-photos/{id}/approve/",
    "/api/v1/exhibition-photos/{id}/reject/",
    "/api/v1/exhibition-themes/",
    "/api/v1/exhibition-themes/{id}/",
    "/api/v1/honour-kinds/",
    "/api/v1/honour-kinds/{id}/",
    "/api/v1/honours/",
    "/api/v1/honours/commend/",
    "/api/v1/honours/{id}/",
    "/api/v1/honours/{id}/revoke/",
    "/api/v1/jobs/",
    "/api/v1/jobs/{id}/",
    "/api/v1/jobs/{id}/retry/",
    "/api/v1/joint-activities/",
    "/api/v1/joint-activities/{id}/",
    "/api/v1/joint-activities/{id}/photos/",
    "/api/v1/key-tasks/",
    "/api/v1/key-tasks/{code}/",
    "/api/v1/key-tasks/{code}/milestones/",
    "/api/v1/key-tasks/{code}/reports/",
    "/api/v1/key-tasks/{code}/sign-offs/",
    "/api/v1/key-tasks/{code}/status/",
    "/api/v1/leaders/",
    "/api/v1/leaders/{code}/",
    "/api/v1/me/",
    "/api/v1/members/",
    "/api/v1/members/{code}/",
    "/api/v1/nominations/",
    "/api/v1/nominations/{id}/",
    "/api/v1/nominations/{id}/review/",
    "/api/v1/nominations/{id}/withdraw/",
    "/api/v1/nonpublic-checks/",
    "/api/v1/nonpublic-checks/{id}/",
    "/api/v1/nonpublic-checks/{id}/evidence/",
    "/api/v1/nonpublic-coverage/",
    "/api/v1/nonpublic-entities/",
    "/api/v1/nonpublic-entities/{id}/",
    "/api/v1/nonpublic-entities/{id}/status/",
    "/api/v1/nonpublic-plans/",
    "/api/v1/nonpublic-plans/{id}/",
    "/api/v1/notifications/",
    "/api/v1/notifications/read-all/",
    "/api/v1/notifications/{id}/",
    "/api/v1/notifications/{id}/read/",
    "/api/v1/organizations/",
    "/api/v1/organizations/{code}/",
    "/api/v1/organizations/{code}/dissolve/",
    "/api/v1/organizations/{code}/merge/",
    "/api/v1/organizations/{code}/move/",
    "/api/v1/pairing-effect/",
    "/api/v1/pairing-recommendations/",
    "/api/v1/pairing-recommendations/{id}/",
    "/api/v1/pairing-recommendations/{id}/create/",
    "/api/v1/pairing-recommendations/{id}/rows/{row}/decide/",
    "/api/v1/pairings/",
    "/api/v1/pairings/{id}/",
    "/api/v1/pairings/{id}/end/",
    "/api/v1/pairings/{id}/logs/",
    "/api/v1/pairings/{id}/logs/{log}/photos/",
    "/api/v1/pairings/{id}/replace/",
    "/api/v1/progress-reports/{id}/",
    "/api/v1/progress-reports/{id}/sign/",
    "/api/v1/selection-objections/",
    "/api/v1/selection-objections/{id}/",
    "/api/v1/selection-objections/{id}/answer/",
    "/api/v1/selections/",
    "/api/v1/selections/{id}/",
    "/api/v1/selections/{id}/finalise/",
    "/api/v1/selections/{id}/open/",
    "/api/v1/selections/{id}/shortlist/",
    "/api/v1/selections/{id}/start-notice/",
    "/api/v1/selections/{id}/start-review/",
    "/api/v1/seminar-papers/",
    "/api/v1/seminar-papers/{id}/",
    "/api/v1/seminar-papers/{id}/replace/",
    "/api/v1/seminar-papers/{id}/withdraw/",
    "/api/v1/seminar-reviews/",
    "/api/v1/seminar-reviews/{id}/",
    "/api/v1/seminar-reviews/{id}/score/",
    "/api/v1/seminars/",
    "/api/v1/seminars/{id}/",
    "/api/v1/seminars/{id}/assign/",
    "/api/v1/seminars/{id}/open/",
    "/api/v1/seminars/{id}/publish/",
    "/api/v1/seminars/{id}/results/",
    "/api/v1/seminars/{id}/start-review/",
    "/api/v1/site-visits/meetings/",
    "/api/v1/site-visits/meetings/{id}/",
    "/api/v1/site-visits/meetings/{id}/close/",
    "/api/v1/site-visits/meetings/{id}/open/",
    "/api/v1/site-visits/meetings/{id}/publish/",
    "/api/v1/site-visits/meetings/{id}/results/",
    "/api/v1/site-visits/observers/",
    "/api/v1/site-visits/observers/{id}/",
    "/api/v1/site-visits/sites/",
    "/api/v1/site-visits/sites/{id}/",
    "/api/v1/supervision-notices/",
    "/api/v1/supervision-notices/{id}/",
    "/api/v1/supervision-notices/{id}/answer/",
    "/api/v1/vanguard-progress/",
    "/api/v1/vanguard-progress/{id}/",
    "/api/v1/vanguard-projects/",
    "/api/v1/vanguard-projects/{id}/",
    "/api/v1/vanguard-projects/{id}/evidence/",
    "/api/v1/vanguard-projects/{id}/state/",
    "/api/v1/vanguard-results/",
    "/api/v1/vanguard-results/{id}/",
    "/api/v1/vanguard-reviews/",
    "/api/v1/vanguard-reviews/{id}/",
]


@pytest.fixture
def schema(tree, login):
    response = login(tree.users.member).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_schema_has_every_path(schema):
    assert sorted(schema["paths"]) == PATHS


def test_schema_documents_error_statuses(schema):
    responses = {
        (path, method): sorted(op["responses"]) for path, ops in schema["paths"].items() for method, op in ops.items()
    }
    assert (
        responses[("/api/v1/organizations/", "get")],
        responses[("/api/v1/organizations/{code}/", "get")],
        responses[("/api/v1/organizations/{code}/", "patch")],
        responses[("/api/v1/organizations/", "post")],
        responses[("/api/v1/me/", "get")],
    ) == (
        ["200", "400", "401", "404", "429"],
        ["200", "401", "404", "429"],
        ["200", "400", "401", "403", "404", "415", "429"],
        ["201", "400", "401", "403", "415", "429"],
        ["200", "401", "429"],
    )


def test_a_post_that_answers_the_rows_it_made_answers_a_plain_list(schema):
    """Only GET lists are paginated; uploads and commendations answer what they made as an array."""
    created = {path: schema["paths"][path]["post"]["responses"]["201"]["content"]["application/json"]["schema"]
               for path in ("/api/v1/exhibition-photos/", "/api/v1/honours/commend/",
                            "/api/v1/pairings/{id}/logs/{log}/photos/")}
    assert {path: body["type"] for path, body in created.items()} == dict.fromkeys(created, "array")


def test_schema_has_put_and_delete_only_where_a_whole_is_replaced_or_a_sanction_removed(schema):
    """Elsewhere nothing is removed through the API (organisations are archived) and
    changes are PATCHes; a key task's plan and the escalation ladder are replaced whole."""
    unusual = sorted((path, m) for path, ops in schema["paths"].items() for m in ops if m not in ("get", "patch", "post"))
    assert unusual == [
        ("/api/v1/accountability-cases/sanctions/{id}/", "delete"),
        ("/api/v1/escalation-ladder/", "put"),
        ("/api/v1/key-tasks/{code}/milestones/", "put"),
    ]


def test_schema_needs_authentication(db, api):
    assert api.get("/api/v1/schema/").status_code == 401


def test_docs_redirect_anonymous_users_to_login(db, client):
    response = client.get("/api/v1/docs/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/api/v1/docs/")


def test_docs_page_loads_swagger_from_the_sidecar(tree, client):
    client.force_login(tree.users.member)
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert (response.status_code, scripts) == (
        200,
        [
            "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
            "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
            "/api/v1/docs/?script=",
        ],
    )


def test_docs_page_loads_nothing_from_other_hosts(tree, client):
    client.force_login(tree.users.member)
    html = client.get("/api/v1/docs/").content.decode()
    assert re.findall(r'(?:src|href)="(https?:)?//', html) == []


def test_docs_inline_style_carries_the_csp_nonce(tree, client):
    client.force_login(tree.users.member)
    response = client.get("/api/v1/docs/")
    nonce = re.search(r'<style nonce="([^"]+)"', response.content.decode()).group(1)
    style_src = re.search(r"style-src ([^;]+)", response["Content-Security-Policy"]).group(1)
    assert (f"'nonce-{nonce}'" in style_src.split(), "'unsafe-inline'" in style_src) == (True, False)


def test_docs_script_is_served_as_javascript(tree, client):
    client.force_login(tree.users.member)
    response = client.get("/api/v1/docs/", {"script": ""})
    assert (response.status_code, response["Content-Type"]) == (200, "application/javascript")


def test_me_lists_roles_and_visible_roots(tree, login):
    data = login(tree.users.org_admin).get("/api/v1/me/").json()
    assert data == {
        "username": "township1",
        "name": "",
        "is_superuser": False,
        "roles": [{"role": "org_admin", "org_code": "T1", "org_name": "一号镇党委"}],
        "visible_roots": [{"code": "T1", "name": "一号镇党委", "url": "http://testserver/api/v1/organizations/T1/"}],
    }
