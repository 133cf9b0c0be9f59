"""One-file backups of the database and the uploaded files, and restoring them.

An archive is a plain .tar:

    database.sqlite3 | database.pgdump   the database (SQLite online backup / pg_dump -Fc)
    media/<path>                         every regular file under MEDIA_ROOT
    manifest.json                        written last: when, vendor, migration state,
                                         file count, sha256 and size of every member

SQLite is copied with the online backup API from the live connection: one step, one
read transaction, so the copy is consistent while the site writes (WAL lets writers go
on). PostgreSQL goes through pg_dump/pg_restore with the connection parameters of
settings.DATABASES; the password travels in PGPASSWORD, never on the command line.

Restoring reads and checks the whole archive (every sha256, no member missing or extra,
no path leaving the media folder) into a scratch folder before it touches the database
or MEDIA_ROOT. Messages are translatable; each error names the file or the reason.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404: pg_dump/pg_restore only, argument lists, never a shell
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024
# Connection OPTIONS that libpq also reads from the environment.
PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A translated message for the user; the commands turn it into a CommandError."""


# --- shared ----------------------------------------------------------------------------


def _vendor(connection) -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL; this database is %(vendor)s.") % {"vendor": connection.vendor}
        )
    return connection.vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def migration_state(connection) -> dict[str, list[str]]:
    """Applied migrations per app, as recorded in the database."""
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def _pg_command(program: str, connection) -> tuple[list[str], dict[str, str]]:
    """The program with the connection's host/port/user, and an environment holding the password."""
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            _("%(program)s was not found on PATH: install the PostgreSQL client programs "
              "(scripts/apt-install.sh postgresql-client).") % {"program": program}
        )
    params = connection.settings_dict
    args = [path, "--no-password"]
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = {key: value for key, value in os.environ.items() if key != "PGPASSWORD"}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    for option, variable in PG_OPTION_ENV.items():
        if params.get("OPTIONS", {}).get(option) is not None:
            env[variable] = str(params["OPTIONS"][option])
    return args, env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise BackupError(
            _("%(program)s failed (exit code %(code)d) while %(what)s: %(detail)s")
            % {"program": Path(args[0]).name, "code": done.returncode, "what": what, "detail": detail}
        )


# --- backup ----------------------------------------------------------------------------


def dump_database(connection, dest: Path) -> None:
    """Write a consistent copy of the database to dest (SQLite file or pg_dump custom format)."""
    if _vendor(connection) == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(dest)
        try:
            # pages=-1: the whole database in one step, i.e. one read snapshot.
            connection.connection.backup(target, pages=-1)
        except sqlite3.Error as error:
            raise BackupError(
                _("Copying the SQLite database %(name)s failed: %(error)s")
                % {"name": connection.settings_dict["NAME"], "error": error}
            ) from error
        finally:
            target.close()
        return
    args, env = _pg_command("pg_dump", connection)
    args += ["--format=custom", "--file", str(dest), "--dbname", str(connection.settings_dict["NAME"])]
    _run(args, env, _("dumping database %(name)s") % {"name": connection.settings_dict["NAME"]})


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        block = self.handle.read(size)
        self.digest.update(block)
        return block


def _media_files(media_root: Path) -> list[tuple[Path, str]]:
    if not media_root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(media_root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path, path.relative_to(media_root).as_posix()))
    return found


