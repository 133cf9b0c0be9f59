"""`pacesetter backup OUTPUT_DIR_OR_FILE`: the database and the uploaded files in one .tar."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from pacesetter.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one .tar archive with a consistent copy of the database (SQLite online backup or "
        "pg_dump), every file under MEDIA_ROOT and a manifest with sha256 sums. Restore with "
        "`pacesetter restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output", metavar="OUTPUT_DIR_OR_FILE",
            help="A folder (the archive is named pacesetter-backup-<UTC time>.tar in it) or a new .tar file.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias to back up.")

    def handle(self, *args, output, database, **options):
        try:
            path, manifest = create_backup(Path(output), connections[database], Path(settings.MEDIA_ROOT))
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(
            _("Backup written to %(path)s: %(vendor)s database and %(count)d uploaded files, %(size)s MB.")
            % {"path": path, "vendor": manifest["database"]["vendor"], "count": manifest["file_count"],
               "size": f"{size / 1024 / 1024:.1f}"}
        ))
