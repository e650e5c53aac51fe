"""Hazards and inspections at county scale: the ledger, the statistics and record submission.

Data: bench/generate_county.py — at full scale 50,000 units, 3,000,000 inspection records and
1,000,000 hazards over three years (PostgreSQL); SQLite gets the same county at a smaller scale
(default 0.05: 2,500 units, 150,000 records, 50,000 hazards) for the side-by-side.

(a) The hazard ledger, on the page's own code path — HazardFilterSet over the user's scoped
    hazards, then selectors.hazard_page (count, the page's ids, the page's rows) — for the safety
    office of one town and of the county, with no filter, state=rectifying, overdue, level=major,
    one village and a free-text search. The user is read afresh for each call, as each request
    does (its grants included). Also the whole ledger page /hazards/ through Django's middleware,
    view and template, and the figures above it (/hazards/figures/, which the page fetches on
    its own: the filtered hazards' totals; aim as statistics, 300 ms). Median and p95 of
    --repeat calls after --warmup; aims: under 100 ms.
(b) Statistics (selectors.hazard_statistics) of one year's hazards, in total and by region, for the
    town and the county; aim: under 300 ms.
(c) Record submission under load: the real server (`anjian serve --workers <cores>`: granian, one
    process per core, 2 threads each) in a subprocess on a free loopback port against this database; --clients threads each post multipart submissions
    (a tiny JPEG and 10 answers, token authentication, a unique Idempotency-Key each) for
    --seconds; every 10th submission is sent again after its answer (a phone retrying) and every
    20th twice at the same moment on two connections. Reported: new records per second, requests
    per second, latency, errors (anything but 201 for a new key and 200 for a retry: must be 0),
    and duplicates (records minus distinct keys, and retries answered with another record: must
    be 0). Aim: at least 200 submissions per second.

    python -m bench hazards --postgres                 # both databases, default scales
    python -m bench.bench_hazards --scale 0.02 --repeat 10 --seconds 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        python -m bench.bench_hazards --scale 0.02 --reuse --only submit --clients 16
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path

from bench.common import (
    OUT_DIR,
    analyze,
    database_kind,
    format_table,
    machine_summary,
    median,
    p95,
    save_results,
    setup_django,
    time_calls,
)

BENCH = "hazards"
DATABASE = "bench_hz_hazards"
ROOT = Path(__file__).resolve().parent.parent
TEXT = "灭火器"

# Rarer words than TEXT (8% of the hazards): a mining hazard's description (0.5%), a word in 1% of
# the units' names, and one that matches nothing (the worst case for a scan).
RARE_TEXTS = ("废弃坑口", "烩面馆", "锅炉房")


# --- (a) and (b): the ledger and the statistics --------------------------------------------------

def ledger_cases(village_id: int) -> list[tuple[str, dict]]:
    return [
        ("无筛选 no filter", {}),
        ("整改中 state=rectifying", {"state": "rectifying"}),
        ("逾期 overdue", {"overdue": "true"}),
        ("重大 level=major", {"level": "major"}),
        ("村 region=village", {"region": str(village_id)}),
        (f"关键词 q={TEXT}", {"q": TEXT}),
        *((f"关键词 q={text}", {"q": text}) for text in RARE_TEXTS),
    ]


def fresh_user(pk: int):
    """The user as a request sees it: read again, its grants not yet loaded."""
    from anjian.accounts.models import User

    return User.objects.get(pk=pk)


def ledger_page(user_pk: int, data: dict):
    from django.http import QueryDict

    from anjian.hazards import selectors
    from anjian.hazards.filtersets import HazardFilterSet

    user = fresh_user(user_pk)
    query = QueryDict(mutable=True)
    query.update(data)
    filterset = HazardFilterSet(query, queryset=selectors.hazard_list(user), user=user)
    page = selectors.hazard_page(filterset.qs, 1)
    return page.paginator.count, len(page.object_list)


def statistics(user_pk: int, year: int, by: str | None):
    from anjian.hazards import selectors
    from anjian.hazards.filtersets import HazardFilterSet
    from anjian.hazards.views.ledger import top_region

    user = fresh_user(user_pk)
    filterset = HazardFilterSet({"discovered_from": f"{year}-01-01",
                                 "discovered_to": f"{year}-12-31"},
                                queryset=selectors.hazard_list(user), user=user)
    within = top_region(user) if by == "region" else None
    return selectors.hazard_statistics(filterset.qs, by=by, within=within)


def count_queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def explain(fn) -> None:
    """Print each query `fn` runs with its plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else \
        "EXPLAIN (ANALYZE, BUFFERS) "
    for q in list(ctx.captured_queries):
        sql = q["sql"]
        print(f"[{q['time']} s] {sql[:800]}")
        if sql.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                for row in cursor.fetchall():
                    print("    " + " ".join(str(c) for c in row))


