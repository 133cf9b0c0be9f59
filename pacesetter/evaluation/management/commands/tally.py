"""`pacesetter tally ROUND [--background] [--user NAME]`: count a closed or released round.

Prints the ballot-set fingerprint and what the count found; with --background the count
is queued for the background worker (`pacesetter db_worker`) instead.
"""
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.importing.console import find_user

from ...models import Round, SubjectResult, TallyJobState, TallyResult
from ...tasks import request_tally


class Command(BaseCommand):
    help = "Count the ballots of a closed or released round and store the results (replacing an earlier count)."

    def add_arguments(self, parser):
        parser.add_argument("round_id", metavar="ROUND", type=int, help=_("The round's number."))
        parser.add_argument("--background", action="store_true",
                            help=_("Queue the count for the background worker (pacesetter db_worker)."))
        parser.add_argument("--user", help=_("Act as this user (default: the system)."))

    def handle(self, *args, round_id, background, user=None, **options):
        by = find_user(user)
        round_ = Round.objects.filter(pk=round_id).first()
        if round_ is None:
            raise CommandError(_("There is no round %(id)d.") % {"id": round_id})
        try:
            job = request_tally(round_, by=by, background=background)
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from error
        if job.state == TallyJobState.QUEUED:
            self.stdout.write(_("Count queued as job %(job)d; the background worker (pacesetter db_worker) runs it.")
                              % {"job": job.pk})
            return
        if job.state == TallyJobState.FAILED:
            raise CommandError(job.message)
        tally = TallyResult.objects.get(round=round_)
        figures = SubjectResult.objects.filter(tally=tally).aggregate(
            subjects=Count("pk"),
            insufficient=Count("pk", filter=Q(insufficient_sample=True)),
            flagged=Count("pk", filter=Q(dissatisfied_flag=True)),
        )
        lines = [
            (_("fingerprint"), tally.fingerprint),
            (_("ballots"), tally.ballots),
            (_("answers"), tally.answers),
            (_("subjects"), figures["subjects"]),
            (_("insufficient sample"), figures["insufficient"]),
            (_("flagged for dissatisfaction"), figures["flagged"]),
        ]
        self.stdout.write(self.style.SUCCESS(_("Round %(id)d “%(name)s” counted.") % {"id": round_.pk, "name": round_.name}))
        width = max(len(label) for label, _value in lines)
        for label, value in lines:
            self.stdout.write(f"{label:<{width}}  {value}")
