"""`pacesetter verify_audit`: recompute the audit log's hash chain; exit non-zero at the first break."""
from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from pacesetter.core.audit import Break, verify_chain
from pacesetter.core.models import AuditHead


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log. Exits 0 when intact, 1 naming the first broken entry."

    def handle(self, *args, **options):
        head = AuditHead.objects.filter(pk=1).first()
        total = head.count if head else 0
        result = 0
        with Progress(transient=True, disable=not self.stdout.isatty()) as progress:
            task = progress.add_task("verifying", total=total or None)
            for item in verify_chain():
                if isinstance(item, Break):
                    where = f"entry #{item.entry_id}" if item.entry_id else "the start of the log"
                    raise CommandError(f"audit chain broken at {where}: {item.reason}")
                result = item
                progress.update(task, completed=item)
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {result} entries"))
