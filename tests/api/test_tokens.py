import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from pacesetter.api.domain import create_personal_token, revoke_personal_token
from pacesetter.api.models import PersonalToken
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry


def bearer(api, raw):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return api


def test_token_authenticates_as_its_user(tree, api):
    _, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    response = bearer(api, raw).get("/api/v1/me/")
    assert (response.status_code, response.json()["username"]) == (200, "township1")


def test_token_sees_only_its_users_view(tree, api):
    _, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    assert bearer(api, raw).get("/api/v1/organizations/T2B1/").status_code == 404


def test_token_writes_without_csrf(tree, api):
    _, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    response = bearer(api, raw).patch("/api/v1/organizations/T1B1/", {"secretary": "赵六"}, format="json")
    assert response.status_code == 200


def test_token_records_last_use(tree, api):
    token, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    bearer(api, raw).get("/api/v1/me/")
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer", "Bearer a b", "Bearer t\u00f6ken"])
def test_bad_tokens_are_401(tree, api, header):
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get("/api/v1/me/")
    assert (response.status_code, response["WWW-Authenticate"]) == (401, "Bearer")


def test_revoked_token_is_401(tree, api):
    token, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    revoke_personal_token(token, by=tree.users.org_admin)
    assert bearer(api, raw).get("/api/v1/me/").status_code == 401


def test_expired_token_is_401(tree, api):
    token, raw = create_personal_token(tree.users.org_admin, name="script", days=1, by=None)
    PersonalToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert bearer(api, raw).get("/api/v1/me/").status_code == 401


def test_token_of_an_inactive_user_is_401(tree, api):
    _, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    tree.users.org_admin.is_active = False
    tree.users.org_admin.save(update_fields=["is_active"])
    assert bearer(api, raw).get("/api/v1/me/").status_code == 401


def test_raw_token_is_stored_nowhere(tree):
    _, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    hits = []
    with connection.cursor() as cursor:
        for table in ("api_personaltoken", "core_auditentry"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            hits += [value for row in cursor.fetchall() for value in row if isinstance(value, str) and raw in value]
    assert hits == []


def test_token_is_long_and_prefix_is_its_start(tree):
    token, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    assert (len(raw) >= 43, token.prefix, len(token.key_hash)) == (True, raw[:8], 64)


def test_creation_and_revocation_are_audited(tree):
    token, _ = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    revoke_personal_token(token, by=tree.users.county_admin)
    entries = list(AuditEntry.objects.filter(object_type="api.personaltoken").order_by("id").values_list("action", "actor_name"))
    assert entries == [("api_token.create", ""), ("api_token.revoke", "county")]


def test_nobody_mints_a_token_for_someone_else(tree):
    with pytest.raises(PermissionDeniedError):
        create_personal_token(tree.users.org_admin, name="script", days=30, by=tree.users.county_admin)


def test_only_owner_or_county_admin_revokes(tree):
    token, _ = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    with pytest.raises(PermissionDeniedError):
        revoke_personal_token(token, by=tree.users.branch_admin)


def test_token_needs_a_name(tree):
    with pytest.raises(DomainError) as exc:
        create_personal_token(tree.users.org_admin, name=" ", days=30, by=None)
    assert list(exc.value.message_dict) == ["name"]


def test_command_prints_the_raw_token_once(tree, api):
    out, err = io.StringIO(), io.StringIO()
    call_command("make_api_token", "township1", "--name", "etl", "--days", "7", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    token = PersonalToken.objects.get(user=tree.users.org_admin)
    days = round((token.expires_at - token.created_at).total_seconds() / 86400)
    assert (token.name, token.prefix, days) == ("etl", raw[:8], 7)
    assert bearer(api, raw).get("/api/v1/me/").status_code == 200


def test_command_days_zero_never_expires(tree):
    call_command("make_api_token", "township1", "--days", "0", stdout=io.StringIO(), stderr=io.StringIO())
    assert PersonalToken.objects.get(user=tree.users.org_admin).expires_at is None


def test_command_revokes_by_prefix(tree, api):
    token, raw = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    call_command("make_api_token", "township1", f"--revoke={token.prefix}", stdout=io.StringIO())  # a prefix may start with "-"
    assert bearer(api, raw).get("/api/v1/me/").status_code == 401


def test_command_revoke_of_unknown_prefix_fails(tree):
    with pytest.raises(CommandError):
        call_command("make_api_token", "township1", "--revoke", "zzzzzzzz", stdout=io.StringIO())


def test_command_for_unknown_user_fails(tree):
    with pytest.raises(CommandError):
        call_command("make_api_token", "ghost", stdout=io.StringIO())