def _add(tar: tarfile.TarFile, source: Path, name: str, members: dict) -> None:
    with open(source, "rb") as handle:
        info = tar.gettarinfo(fileobj=handle, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o600
        reader = _HashingReader(handle)
        try:
            tar.addfile(info, reader)
        except OSError as error:
            raise BackupError(
                _("%(file)s changed or vanished while it was being archived: %(error)s")
                % {"file": source, "error": error}
            ) from error
    members[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}


def default_name(now: datetime) -> str:
    return f"pacesetter-backup-{now:%Y%m%d-%H%M%S}.tar"


def resolve_output(output: Path, now: datetime) -> Path:
    if output.is_dir() or str(output).endswith(os.sep):
        output.mkdir(parents=True, exist_ok=True)
        output = output / default_name(now)
    if output.exists():
        raise BackupError(_("%(file)s already exists; a backup never overwrites a file.") % {"file": output})
    if not output.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": output.parent})
    return output


def create_backup(output: Path, connection, media_root: Path | None = None) -> tuple[Path, dict]:
    """Write the archive; returns its path and manifest. Never leaves a half-written archive behind."""
    vendor = _vendor(connection)
    now = datetime.now(UTC)
    target = resolve_output(Path(output), now)
    media_root = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    members: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix=".pacesetter-backup-", dir=target.parent) as scratch:
        dump = Path(scratch) / DATABASE_MEMBERS[vendor]
        state = migration_state(connection)
        dump_database(connection, dump)
        partial = Path(scratch) / "archive.tar"
        media = _media_files(media_root)
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            _add(tar, dump, DATABASE_MEMBERS[vendor], members)
            dump.unlink()
            for path, relative in media:
                _add(tar, path, MEDIA_PREFIX + relative, members)
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(),
                "django": django.get_version(),
                "database": {"vendor": vendor, "member": DATABASE_MEMBERS[vendor]},
                "migrations": state,
                "file_count": len(media),
                "members": members,
            }
            body = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(body), 0o600, int(now.timestamp())
            tar.addfile(info, io.BytesIO(body))
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    return target, manifest


# --- reading an archive ----------------------------------------------------------------


@dataclass
class Unpacked:
    folder: Path
    manifest: dict

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]

    @property
    def database(self) -> Path:
        return self.folder / self.manifest["database"]["member"]

    def media(self) -> list[tuple[Path, str]]:
        return [
            (self.folder / name, name[len(MEDIA_PREFIX):])
            for name in sorted(self.manifest["members"])
            if name.startswith(MEDIA_PREFIX)
        ]


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and path.as_posix() == name
    )


