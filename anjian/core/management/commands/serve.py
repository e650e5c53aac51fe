"""`anjian serve`: serve Anjian over HTTP (static files by WhiteNoise), no other setup.

One process by default: waitress, a pure-Python WSGI server with a pool of threads. With
`--workers N` (N > 1), granian instead: its HTTP handling is in Rust and it runs N worker
processes on one port, so a machine's cores all serve requests without a proxy in front
(one Python process runs Python on one core at a time), with 2 threads each by default: more
threads in a process only contend for its one core (on 2 cores, 2 processes served ~5% more
record submissions a second with 1 thread each than with 2, and ~15% fewer with 4), and 2 keep a
process answering while one request runs long. Figures: docs/performance.md,
"Record submission under load".
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Anjian over HTTP: waitress, or granian with --workers N > 1."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=None,
                            help="threads per process (8 with one process, 2 with several)")
        parser.add_argument("--workers", type=int, default=1,
                            help="processes; more than 1 serves with granian")

    def handle(self, *args, host, port, threads, workers, **options):
        threads = threads or (8 if workers == 1 else 2)
        if workers < 1 or threads < 1:
            raise CommandError("--workers 与 --threads 至少为 1 / must be at least 1")
        db = settings.DATABASES["default"]
        self.stdout.write(self.style.SUCCESS(f"安监 Anjian: http://{host}:{port}/"))
        self.stdout.write(f"数据库 database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        self.stdout.write("按 Ctrl+C 停止 / press Ctrl+C to stop")
        self.stdout.flush()
        if workers == 1:
            from waitress import serve

            from anjian.wsgi import application

            serve(application, host=host, port=port, threads=threads, ident="anjian")
            return
        from granian.constants import Interfaces
        from granian.server import Server

        Server("anjian.wsgi:application", address=host, port=port, interface=Interfaces.WSGI,
               workers=workers, blocking_threads=threads, websockets=False, log_access=False).serve()