def measure(name: str, fn, args, rows: list, table: list, extra: str = "") -> None:
    cpu: list[float] = []
    queries = count_queries(fn)
    samples = time_calls(fn, repeat=args.repeat, warmup=args.warmup, cpu=cpu)
    med, high = median(samples), p95(samples)
    table.append([name, extra, queries, f"{med:.1f}", f"{high:.1f}", f"{median(cpu):.1f}"])
    rows.append({"name": name, "value": f"{med:.1f} ms (p95 {high:.1f})",
                 "median_ms": round(med, 2), "p95_ms": round(high, 2),
                 "cpu_median_ms": round(median(cpu), 2), "queries": queries, "matched": extra})
    print(f"{name:55} {med:8.1f} ms  p95 {high:8.1f} ms  cpu {median(cpu):6.1f} ms  {extra}",
          flush=True)


def run_reads(county, args, rows: list) -> None:
    from django.db import close_old_connections
    from django.db.models import Count
    from django.test import Client

    from anjian.hazards.models import Hazard

    town = county.towns[0]
    village = (Hazard.objects.filter(region__path__startswith=town.path, region__level=3)
               .values("region").annotate(n=Count("pk")).order_by("-n", "region")[0]["region"])
    year = dt.date.today().year - 1
    table: list = []
    for key in ("town_office", "county_office"):
        user = county.users[key]
        for label, data in ledger_cases(village):
            if args.only and "ledger" not in args.only:
                break
            fn = lambda u=user.pk, d=data: ledger_page(u, d)  # noqa: E731
            matched = f"{fn()[0]:,}"
            if args.explain:
                print(f"\n--- {key} · {label}")
                explain(fn)
            measure(f"{key} · 台账 ledger · {label}", fn, args, rows, table, matched)
        if not args.only or "page" in args.only:
            client = Client()
            client.force_login(user)
            cases = ledger_cases(village)
            for label, data in cases[:1] + cases[4:6]:
                query = "&".join(f"{k}={v}" for k, v in data.items())
                for what, url in (("台账页面 page", "/hazards/"),
                                  ("页面数字 figures", "/hazards/figures/")):

                    def page(c=client, u=url, q=query):
                        response = c.get(f"{u}?{q}", HTTP_HX_REQUEST="true") \
                            if "figures" in u else c.get(f"{u}?{q}")
                        close_old_connections()
                        assert response.status_code == 200, response.status_code
                        return response

                    measure(f"{key} · {what} · {label}", page, args, rows, table)
        if not args.only or "stats" in args.only:
            for by in (None, "region"):
                fn = lambda u=user.pk, b=by: statistics(u, year, b)  # noqa: E731
                found = f"{sum(s.found for s in fn()):,}"
                if args.explain:
                    print(f"\n--- {key} · statistics by {by}")
                    explain(fn)
                measure(f"{key} · 统计 statistics {year} · {'合计 total' if by is None else '按区划 by region'}",
                        fn, args, rows, table, found)
    print(f"\n{args.label}, median/p95 of {args.repeat} calls after {args.warmup} warm-up:")
    print(format_table(["case", "matched", "queries", "median ms", "p95 ms", "cpu ms"], table))


# --- (d) the dashboard and the weekly bulletin (issue 7's aims: 300 ms and 10 s) ------------------

