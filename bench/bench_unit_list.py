"""The unit list page (/units/) with filters at 100,000 units: server time per request.

The issue's aim: median server time under 100 ms with a filter, on SQLite and on PostgreSQL.
Server time is one request through Django's full middleware stack (session, auth, CSRF, locale,
axes…), the view, its queries and the template, measured in-process with django.test.Client — no
network, no browser. Each case is requested 3 times to warm up, then 30 times; the median and the
95th percentile are printed, with the number of units the filter matched and the queries it took.
Users: the county's safety office (sees all 100,000) and the town's (sees its town). The REST list
/api/units/ is measured the same way when it exists.

    python -m bench unit_list                    # SQLite
    python -m bench unit_list --postgres         # SQLite and PostgreSQL side by side
    python -m bench.bench_unit_list --units 20000 --repeat 10 --explain
"""

from __future__ import annotations

import argparse
import re
import sys

from bench.common import (
    analyze,
    format_table,
    machine_summary,
    median,
    p95,
    save_results,
    setup_django,
    time_calls,
)

BENCH = "unit_list"
COUNT_RE = re.compile(r"共 ([\d,]+) 个")

# The indexes docs/performance.md proposes for Unit.Meta, by name and columns, and the two of today's
# they replace. --proposed-indexes creates those the database lacks and drops the replaced ones:
# a way to measure them before they are in a migration; once they are, it changes nothing.
PROPOSED_INDEXES = {
    "unit_cat_region_status_idx": ("category", "subcategory", "region_id", "status"),
    "unit_risk_region_status_idx": ("risk_level", "region_id", "status"),
    "unit_region_status_idx": ("region_id", "status"),
    "unit_region_text_idx": ("region_id", "status", "name", "address", "principal",
                             "credit_code"),
}
REPLACED_INDEXES = {("status", "category", "subcategory"), ("status", "risk_level")}


def apply_proposed_indexes() -> list[str]:
    """Create the proposed indexes the units table lacks, drop those they replace; what was done."""
    from django.db import connection

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "units_unit")
    plain = {name: tuple(c["columns"]) for name, c in found.items()
             if c["index"] and not c["unique"] and not c["primary_key"]}
    done = []
    with connection.cursor() as cursor:
        for name, columns in PROPOSED_INDEXES.items():
            if columns not in plain.values():
                cursor.execute(f"CREATE INDEX {name} ON units_unit ({', '.join(columns)})")
                done.append(f"created {name} {columns}")
        for name, columns in plain.items():
            if columns in REPLACED_INDEXES:
                cursor.execute(f"DROP INDEX {name}")
                done.append(f"dropped {name} {columns}")
    return done


def page_cases(village_id: int, grid_id: int) -> list[tuple[str, str]]:
    return [
        ("无筛选 no filter", "/units/"),
        ("类别 category", "/units/?category=small_venue"),
        ("村 region=village", f"/units/?region={village_id}"),
        ("网格 grid", f"/units/?grid={grid_id}"),
        ("风险 risk=red", "/units/?risk_level=red"),
        ("关键词 q=鑫源", "/units/?q=%E9%91%AB%E6%BA%90"),
        ("类别+村 category+region", f"/units/?category=small_venue&region={village_id}"),
        ("类别 第50页 page 50", "/units/?category=street_shop&page=50"),
    ]


def api_cases(village_id: int) -> list[tuple[str, str]]:
    return [
        ("API 无筛选 no filter", "/api/units/"),
        ("API 类别 category", "/api/units/?category=small_venue"),
        ("API 村 region=village", f"/api/units/?region={village_id}"),
        ("API 关键词 q=鑫源", "/api/units/?q=%E9%91%AB%E6%BA%90"),
        ("API 类别 第50页 page 50", "/api/units/?category=street_shop&page=50"),
    ]


def request(client, url: str):
    """One request as a WSGI server serves it, closing the database connection afterwards when
    the settings say so (CONN_MAX_AGE: 0 for SQLite, so every request opens its own), which
    django.test.Client leaves out."""
    from django.db import close_old_connections

    response = client.get(url)
    close_old_connections()
    return response


def api_exists() -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve("/api/units/")
    except Resolver404:
        return False
    return True


