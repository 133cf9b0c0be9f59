"""`pacesetter backup` / `pacesetter restore`: a round trip into an empty database, and the refusals.

The round trip runs the real commands in subprocesses against databases of their own: on
SQLite a file copied from the (in-memory) test database, on PostgreSQL the test database
itself restored into a second one made with CREATE DATABASE.
"""
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from pacesetter.core import backup
from pacesetter.core.backup import BackupError
from pacesetter.core.models import AuditEntry
from pacesetter.orgs import domain

ROOT = Path(__file__).resolve().parents[2]
PHOTO = bytes(range(256)) * 40 + "照片".encode()


# --- the archive checks, without a database ------------------------------------------


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English (zh-Hans is the default language)."""
    with translation.override("en"):
        yield


def _archive(path: Path, files: dict[str, bytes], *, lie: dict[str, str] | None = None,
             migrations: dict[str, list[str]] | None = None) -> Path:
    members = {name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)} for name, body in files.items()}
    for name, digest in (lie or {}).items():
        members[name] = {"sha256": digest, "size": 0}
    manifest = {"format": backup.FORMAT, "created_at": "2026-01-01T00:00:00+00:00",
                "database": {"vendor": "sqlite", "member": "database.sqlite3"},
                "migrations": migrations or {}, "file_count": 0, "members": members}
    with tarfile.open(path, "w") as tar:
        for name, body in [*files.items(), ("manifest.json", json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return path


def test_unpack_checks_every_member_and_unpacks(tmp_path):
    archive = _archive(tmp_path / "a.tar", {"database.sqlite3": b"db", "media/x/照片.jpg": PHOTO})
    unpacked = backup.unpack(archive, tmp_path / "out")
    assert unpacked.database.read_bytes() == b"db"
    assert [(path.read_bytes(), rel) for path, rel in unpacked.media()] == [(PHOTO, "x/照片.jpg")]


@pytest.mark.parametrize(
    ("files", "lie", "reason"),
    [
        ({"database.sqlite3": b"db"}, {"database.sqlite3": "0" * 64}, "does not match the sha256"),
        ({"database.sqlite3": b"db", "media/../../etc/passwd": b"x"}, None, "unexpected member"),
        ({"database.sqlite3": b"db", "notes.txt": b"x"}, None, "unexpected member"),
        ({"database.sqlite3": b"db"}, {"media/gone.jpg": "0" * 64}, "missing media/gone.jpg"),
    ],
    ids=["changed-byte", "path-escape", "stray-member", "missing-member"],
)
def test_unpack_refuses_an_archive_that_does_not_match_its_manifest(tmp_path, files, lie, reason):
    archive = _archive(tmp_path / "bad.tar", files, lie=lie)
    with pytest.raises(BackupError, match=reason) as caught:
        backup.unpack(archive, tmp_path / "out")
    assert str(archive) in str(caught.value)


def test_unpack_refuses_a_tar_without_manifest(tmp_path):
    path = tmp_path / "plain.tar"
    with tarfile.open(path, "w") as tar:
        tar.addfile(tarfile.TarInfo("database.sqlite3"), io.BytesIO(b""))
    with pytest.raises(BackupError, match="manifest.json"):
        backup.unpack(path, tmp_path / "out")


def test_backup_never_overwrites_a_file(tmp_path):
    (tmp_path / "old.tar").write_bytes(b"x")
    with pytest.raises(BackupError, match="old.tar"):
        backup.resolve_output(tmp_path / "old.tar", backup.datetime.now(backup.UTC))


def test_missing_pg_dump_names_the_install_script(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda program: None)
    fake = SimpleNamespace(settings_dict={"NAME": "x"})
    with pytest.raises(BackupError, match=r"pg_dump.*scripts/apt-install\.sh postgresql-client"):
        backup._pg_command("pg_dump", fake)


def test_password_goes_in_the_environment_not_the_command_line(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda program: f"/usr/bin/{program}")
    fake = SimpleNamespace(settings_dict={"NAME": "db", "HOST": "h", "PORT": 5, "USER": "u", "PASSWORD": "s3cret",
                                          "OPTIONS": {"sslmode": "require", "options": "-c jit=off"}})
    args, env = backup._pg_command("pg_restore", fake)
    assert "s3cret" not in " ".join(args)
    assert (env["PGPASSWORD"], env["PGSSLMODE"]) == ("s3cret", "require")
    assert args[1:] == ["--no-password", "--host", "h", "--port", "5", "--username", "u"]


def test_a_broken_audit_chain_fails_the_restore_check(tree):
    domain.update_organization(tree.b1, by=tree.users.county_admin, secretary="赵六")
    domain.update_organization(tree.b2, by=tree.users.county_admin, secretary="钱七")
    assert backup.check_audit_chain() == AuditEntry.objects.count()
    first = AuditEntry.objects.order_by("id").first()
    AuditEntry.objects.filter(pk=first.pk).update(object_repr="篡改")
    with pytest.raises(BackupError, match=f"#{first.pk}"):
        backup.check_audit_chain()


# --- the round trip through the commands ---------------------------------------------


def _env(tmp_path: Path, database_url: str, media: Path) -> dict:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "pacesetter.settings", "DEBUG": "1",
            "PACESETTER_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def _sqlite_counts(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def _sqlite_execute(url: str, sql: str) -> None:
    with sqlite3.connect(url[len("sqlite:///"):]) as db:
        db.execute(sql)


def _pg_execute(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url) as db:
        db.execute(sql)


def _pg_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as db:
        tables = [row[0] for row in db.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")]
        return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.fixture
def dbs(tmp_path):
    """(source URL, target URL, row counter) — the target empty, of the test run's vendor."""
    if connection.vendor == "sqlite":
        source = tmp_path / "source.sqlite3"

        def copy_source():
            # The test database lives in memory: copy it (migrated, with this test's rows) into a file.
            connection.ensure_connection()
            target = sqlite3.connect(source)
            connection.connection.backup(target)
            target.close()

        yield SimpleNamespace(source=f"sqlite:///{source}", target=f"sqlite:///{tmp_path / 'target.sqlite3'}",
                              prepare=copy_source, execute=_sqlite_execute, counts=lambda url: _sqlite_counts(Path(url[len("sqlite:///"):])))
        return
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump/pg_restore not installed (scripts/apt-install.sh postgresql-client)")
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = connection.settings_dict["NAME"]
    restored = f"{name}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        cursor.execute(f'CREATE DATABASE "{restored}"')
    try:
        yield SimpleNamespace(source=urllib.parse.urlunsplit(url._replace(path="/" + name)),
                              target=urllib.parse.urlunsplit(url._replace(path="/" + restored)),
                              prepare=lambda: None, execute=_pg_execute, counts=_pg_counts)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database(tree, tmp_path, dbs):
    domain.update_organization(tree.b1, by=tree.users.county_admin, secretary="赵六")
    domain.update_organization(tree.b2, by=tree.users.county_admin, secretary="钱七")
    entries = AuditEntry.objects.count()
    assert entries >= 2
    dbs.prepare()
    media_a, media_b = tmp_path / "media-a", tmp_path / "media-b"
    (media_a / "evidence" / "2026").mkdir(parents=True)
    (media_a / "evidence" / "2026" / "照片.jpg").write_bytes(PHOTO)
    source_env = _env(tmp_path, dbs.source, media_a)
    target_env = _env(tmp_path, dbs.target, media_b)

    made = _run(source_env, "backup", str(tmp_path / "out.tar"))
    assert made.returncode == 0, made.stderr[-3000:]
    archive = tmp_path / "out.tar"
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        data_at = tar.getmember(manifest["database"]["member"]).offset_data
    assert manifest["file_count"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["core"]

    # One changed byte in the database dump: refused before the database or the media are touched.
    tampered = tmp_path / "tampered.tar"
    body = bytearray(archive.read_bytes())
    body[data_at + 100] ^= 0xFF
    tampered.write_bytes(body)
    refused = _run(target_env, "restore", str(tampered))
    assert refused.returncode != 0
    assert manifest["database"]["member"] in refused.stderr and "tampered.tar" in refused.stderr
    assert not media_b.exists()
    assert dbs.counts(dbs.target) == {}

    restored = _run(target_env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr[-3000:]
    assert f"{entries}" in restored.stdout.splitlines()[-1]  # the audit chain verified, all entries
    assert dbs.counts(dbs.target) == dbs.counts(dbs.source)
    assert (media_b / "evidence" / "2026" / "照片.jpg").read_bytes() == PHOTO

    again = _run(target_env, "restore", str(archive))
    assert again.returncode != 0
    assert "--force" in again.stderr and str(archive) in again.stderr

    # --force replaces what is there: a deleted audit entry comes back.
    table = AuditEntry._meta.db_table
    dbs.execute(dbs.target, f"DELETE FROM {table} WHERE id = (SELECT max(id) FROM {table})")
    forced = _run(target_env, "restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr[-3000:]
    assert dbs.counts(dbs.target) == dbs.counts(dbs.source)


def test_newer_migrations_names_what_this_version_does_not_know():
    assert backup.newer_migrations({"migrations": {"core": ["0001_initial"]}}) == []
    assert backup.newer_migrations({"migrations": {"core": ["0001_initial", "0999_from_the_future"],
                                                   "rockets": ["0001_initial"]}}) == [
        "core.0999_from_the_future", "rockets.0001_initial"]


@pytest.mark.django_db
def test_an_archive_from_a_newer_version_is_refused_before_anything_changes(tmp_path):
    archive = _archive(tmp_path / "newer.tar", {"database.sqlite3": b"not read"},
                       migrations={"core": ["0001_initial", "0999_from_the_future"]})
    before = AuditEntry.objects.count()
    with translation.override("en"), pytest.raises(CommandError, match="newer version") as refused:
        call_command("restore", str(archive), "--force")
    assert "core.0999_from_the_future" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert AuditEntry.objects.count() == before
