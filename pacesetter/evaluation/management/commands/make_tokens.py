"""`pacesetter make_tokens ROUND --subject ORG_CODE --group GROUP --count N --csv FILE`.

Writes the ballot URLs of N fresh tokens to a CSV (for an SMS gateway or a mail merge);
the unused tokens made before for that subject and group are revoked. The tokens exist
only in that file from then on: keep it safe and delete it once sent.
"""
import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pacesetter.core.errors import DomainError
from pacesetter.orgs.importing.console import find_user

from ... import domain
from ...enums import GroupKind
from ...models import Round, RoundGroup, RoundSubject


class Command(BaseCommand):
    help = "Make one-time ballot tokens for a subject and voter group; write their ballot URLs to a CSV."

    def add_arguments(self, parser):
        parser.add_argument("round_id", metavar="ROUND", type=int, help=_("The round's number."))
        parser.add_argument("--subject", required=True, help=_("The code of the organisation evaluated."))
        parser.add_argument("--group", required=True, choices=GroupKind.values, help=_("The voter group."))
        parser.add_argument("--count", required=True, type=int, help=_("How many tokens."))
        parser.add_argument("--csv", required=True, help=_("Where to write the ballot URLs."))
        parser.add_argument("--base-url", default="", help=_("Put in front of each path, e.g. https://pacesetter.example.org"))
        parser.add_argument("--user", help=_("Act as this user (default: the system)."))

    def handle(self, *args, round_id, subject, group, count, csv, base_url, user=None, **options):
        by = find_user(user)
        round_ = Round.objects.filter(pk=round_id).first()
        if round_ is None:
            raise CommandError(_("There is no round %(id)d.") % {"id": round_id})
        subject_ = RoundSubject.objects.filter(round=round_, organization__code=subject).select_related("organization").first()
        if subject_ is None:
            raise CommandError(_("%(code)s is not a subject of this round.") % {"code": subject})
        group_ = RoundGroup.objects.filter(round=round_, voter_group__kind=group).select_related("voter_group").first()
        if group_ is None:
            raise CommandError(_("The voter group %(group)s does not vote in this round.") % {"group": group})
        path = Path(csv)
        try:
            tokens = domain.make_tokens(round_, subject=subject_, group=group_, count=count, by=by)
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from error
        _write_csv(path, [base_url.rstrip("/") + reverse("ballot:vote", kwargs={"token": t}) for t in tokens])
        message = ngettext("%(count)d ballot URL written to %(file)s.", "%(count)d ballot URLs written to %(file)s.", count)
        self.stdout.write(self.style.SUCCESS(message % {"count": count, "file": path}))


def _write_csv(path: Path, urls: list[str]) -> None:
    """Only the owner may read the file: it holds live tokens."""
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["number", "url"])
        writer.writerows([n, url] for n, url in enumerate(urls, start=1))