def unpack(archive: Path, folder: Path) -> Unpacked:
    """Check the archive against its manifest and unpack it into folder; raise at the first fault."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("%(file)s does not exist or is not a file.") % {"file": archive})
    try:
        with tarfile.open(archive, "r:") as tar:
            infos = tar.getmembers()
            by_name = {info.name: info for info in infos}
            if MANIFEST not in by_name or not by_name[MANIFEST].isfile():
                raise BackupError(_("%(file)s holds no %(manifest)s: not a Pacesetter backup.")
                                  % {"file": archive, "manifest": MANIFEST})
            try:
                manifest = json.loads(tar.extractfile(by_name[MANIFEST]).read())
                members = manifest["members"]
                member = manifest["database"]["member"]
                vendor = manifest["database"]["vendor"]
            except (ValueError, KeyError, TypeError) as error:
                raise BackupError(_("The manifest of %(file)s cannot be read: %(error)s")
                                  % {"file": archive, "error": error}) from error
            if manifest.get("format") != FORMAT or DATABASE_MEMBERS.get(vendor) != member:
                raise BackupError(_("%(file)s is a backup of a format this version cannot read.") % {"file": archive})
            names = [info.name for info in infos if info.name != MANIFEST]
            if len(names) != len(set(names)):
                raise BackupError(_("%(file)s holds a member twice.") % {"file": archive})
            extra = sorted(set(names) - set(members))
            missing = sorted(set(members) - set(names))
            if extra or missing:
                raise BackupError(
                    _("%(file)s does not match its manifest: missing %(missing)s, not listed %(extra)s.")
                    % {"file": archive, "missing": ", ".join(missing) or "-", "extra": ", ".join(extra) or "-"}
                )
            for name in names:
                info = by_name[name]
                if not info.isfile() or not _safe_name(name) or not (name == member or name.startswith(MEDIA_PREFIX)):
                    raise BackupError(_("%(file)s holds an unexpected member %(member)s.")
                                      % {"file": archive, "member": name})
                dest = folder / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with tar.extractfile(info) as source, open(dest, "wb") as out:
                    while block := source.read(CHUNK):
                        digest.update(block)
                        out.write(block)
                if digest.hexdigest() != members[name].get("sha256"):
                    raise BackupError(
                        _("%(member)s in %(file)s does not match the sha256 in its manifest: "
                          "the archive is damaged or was changed. Nothing was restored.")
                        % {"member": name, "file": archive}
                    )
    except (tarfile.TarError, OSError) as error:
        raise BackupError(_("%(file)s cannot be read as a backup archive: %(error)s")
                          % {"file": archive, "error": error}) from error
    return Unpacked(folder, manifest)


# --- restore ---------------------------------------------------------------------------


def existing_tables(connection) -> list[str]:
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise BackupError(_("Cannot restore into an in-memory SQLite database."))
        path = Path(name)
        if not path.exists() or path.stat().st_size == 0:
            return []  # do not create the file before the archive has been checked
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore_database(connection, unpacked: Unpacked) -> None:
    vendor = _vendor(connection)
    if unpacked.vendor != vendor:
        raise BackupError(
            _("The archive holds a %(archive)s database; this site runs on %(site)s.")
            % {"archive": unpacked.vendor, "site": vendor}
        )
    name = str(connection.settings_dict["NAME"])
    connection.close()
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{unpacked.database}?mode=ro", uri=True)
        target = sqlite3.connect(name, timeout=20)
        try:
            source.backup(target, pages=-1)
        except sqlite3.Error as error:
            raise BackupError(_("Restoring into the SQLite database %(name)s failed: %(error)s")
                              % {"name": name, "error": error}) from error
        finally:
            source.close()
            target.close()
        return
    args, env = _pg_command("pg_restore", connection)
    args += ["--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction", "--dbname", name, str(unpacked.database)]
    _run(args, env, _("restoring into database %(name)s") % {"name": name})


def restore_media(unpacked: Unpacked, media_root: Path | None = None) -> int:
    media_root = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    count = 0
    for source, relative in unpacked.media():
        dest = media_root / relative
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".restoring")
        shutil.copyfile(source, partial)
        os.replace(partial, dest)
        count += 1
    return count


def migration_differences(connection) -> tuple[list[str], list[str]]:
    """(migrations the code has that the restored database lacks, ones it has that the code does not)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    known = set(loader.graph.nodes)
    applied = set(loader.applied_migrations)
    replaced = {old for key in known for old in (loader.replacements.get(key).replaces
                                                  if key in loader.replacements else [])}
    pending = sorted(f"{app}.{name}" for app, name in known - applied)
    unknown = sorted(f"{app}.{name}" for app, name in applied - known - replaced)
    return pending, unknown


def newer_migrations(manifest: dict) -> list[str]:
    """Migrations the archive's database had applied that this version does not know: the archive
    was made by a newer version, and this code would run against tables it does not understand."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.graph.nodes)
    replaced = {old for key in known for old in (loader.replacements[key].replaces if key in loader.replacements else [])}
    archived = {(app, name) for app, names in (manifest.get("migrations") or {}).items() for name in names}
    return sorted(f"{app}.{name}" for app, name in archived - known - replaced)


def check_audit_chain() -> int:
    """Verify the restored audit log; the number of entries, or BackupError naming the first break."""
    from .audit import Break, verify_chain

    checked = 0
    for item in verify_chain():
        if isinstance(item, Break):
            where = (_("entry #%(id)d") % {"id": item.entry_id}) if item.entry_id else _("the start of the log")
            raise BackupError(
                _("The database was restored, but its audit chain is broken at %(where)s: %(reason)s")
                % {"where": where, "reason": item.reason}
            )
        checked = item
    return checked
