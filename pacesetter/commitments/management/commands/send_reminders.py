"""`pacesetter send_reminders [--days N] [--campaign ID] [--dry-run]`: meant for a daily cron.

Tells the owners of open commitment items due within N days (settings.COMMITMENT_REMIND_DAYS)
or overdue, in-app and by e-mail, each event once; a second run the same day sends nothing.
"""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.campaigns.models import Campaign

from ...reminders import remind_days, send_reminders


KIND = "commitments.reminders"


class Command(BaseCommand):
    help = "Remind owners of commitment items due soon or overdue (each event once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help=_("Remind of deadlines at most this many days ahead (default: COMMITMENT_REMIND_DAYS, %(days)d).")
            % {"days": remind_days()},
        )
        parser.add_argument("--campaign", type=int, default=None, help=_("Only this campaign (its number)."))
        parser.add_argument("--dry-run", action="store_true", help=_("Count what would be sent; send nothing."))
        parser.add_argument("--background", action="store_true",
                            help=_("Queue it for the background worker (pacesetter db_worker) instead; see /jobs/."))

    def handle(self, *args, days=None, campaign=None, dry_run=False, background=False, **options):
        if days is not None and days < 0:
            raise CommandError(_("--days must be 0 or more."))
        if background and campaign is not None:
            raise CommandError(_("--background runs for every campaign; leave out --campaign."))
        if background:
            from pacesetter.jobs.domain import start_job

            job = start_job(KIND, by=None, params={"days": days, "dry_run": dry_run})
            self.stdout.write(_("Queued as background job %(id)d.") % {"id": job.pk})
            return
        campaign_ = None
        if campaign is not None:
            campaign_ = Campaign.objects.filter(pk=campaign).first()
            if campaign_ is None:
                raise CommandError(_("There is no campaign %(id)d.") % {"id": campaign})
        summary = send_reminders(timezone.localdate(), days=days, campaign=campaign_, dry_run=dry_run)
        values = {
            "due": summary.due, "overdue": summary.overdue, "nobody": summary.without_recipient,
            "notifications": summary.notifications, "emails": summary.emails,
        }
        found = _("Items due soon: %(due)d, overdue: %(overdue)d (%(nobody)d with nobody to tell).") % values
        if dry_run:
            done = _("Dry run, nothing sent: notifications %(notifications)d and e-mails %(emails)d would be sent.")
        else:
            done = _("Notifications sent: %(notifications)d, e-mails: %(emails)d.")
        self.stdout.write(self.style.SUCCESS(f"{found} {done % values}"))