def matched(response) -> str:
    """How many units the response says matched: '共 N 个' on the page, 'count' in the API."""
    if response["Content-Type"].startswith("application/json"):
        data = response.json()
        return f"{data['count']:,}" if isinstance(data, dict) and "count" in data else "?"
    found = COUNT_RE.search(response.content.decode())
    return found.group(1) if found else "?"


def explain(url: str, client) -> None:
    """Print each query the request runs with its plan (EXPLAIN / EXPLAIN QUERY PLAN)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    print(f"\n--- {url}: {len(ctx.captured_queries)} queries")
    for q in list(ctx.captured_queries):
        sql = q["sql"]
        print(f"[{q['time']} s] {sql[:600]}")
        if sql.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                for row in cursor.fetchall():
                    print("    " + " ".join(str(c) for c in row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_unit_list", description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--towns", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--explain", action="store_true", help="print every query's plan")
    parser.add_argument("--reuse", action="store_true",
                        help="keep and reuse the database of an earlier run with as many units")
    parser.add_argument("--proposed-indexes", action="store_true",
                        help="measure with the indexes docs/performance.md proposes for Unit")
    parser.add_argument("--sql", action="append", default=[],
                        help="SQL to run after generating, e.g. a candidate CREATE INDEX")
    args = parser.parse_args(argv)

    db = setup_django(BENCH, reuse=args.reuse)
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from anjian.units.models import Unit
    from bench.generate import generate, load_generated

    print(f"{machine_summary()}; {db.label}", flush=True)
    world = load_generated() if args.reuse else None
    if world is not None and world.units == args.units:
        print(f"reusing the {world.units:,} units of an earlier run")
    else:
        if world is not None:
            raise SystemExit(f"the kept database has {world.units:,} units, not {args.units:,}: "
                             "run once without --reuse")
        world = generate(units=args.units, towns=args.towns,
                         progress=lambda m: print(m, flush=True))
    if args.proposed_indexes:
        for line in apply_proposed_indexes():
            print(line)
    with connection.cursor() as cursor:
        for sql in args.sql:
            print(f"running: {sql}")
            cursor.execute(sql)
    analyze(db)

    town = world.towns[0]
    busiest = (Unit.objects.filter(region__path__startswith=town.path, region__level=3)
               .values("region").annotate(n=Count("pk")).order_by("-n", "region")[0]["region"])
    grid = (Unit.objects.filter(region__path__startswith=town.path, region__level=4)
            .values("region").annotate(n=Count("pk")).order_by("-n", "region")[0]["region"])
    cases = page_cases(busiest, grid)
    if api_exists():
        cases += api_cases(busiest)
    else:
        print("(/api/units/ does not exist yet: API not measured)")

    table, rows = [], []
    for key in ("county_office", "town_office"):
        client = Client()
        client.force_login(world.users[key])
        for label, url in cases:
            response = client.get(url)
            if response.status_code != 200:
                print(f"{key} {url}: HTTP {response.status_code}", file=sys.stderr)
                if url.startswith("/api/"):
                    continue  # the API is another part's; the page is what must work
                return 1
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            queries = len(ctx.captured_queries)  # read now: the next request clears the log
            if args.explain:
                explain(url, client)
            cpu: list[float] = []
            samples = time_calls(lambda c=client, u=url: request(c, u), repeat=args.repeat,
                                 warmup=args.warmup, cpu=cpu)
            med, high = median(samples), p95(samples)
            name = f"{key} · {label}"
            table.append([name, matched(response), queries, f"{med:.1f}",
                          f"{high:.1f}", f"{median(cpu):.1f}"])
            rows.append({"name": name, "value": f"{med:.1f} ms (p95 {high:.1f})", "url": url,
                         "median_ms": round(med, 2), "p95_ms": round(high, 2),
                         "cpu_median_ms": round(median(cpu), 2),
                         "queries": queries, "matched": matched(response)})
            print(f"{name:45} {med:8.1f} ms  p95 {high:8.1f} ms  cpu {median(cpu):6.1f} ms",
                  flush=True)

    print(f"\nUnit list at {world.units:,} units, {db.label}, median/p95 of {args.repeat} "
          f"requests after {args.warmup} warm-up:")
    print(format_table(["case", "matched", "queries", "median ms", "p95 ms", "cpu ms"], table))
    save_results(BENCH, db, rows)
    slow = [r["name"] for r in rows if r["median_ms"] >= 100]
    if slow:
        print(f"\nOver the 100 ms aim: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
