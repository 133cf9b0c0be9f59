import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from pacesetter.core import audit
from pacesetter.core.audit import Break, verify_chain
from pacesetter.core.models import AuditEntry
from pacesetter.orgs import domain


def last(iterable):
    items = list(iterable)
    return items[-1]


@pytest.fixture
def three_entries(tree):
    domain.update_organization(tree.b1, by=tree.users.county_admin, secretary="赵六")
    domain.update_organization(tree.b2, by=tree.users.county_admin, secretary="钱七")
    return list(AuditEntry.objects.order_by("id"))


def test_chain_of_domain_writes_verifies(three_entries):
    assert last(verify_chain()) == AuditEntry.objects.count()


def test_entry_records_actor_and_before_after(three_entries):
    entry = three_entries[-1]
    assert (entry.action, entry.actor_name, entry.before, entry.after) == (
        "org.update",
        "county",
        {"secretary": ""},
        {"secretary": "钱七"},
    )


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_edited_entry_breaks_chain_at_that_entry(three_entries):
    target = three_entries[-2]
    _raw(f"UPDATE {AuditEntry._meta.db_table} SET object_repr = %s WHERE id = %s", ["篡改", target.id])
    assert last(verify_chain()) == Break(target.id, "entry content was changed")


def test_deleted_entry_breaks_chain_at_the_next(three_entries):
    victim, follower = three_entries[-2], three_entries[-1]
    _raw(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [victim.id])
    assert last(verify_chain()) == Break(follower.id, "previous entry is missing or was changed")


def test_deleting_the_last_entry_is_found(three_entries):
    _raw(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [three_entries[-1].id])
    result = last(verify_chain())
    assert (type(result), result.entry_id) == (Break, three_entries[-2].id)


def test_verify_audit_command_exit_codes(three_entries, capsys):
    call_command("verify_audit")
    assert capsys.readouterr().out.strip() == f"audit chain intact: {len(three_entries)} entries"
    _raw(f"UPDATE {AuditEntry._meta.db_table} SET action = %s WHERE id = %s", ["x", three_entries[0].id])
    with pytest.raises(CommandError) as exc:
        call_command("verify_audit")
    assert str(exc.value) == f"audit chain broken at entry #{three_entries[0].id}: entry content was changed"


def test_entries_refuse_update_and_delete(three_entries):
    entry = three_entries[0]
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


@pytest.mark.django_db(transaction=True)
def test_record_outside_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit.record("x", by=None)


def test_record_inside_transaction_links_to_previous(db):
    with transaction.atomic():
        first = audit.record("a", by=None)
        second = audit.record("b", by=None)
    assert second.prev_hash == first.hash


def test_audit_log_readable_only_from_the_top_of_the_tree(tree):
    from pacesetter.orgs.enums import Role
    from tests.factories import make_user

    township_admin = make_user("t1-county-admin", Role.COUNTY_ADMIN, tree.t1)
    readers = {
        name: user.has_perm("core.view_auditentry")
        for name, user in [
            ("county_admin", tree.users.county_admin),
            ("inspector", tree.users.inspector),
            ("org_admin", tree.users.org_admin),
            ("leader", tree.users.leader),
            ("county_admin_below_top", township_admin),
        ]
    }
    assert readers == {
        "county_admin": True, "inspector": True, "org_admin": False, "leader": False, "county_admin_below_top": False,
    }
