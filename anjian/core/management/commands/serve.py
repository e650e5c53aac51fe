"""`anjian serve`: serve Anjian with waitress (a production WSGI server, pure Python, no setup)."""

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Anjian over HTTP with waitress (static files by WhiteNoise)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from anjian.wsgi import application

        db = settings.DATABASES["default"]
        self.stdout.write(self.style.SUCCESS(f"安监 Anjian: http://{host}:{port}/"))
        self.stdout.write(f"数据库 database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        self.stdout.write("按 Ctrl+C 停止 / press Ctrl+C to stop")
        serve(application, host=host, port=port, threads=threads, ident="anjian")
