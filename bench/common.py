"""What every benchmark shares: its own database, timing, and printing the figures.

A benchmark never touches the user's data. `setup_django(name)` picks the kind of database from
DATABASE_URL, as Anjian itself does:

- unset or sqlite: a fresh SQLite file `bench/out/<name>.sqlite3` (bench/out/ is git-ignored);
- postgres://…/whatever: a fresh database `anjian_bench_<name>` on the same server, created here
  and dropped when the process ends (set ANJIAN_BENCH_KEEP=1 to keep it for a look afterwards).

It then points Django at that database (DATABASE_URL, ANJIAN_DATA_DIR, a fixed secret key, and
`testserver` as an allowed host for the in-process test client), calls django.setup() and migrates.
Django can be set up once per process, so `python -m bench` runs each benchmark on each database in
a child process of its own.

A benchmark reports its figures with `save_results(bench, rows)`; `python -m bench` prints the rows
of every benchmark and database side by side at the end.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import platform
import re
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

OUT_DIR = Path(__file__).resolve().parent / "out"
RESULTS_DIR = OUT_DIR / "results"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def database_kind(url: str | None = None) -> str:
    """'postgresql' or 'sqlite', from a DATABASE_URL (default: the environment's)."""
    url = os.environ.get("DATABASE_URL", "") if url is None else url
    return "postgresql" if url.startswith(("postgres://", "postgresql://", "pgsql://")) else "sqlite"


def _with_dbname(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query, ""))


def _pg_conninfo(url: str) -> str:
    # psycopg understands postgresql:// URLs; dj-database-url also accepts postgres:// and pgsql://.
    return re.sub(r"^(postgres|pgsql)://", "postgresql://", url)


@dataclass
class BenchDatabase:
    """The database one benchmark runs on."""

    vendor: str  # "sqlite" or "postgresql"
    name: str  # the SQLite file or the PostgreSQL database name
    url: str
    admin_url: str = ""  # PostgreSQL: where to create and drop it from
    version: str = ""

    @property
    def label(self) -> str:
        return f"{'SQLite' if self.vendor == 'sqlite' else 'PostgreSQL'} {self.version}".strip()

    def exists(self) -> bool:
        if self.vendor == "sqlite":
            return Path(self.name).exists()
        import psycopg

        with psycopg.connect(_pg_conninfo(self.admin_url), autocommit=True) as conn:
            return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                [self.name]).fetchone() is not None

    def create(self) -> None:
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(self.name + suffix).unlink(missing_ok=True)
            Path(self.name).parent.mkdir(parents=True, exist_ok=True)
            return
        import psycopg

        with psycopg.connect(_pg_conninfo(self.admin_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        """Remove the benchmark's database (PostgreSQL); the SQLite file stays for a look."""
        if self.vendor != "postgresql":
            return
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(_pg_conninfo(self.admin_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def bench_database(name: str, url: str | None = None, database: str | None = None
                   ) -> BenchDatabase:
    """The database benchmark `name` uses on the server DATABASE_URL names (or SQLite):
    `anjian_bench_<name>`, or `database` when given (also the SQLite file's name)."""
    for value in (name, database or "x"):
        if not re.fullmatch(r"[a-z0-9_]+", value):
            raise ValueError(f"benchmark and database names are lower-case letters, digits and _: "
                             f"{value!r}")
    url = os.environ.get("DATABASE_URL", "") if url is None else url
    if database_kind(url) == "postgresql":
        dbname = database or f"anjian_bench_{name}"
        return BenchDatabase("postgresql", dbname, _with_dbname(url, dbname),
                             admin_url=_with_dbname(url, "postgres"))
    path = OUT_DIR / f"{database or name}.sqlite3"
    return BenchDatabase("sqlite", str(path), f"sqlite:///{path}")


def setup_django(name: str, *, migrate: bool = True, reuse: bool = False,
                 database: str | None = None) -> BenchDatabase:
    """Create benchmark `name`'s own fresh database, set Django up on it and migrate it.

    reuse=True keeps the database of an earlier run when there is one (its data stays; the
    benchmark decides whether it fits) and never drops it: for quick iterations while tuning.
    `database` names the database instead of `anjian_bench_<name>` (see bench_database).
    """
    import django
    from django.conf import settings

    if settings.configured:
        raise RuntimeError("Django is already set up in this process; run each benchmark on its own")
    db = bench_database(name, database=database)
    reused = reuse and db.exists()
    if not reused:
        db.create()
    os.environ["DATABASE_URL"] = db.url
    os.environ["ANJIAN_DATA_DIR"] = str(OUT_DIR / "data")
    os.environ["ANJIAN_SECRET_KEY"] = "bench-only-not-secret"
    os.environ["ANJIAN_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["ANJIAN_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "anjian.settings"
    django.setup()
    if db.vendor == "postgresql" and os.environ.get("ANJIAN_BENCH_KEEP") != "1" and not reuse:
        atexit.register(db.drop)
    from django.db import connection

    with connection.cursor() as cursor:
        if db.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            db.version = cursor.fetchone()[0]
        else:
            cursor.execute("show server_version")
            db.version = cursor.fetchone()[0].split()[0]
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    return db


def analyze(db: BenchDatabase) -> None:
    """Vacuum and refresh PostgreSQL's planner statistics after a bulk load, as autovacuum soon
    would (the visibility map it sets is what lets PostgreSQL answer from an index alone).

    SQLite is left as an installation has it: Django never runs ANALYZE there, so the plans measured
    are the ones a real SQLite installation gets.
    """
    from django.db import connection

    if db.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# --- timing -------------------------------------------------------------------------------------

def time_calls(fn: Callable[[], object], *, repeat: int = 30, warmup: int = 3,
               cpu: list[float] | None = None) -> list[float]:
    """Call `fn` `warmup` times untimed, then `repeat` times; the wall-clock durations in ms.

    Pass a list as `cpu` to also collect this process's CPU time per call (ms): on a shared,
    busy machine it shows the work done apart from waiting for a core.
    """
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    return samples


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    """95th percentile by nearest rank (of 30 samples: the second slowest)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def peak_memory_mib() -> float:
    """This process's peak resident memory so far (Linux: ru_maxrss is in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_summary() -> str:
    """CPU model, cores and memory, for the figures' context."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


# --- reporting ----------------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain-text table whose columns line up also with Chinese text; numbers align right."""
    body = [[str(c) for c in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            numeric = i > 0 and bool(re.fullmatch(r"[-\d.,%×/ a-zA-Z]+", cell))
            out.append(pad + cell if numeric else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(list(headers)), rule, *(line(r) for r in body)])


def save_results(bench: str, db: BenchDatabase, rows: list[dict]) -> Path:
    """Keep a benchmark's figures for the side-by-side summary of `python -m bench`.

    Each row is a dict with at least "name" (what was measured) and "value" (how to show it,
    e.g. "41.2 ms (p95 47.0)"); other keys (median_ms, p95_ms, rows_per_s…) are kept as data.
    """
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{bench}-{db.vendor}.json"
    payload = {"bench": bench, "database": db.label, "vendor": db.vendor,
               "machine": machine_summary(), "finished_at": time.time(), "rows": rows}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1))
    return path