def run_dashboard(county, args, rows: list) -> None:
    from django.db import close_old_connections
    from django.test import Client

    table: list = []
    for key in ("town_office", "county_office"):
        client = Client()
        client.force_login(county.users[key])

        def page(c=client):
            response = c.get("/dashboard/")
            close_old_connections()
            assert response.status_code == 200, response.status_code
            return response

        measure(f"{key} · 数据看板 dashboard", page, args, rows, table)
    print(f"\n{args.label}, median/p95 of {args.repeat} calls after {args.warmup} warm-up:")
    print(format_table(["case", "matched", "queries", "median ms", "p95 ms", "cpu ms"], table))


def run_bulletin(county, args, rows: list) -> None:
    """The weekly bulletin of the whole county and of one town (figures + the .docx), last week."""
    from anjian.reports.documents import bulletin_docx
    from anjian.reports.selectors import bulletin_figures

    last_week = dt.date.today() - dt.timedelta(days=7)
    table: list = []
    for name, region in (("county", county.county), ("town", county.towns[0])):
        def bulletin(r=region):
            return len(bulletin_docx(bulletin_figures(r, last_week)))

        found = f"{bulletin_figures(region, last_week).found:,} found"
        measure(f"{name} · 周通报 weekly bulletin", bulletin, argparse.Namespace(
            repeat=min(args.repeat, 5), warmup=1), rows, table, found)
    print(format_table(["case", "matched", "queries", "median ms", "p95 ms", "cpu ms"], table))


