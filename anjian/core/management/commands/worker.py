"""`anjian worker`: the background worker (huey's consumer) — queued work such as notification
delivery, and the scheduled checks (deadline reminders, missing daily reports, weekly bulletins).

The queue is the SQLite file data/queue.sqlite3 by default (no server) or Redis when REDIS_URL is
set; several workers on several machines can share a Redis queue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker (huey consumer with its scheduler)."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=None,
                            help="worker threads (default: the HUEY setting, 2)")
        parser.add_argument("--quiet", action="store_true", help="log only warnings and errors")

    def handle(self, *args, workers=None, quiet=False, **options):
        extra = ["--workers", str(workers)] if workers else []
        if quiet:
            extra.append("--quiet")
        call_command("run_huey", *extra)
