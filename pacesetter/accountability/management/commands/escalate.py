"""`pacesetter escalate [--date YYYY-MM-DD] [--dry-run]`: apply the escalation ladder (daily cron)."""
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.accountability.enums import EscalationAction
from pacesetter.accountability.escalation import escalate


KIND = "accountability.escalate"


class Command(BaseCommand):
    help = _("Apply the county's escalation ladder to late key tasks: reminders, supervision notices, "
             "accountability cases. Safe to run again: nothing is done twice.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_("Apply the ladder as of this day (YYYY-MM-DD); today by default."))
        parser.add_argument("--dry-run", action="store_true", help=_("Say what would be done; change nothing."))
        parser.add_argument("--background", action="store_true",
                            help=_("Queue it for the background worker (pacesetter db_worker) instead; see /jobs/."))

    def handle(self, *args, date=None, dry_run=False, background=False, **options):
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(_("--date must be a day written YYYY-MM-DD, not %(value)r.") % {"value": date})
        else:
            day = timezone.localdate()
        if background:
            from pacesetter.jobs.domain import start_job

            job = start_job(KIND, by=None, params={"date": day.isoformat(), "dry_run": dry_run})
            self.stdout.write(_("Queued as background job %(id)d.") % {"id": job.pk})
            return
        summary = escalate(day, dry_run=dry_run)
        for a in summary.applied:
            self.stdout.write(f"{a.task.code}\t{a.days_late}\t{a.step.get_action_display()}")
        counts = {action: summary.count(action) for action in EscalationAction.values}
        message = (_("%(day)s: %(late)d late tasks; reminders %(reminder)d, supervision notices %(supervision)d, "
                     "accountability cases %(case)d.")
                   % {"day": day.isoformat(), "late": summary.late, **counts})
        self.stdout.write(_("Dry run, nothing changed: %(summary)s") % {"summary": message} if dry_run else message)
