"""`pacesetter export KIND FILE [--user USERNAME] [--org CODE]`: organisations, members or leaders to .xlsx.

The columns are the import's, so the file re-imports unchanged. With --user only what
that user sees, and only if they may import (exports carry whole phone numbers);
--org CODE keeps one organisation's subtree.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pacesetter.orgs.importing import KINDS, export_xlsx, may_import
from pacesetter.orgs.importing.console import find_user
from pacesetter.orgs.models import Leader, Member, Organization
from pacesetter.orgs.queries import (
    leaders_visible_to,
    members_visible_to,
    organizations_visible_to,
    subtree_q,
)

_FIELD = {"organizations": "path", "members": "organization__path", "leaders": "organization__path"}


def _queryset(kind: str, by):
    if by is None:
        return {"organizations": Organization, "members": Member, "leaders": Leader}[kind].objects.all()
    return {
        "organizations": organizations_visible_to,
        "members": members_visible_to,
        "leaders": leaders_visible_to,
    }[kind](by)


class Command(BaseCommand):
    help = "Export organisations, members or leaders to .xlsx in the import's columns."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", help=_("Where to write the .xlsx file."))
        parser.add_argument("--user", help=_("Export only what this user sees (they must be allowed to import)."))
        parser.add_argument("--org", help=_("Only this organisation and everything under it."))

    def handle(self, *args, kind, file, user=None, org=None, **options):
        by = find_user(user)
        if by is not None and not may_import(by, kind):
            raise CommandError(_("%(user)s may not export these records.") % {"user": by.get_username()})
        queryset = _queryset(kind, by)
        if org:
            scope = organizations_visible_to(by) if by is not None else Organization.objects.all()
            top = scope.filter(code=org).first()
            if top is None:
                raise CommandError(_("Unknown organisation code %(code)s.") % {"code": org})
            queryset = queryset.filter(subtree_q(top.path, _FIELD[kind]))
        data = export_xlsx(kind, queryset, by=by)
        Path(file).write_bytes(data)
        count = queryset.count()
        message = ngettext("%(count)d row written to %(file)s.", "%(count)d rows written to %(file)s.", count)
        self.stdout.write(self.style.SUCCESS(message % {"count": count, "file": file}))
