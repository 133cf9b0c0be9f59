"""`pacesetter restore ARCHIVE [--force]`: put back a `pacesetter backup` archive, then verify the audit chain."""
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from pacesetter.core import backup
from pacesetter.core.backup import BackupError


class Command(BaseCommand):
    help = (
        "Restore a `pacesetter backup` archive: check every sha256 first, then replace the database "
        "and write the uploaded files into MEDIA_ROOT, then verify the audit chain (a broken chain fails)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="ARCHIVE", help="The .tar written by `pacesetter backup`.")
        parser.add_argument("--force", action="store_true",
                            help="Restore even though the database already holds tables (they are replaced).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias to restore into.")

    def handle(self, *args, archive, force, database, **options):
        connection = connections[database]
        archive = Path(archive)
        try:
            with tempfile.TemporaryDirectory(prefix="pacesetter-restore-") as scratch:
                unpacked = backup.unpack(archive, Path(scratch))
                newer = backup.newer_migrations(unpacked.manifest)
                if newer:
                    raise BackupError(
                        _("%(file)s was made by a newer version of Pacesetter (migrations unknown here: %(names)s). "
                          "Nothing was changed. Restore it with that version or a later one.")
                        % {"file": archive, "names": ", ".join(newer)}
                    )
                tables = backup.existing_tables(connection)
                if tables and not force:
                    raise BackupError(
                        _("The database %(name)s is not empty (%(count)d tables); restoring %(file)s would "
                          "replace its contents. Nothing was changed. Run again with --force to replace it.")
                        % {"name": connection.settings_dict["NAME"], "count": len(tables), "file": archive}
                    )
                backup.restore_database(connection, unpacked)
                files = backup.restore_media(unpacked, Path(settings.MEDIA_ROOT))
            self.stdout.write(
                _("Restored %(file)s (made %(created)s): %(vendor)s database into %(name)s, "
                  "%(count)d uploaded files into %(media)s.")
                % {"file": archive, "created": unpacked.manifest["created_at"], "vendor": unpacked.vendor,
                   "name": connection.settings_dict["NAME"], "count": files, "media": settings.MEDIA_ROOT}
            )
            pending, _unknown = backup.migration_differences(connection)
            if pending:
                self.stdout.write(self.style.WARNING(
                    _("The backup predates %(count)d migrations of this version: run `pacesetter migrate`.")
                    % {"count": len(pending)}
                ))
            entries = backup.check_audit_chain()
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(_("Audit chain intact: %(count)d entries.") % {"count": entries}))