# --- (c) record submission under load -------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tiny_jpegs(n: int) -> list[bytes]:
    from PIL import Image

    out = []
    for i in range(n):
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), (i % 256, (i // 256) % 256, 90)).save(buffer, "JPEG")
        out.append(buffer.getvalue())
    return out


def submitters(county, clients: int):
    """`clients` village cadres in the busiest villages, each with a token and the active units
    of their village, and a 10-item checklist."""
    from rest_framework.authtoken.models import Token

    from anjian.accounts.choices import Role
    from anjian.accounts.models import RoleGrant, User
    from anjian.inspections.services import checklist_template_create
    from anjian.regions.models import Region
    from anjian.units.models import Unit

    template = checklist_template_create(
        actor=county.users["county_office"], data={"name": "压测检查表（10项）"},
        items=[{"text": f"检查项 {n}：安全出口畅通、消防器材完好", "section": "消防安全"}
               for n in range(1, 11)])
    items = list(template.items.order_by("order").values_list("pk", flat=True))
    per_village: Counter = Counter()
    for path in Unit.objects.filter(status="active").values_list("region__path", flat=True):
        per_village["/".join(path.split("/")[:4]) + "/"] += 1
    busiest = [path for path, _n in per_village.most_common(clients)]
    villages = sorted(Region.objects.filter(path__in=busiest), key=lambda r: busiest.index(r.path))
    people = []
    for i, village in enumerate(villages):
        user, _created = User.objects.get_or_create(
            username=f"bench_submitter_{i:02d}", defaults={"display_name": f"{village.name}干部"})
        if _created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            RoleGrant.objects.create(user=user, role=Role.VILLAGE, region=village)
        units = list(Unit.objects.filter(region__path__startswith=village.path, status="active")
                     .values_list("pk", flat=True)[:200])
        token, _ = Token.objects.get_or_create(user=user)
        people.append((token.key, units))
    return template.pk, items, people


def multipart(record: dict, photo: bytes) -> tuple[bytes, str]:
    boundary = "----anjianbench7MA4YWxkTrZu0gW"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="record"\r\n'
        f"Content-Type: application/json\r\n\r\n".encode(),
        json.dumps(record, ensure_ascii=False).encode(), b"\r\n",
        f'--{boundary}\r\nContent-Disposition: form-data; name="p"; filename="p.jpg"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode(), photo, b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Client(threading.Thread):
    """One phone: posts submissions until the deadline over a kept-alive connection."""

    def __init__(self, n: int, port: int, token: str, units: list[int], template: int,
                 items: list[int], photos: list[bytes], run: str, start_at: float, stop_at: float):
        super().__init__(daemon=True)
        self.n, self.port, self.token, self.units = n, port, token, units
        self.template, self.items, self.photos, self.run_id = template, items, photos, run
        self.start_at, self.stop_at = start_at, stop_at
        self.outcomes: Counter = Counter()
        self.latencies: list[float] = []
        self.ids: dict[str, int] = {}  # key -> record id answered
        self.mismatched = 0
        self.errors: list[str] = []

    def connection(self) -> HTTPConnection:
        return HTTPConnection("127.0.0.1", self.port, timeout=60)

    def post(self, conn: HTTPConnection, key: str, body: bytes, ctype: str):
        started = time.perf_counter()
        conn.request("POST", "/api/inspection-records/", body=body, headers={
            "Content-Type": ctype, "Authorization": f"Token {self.token}",
            "Idempotency-Key": key, "Host": "127.0.0.1"})
        response = conn.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        return response.status, data, elapsed

    def note(self, key: str, status: int, data: bytes, expected: tuple[int, ...], kind: str,
             timed: bool) -> None:
        if status not in expected:  # counted in the warm-up too
            self.outcomes[f"{kind} error {status}"] += 1
            if len(self.errors) < 5:
                self.errors.append(f"{kind} {key}: {status} {data[:300]!r}")
            return
        record_id = json.loads(data)["id"]
        if key in self.ids and self.ids[key] != record_id:
            self.mismatched += 1
        self.ids.setdefault(key, record_id)
        if timed:
            self.outcomes[f"{kind} {status}"] += 1

    def run(self) -> None:
        conn, second = self.connection(), self.connection()
        i = 0
        while True:
            now = time.perf_counter()
            if now >= self.stop_at:
                break
            timed = now >= self.start_at
            i += 1
            key = f"{self.run_id}-{self.n}-{i}"
            answers = [{"item": item, "verdict": "conforms"} for item in self.items]
            if i % 5 == 0:
                answers[3] = {"item": self.items[3], "verdict": "nonconforms", "text": "灭火器过期"}
            record = {"unit": self.units[i % len(self.units)], "kind": "grid_patrol",
                      "template": self.template, "summary": "压测提交", "answers": answers,
                      "photos": ["p"]}
            body, ctype = multipart(record, self.photos[(self.n * 7919 + i) % len(self.photos)])
            try:
                if i % 20 == 7:  # the same submission twice at once, on two connections
                    results = {}

                    def other(c=second, k=key, b=body, t=ctype, out=results):
                        out["other"] = self.post(c, k, b, t)

                    helper = threading.Thread(target=other)
                    helper.start()
                    status, data, elapsed = self.post(conn, key, body, ctype)
                    helper.join()
                    other_status, other_data, _elapsed = results["other"]
                    pair = sorted([status, other_status])
                    self.note(key, status, data, (200, 201), "race", timed)
                    self.note(key, other_status, other_data, (200, 201), "race", timed)
                    if pair != [200, 201]:
                        self.outcomes["race not 201+200"] += 1
                else:
                    status, data, elapsed = self.post(conn, key, body, ctype)
                    self.note(key, status, data, (201,), "new", timed)
                    if i % 10 == 3:  # the phone lost the answer and sends it again
                        again, again_data, _e = self.post(conn, key, body, ctype)
                        self.note(key, again, again_data, (200,), "retry", timed)
                if timed:
                    self.latencies.append(elapsed)
            except Exception as exc:  # a dropped connection, a timeout …
                self.outcomes[f"exception {type(exc).__name__}"] += 1
                if len(self.errors) < 5:
                    self.errors.append(f"{key}: {exc!r}")
                conn.close()
                conn = self.connection()
        conn.close()
        second.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its living descendants (Linux /proc): a
    granian server's work is done by its worker processes."""
    stats = {}
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = path.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        stats[int(path.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree = {pid}
    for _ in range(4):  # a few generations deep
        tree |= {p for p, (parent, _cpu) in stats.items() if parent in tree}
    total = sum(stats[p][1] for p in tree if p in stats)
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def run_submissions(county, db, args, rows: list) -> None:
    from django.db import connections

    from anjian.inspections.models import InspectionRecord

    template, items, people = submitters(county, args.clients)
    photos = tiny_jpegs(2000)
    run_id = f"b{int(time.time())}"
    ports = [free_port() for _ in range(args.servers)]
    env = dict(os.environ)
    env.update({"DATABASE_URL": db.url, "ANJIAN_DEBUG": "0", "PYTHONPATH": str(ROOT)})
    connections.close_all()
    log_path = OUT_DIR / f"{BENCH}-server.log"
    log = log_path.open("w")
    servers = [subprocess.Popen(
        [sys.executable, "-m", "anjian", "serve", "--host", "127.0.0.1", "--port", str(port),
         *(["--threads", str(args.threads)] if args.threads else []), "--workers", str(args.workers)],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        for port in ports]
    try:
        deadline = time.time() + 60
        for server, port in zip(servers, ports, strict=True):
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if server.poll() is not None or time.time() > deadline:
                        raise SystemExit(f"the server did not start: see {log_path}") from None
                    time.sleep(0.2)
        warm = time.perf_counter() + args.warmup_seconds
        stop = warm + args.seconds
        threads = [Client(n, ports[n % len(ports)], token, units, template, items, photos,
                          run_id, warm, stop)
                   for n, (token, units) in enumerate(people)]
        for t in threads:
            t.start()
        while time.perf_counter() < warm:
            time.sleep(0.01)
        wall0 = time.perf_counter()
        server_cpu0 = sum(cpu_seconds(s.pid) for s in servers)
        busy0, own_cpu0 = machine_busy(), time.process_time()
        for t in threads:
            t.join()
        wall = time.perf_counter() - wall0
        server_cpu = sum(cpu_seconds(s.pid) for s in servers) - server_cpu0
        busy1 = machine_busy()
        own_cpu = time.process_time() - own_cpu0
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
    outcomes: Counter = Counter()
    latencies: list[float] = []
    mismatched = 0
    keys: dict[str, int] = {}
    for t in threads:
        outcomes.update(t.outcomes)
        latencies += t.latencies
        mismatched += t.mismatched
        keys.update(t.ids)
        for error in t.errors:
            print("  " + error)
    records = InspectionRecord.objects.filter(idempotency_key__startswith=f"{run_id}-")
    stored = records.count()
    distinct = records.values("idempotency_key").distinct().count()
    created = outcomes["new 201"] + outcomes["race 201"]
    errors = sum(v for k, v in outcomes.items() if "error" in k or "exception" in k
                 or "not 201" in k)
    requests = sum(v for k, v in outcomes.items() if k.split()[-1] in ("200", "201"))
    busy = (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1]) * (os.cpu_count() or 1)
    duplicates = (stored - distinct) + mismatched
    per_process = args.threads or (8 if args.workers == 1 else 2)  # `anjian serve`'s defaults
    print(f"\nsubmissions: {args.clients} clients, {args.servers} server(s) of {args.workers} "
          f"process(es) × {per_process} threads, "
          f"{wall:.1f} s timed after {args.warmup_seconds} s warm-up ({db.label})")
    for key, value in sorted(outcomes.items()):
        print(f"  {key:25} {value:8,}")
    print(f"  new records/s {created / wall:8.1f}   requests/s {requests / wall:8.1f}   "
          f"latency median {median(latencies):.1f} ms p95 {p95(latencies):.1f} ms")
    print(f"  records stored for this run {stored:,}, distinct keys {distinct:,}, keys answered "
          f"{len(keys):,}; retries answered with another record: {mismatched}")
    print(f"  CPU: server {server_cpu / max(created, 1) * 1000:.1f} ms per new record, "
          f"clients {own_cpu / max(requests, 1) * 1000:.2f} ms per request, machine busy "
          f"{busy:.2f} of {os.cpu_count()} cores")
    rows.append({"name": "提交 submissions/s (新记录 new records)",
                 "value": f"{created / wall:.1f}/s ({requests / wall:.1f} req/s)",
                 "records_per_s": round(created / wall, 1),
                 "requests_per_s": round(requests / wall, 1), "clients": args.clients,
                 "servers": args.servers, "workers": args.workers, "threads": per_process, "seconds": round(wall, 1)})
    rows.append({"name": "提交 latency", "value":
                 f"{median(latencies):.0f} ms (p95 {p95(latencies):.0f})",
                 "median_ms": round(median(latencies), 1), "p95_ms": round(p95(latencies), 1)})
    rows.append({"name": "提交 errors / duplicates", "value": f"{errors} / {duplicates}",
                 "errors": errors, "duplicates": duplicates, "outcomes": dict(outcomes)})
    rows.append({"name": "提交 server CPU per record", "value":
                 f"{server_cpu / max(created, 1) * 1000:.1f} ms",
                 "machine_busy_cores": round(busy, 2)})


def _aim(name: str) -> float:
    if "bulletin" in name:
        return 10_000
    return 300 if any(w in name for w in ("statistics", "figures", "dashboard")) else 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_hazards", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=None,
                        help="share of the full county (default: 1 on PostgreSQL, 0.05 on SQLite)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--reuse", action="store_true",
                        help="keep and reuse the database of an earlier run")
    parser.add_argument("--explain", action="store_true", help="print every query's plan")
    parser.add_argument("--only", action="append", choices=["ledger", "page", "stats", "submit", "dashboard", "bulletin"],
                        help="run only these parts (repeatable)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--threads", type=int, default=None,
                        help="each server's threads per process (default: `anjian serve`'s)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="each server's worker processes (default: one per core; more than 1: "
                             "granian, 1: waitress)")
    parser.add_argument("--servers", type=int, default=1,
                        help="server processes (`anjian serve` is one process: one core at most); "
                             "the clients are spread over them")
    parser.add_argument("--proposed-indexes", action="store_true",
                        help="ignored: the indexes once proposed are in Hazard.Meta (migration "
                             "hazards/0003)")
    parser.add_argument("--database", default=DATABASE,
                        help=f"the benchmark database's name (default {DATABASE})")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup-seconds", type=float, default=3)
    parser.add_argument("--sql", action="append", default=[],
                        help="SQL to run before measuring, e.g. a candidate CREATE INDEX")
    args = parser.parse_args(argv)
    scale = args.scale if args.scale is not None else (
        1.0 if database_kind() == "postgresql" else 0.05)

    db = setup_django(BENCH, reuse=args.reuse, database=args.database)
    from django.db import connection

    from bench.generate_county import generate_county, load_county

    args.label = db.label
    print(f"{machine_summary()}; {db.label} ({db.name})", flush=True)
    county = load_county() if args.reuse else None
    if county is None:
        county = generate_county(scale=scale, progress=lambda m: print(m, flush=True))
        generated = f"{county.seconds:.1f} s"
    else:
        generated = "reused"
        from bench.generate_county import generate_panels

        added = generate_panels(county)
        if added:  # a county generated before the dashboard's other ledgers were
            print("added " + ", ".join(f"{v:,} {k}" for k, v in added.items()), flush=True)
            analyze(db)
        print(f"reusing {county.units:,} units, {county.records:,} records, "
              f"{county.hazards:,} hazards")
    with connection.cursor() as cursor:
        for sql in args.sql:
            print(f"running: {sql}")
            cursor.execute(sql)
            if connection.vendor == "postgresql" and sql.upper().startswith("CREATE"):
                cursor.execute("ANALYZE")
    rows: list[dict] = [{
        "name": "数据 data", "value": f"{county.units:,} units, {county.records:,} records, "
                                     f"{county.hazards:,} hazards",
        "units": county.units, "records": county.records, "hazards": county.hazards},
        {"name": "生成 generation", "value": generated, "timings": county.timings}]
    if not args.only or set(args.only) & {"ledger", "page", "stats"}:
        run_reads(county, args, rows)
    if not args.only or "dashboard" in args.only:
        run_dashboard(county, args, rows)
    if not args.only or "bulletin" in args.only:
        run_bulletin(county, args, rows)
    if not args.only or "submit" in args.only:
        run_submissions(county, db, args, rows)
    save_results(BENCH, db, rows)
    slow = [r["name"] for r in rows if "median_ms" in r and "latency" not in r["name"] and (
        r["median_ms"] >= _aim(r["name"]))]
    if slow:
        print(f"\nOver the aims (100 ms ledger, 300 ms statistics and dashboard, 10 s bulletin): "
              f"{', '.join(slow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
