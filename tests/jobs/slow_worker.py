"""`pacesetter db_worker` for the fault tests, with each progress report held for
SLOW_PROGRESS seconds after it is written, so a test can kill the worker at a known step
of a real import or tally. Nothing else is changed: the work is the product's code."""
import os
import sys
import time


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    import django

    django.setup()
    delay = float(os.environ.get("SLOW_PROGRESS", "0"))
    if delay:
        from pacesetter.jobs import runner

        report = runner.Heartbeat.progress

        def slow(self, stage, percent):
            report(self, stage, percent)
            time.sleep(delay)

        runner.Heartbeat.progress = slow
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pacesetter", *sys.argv[1:]])


if __name__ == "__main__":
    main()
