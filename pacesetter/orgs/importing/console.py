"""What the import and export commands share: options, the progress bar, the output."""
from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pacesetter.core.errors import DomainError

from . import import_file, leader_organization
from .reading import ImportFileError, check_size


def find_user(username: str | None):
    """The acting user for --user, or None (the system, which sees everything)."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("No active user %(name)s.") % {"name": username})
    return user


class ProgressBars:
    """A bar per stage (reading, checking, writing) on the terminal; nothing when output is piped."""

    def __init__(self, console: Console):
        self.bars = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=False, disable=not console.is_terminal,
        )
        self.tasks: dict[str, int] = {}
        self.labels = {"read": _("reading"), "check": _("checking"), "write": _("writing")}

    def __enter__(self):
        self.bars.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bars.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bars.add_task(self.labels.get(stage, stage), total=total)
        self.bars.update(self.tasks[stage], completed=done, total=total)


class ImportCommand(BaseCommand):
    """`import_<kind> FILE [--user USERNAME] [--dry-run]`: exit 0 when imported, 1 with one line per problem."""

    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("An .xlsx or .csv file."))
        parser.add_argument("--user", help=_("Import as this user: only inside what they may edit. "
                                             "Without it the import runs as the system and sees everything."))
        parser.add_argument("--dry-run", action="store_true", help=_("Check the file and report; write nothing."))

    def organization(self, user, options):
        return None

    def handle(self, *args, file, user=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        by = find_user(user)
        try:
            check_size(path.stat().st_size)
            organization = self.organization(by, options)
        except ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc.messages[0]}", returncode=1) from None
        except DomainError as exc:
            raise CommandError(exc.messages[0]) from None
        console = Console(file=self.stderr._out, highlight=False)
        with ProgressBars(console) as progress:
            try:
                result = import_file(self.kind, path.read_bytes(), path.name, by=by, dry_run=dry_run,
                                     progress=progress, organization=organization)
            except DomainError as exc:
                raise CommandError(exc.messages[0]) from None
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(result.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(result.summary()))


class LeaderImportCommand(ImportCommand):
    kind = "leaders"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--org", help=_("Code of the organisation new leaders join; needed when there are "
                                            "several top organisations."))

    def organization(self, user, options):
        return leader_organization(user, options.get("org"))
