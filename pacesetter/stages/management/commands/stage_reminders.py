"""`pacesetter stage_reminders [--days N] [--dry-run]`: meant for a daily cron.

Tells the admins of organisations with campaign-stage tasks due within N days
(settings.STAGE_REMIND_DAYS, 3) or overdue, once a day each.
"""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ...reminders import remind_days, send_stage_reminders


KIND = "stages.reminders"


class Command(BaseCommand):
    help = "Remind organisations of campaign-stage tasks due soon or overdue (once a day each)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help=_("Remind of deadlines at most this many days ahead (default: %(days)d).")
                            % {"days": remind_days()})
        parser.add_argument("--dry-run", action="store_true", help=_("Count what would be sent; send nothing."))
        parser.add_argument("--background", action="store_true",
                            help=_("Queue it for the background worker (pacesetter db_worker) instead; see /jobs/."))

    def handle(self, *args, days=None, dry_run=False, background=False, **options):
        if days is not None and days < 0:
            raise CommandError(_("--days must be 0 or more."))
        if background:
            from pacesetter.jobs.domain import start_job

            job = start_job(KIND, by=None, params={"days": days, "dry_run": dry_run})
            self.stdout.write(_("Queued as background job %(id)d.") % {"id": job.pk})
            return
        summary = send_stage_reminders(timezone.localdate(), days=days, dry_run=dry_run)
        values = vars(summary)
        found = _("Organisations to remind: %(organizations)d (tasks due soon: %(due_soon)d, overdue: %(overdue)d; "
                  "%(without_recipient)d with nobody to tell).") % values
        done = (_("Dry run, nothing sent: %(notifications)d notifications would be sent.") if dry_run
                else _("Notifications sent: %(notifications)d.")) % values
        self.stdout.write(self.style.SUCCESS(f"{found} {done}"))
