"""`python -m bench [--postgres] [--keep] [NAME ...] [-- ARGS]` — run the benchmarks.

NAME picks benchmarks by module (`bench_unit_list` or just `unit_list`); default: every
bench/bench_*.py, in name order. Each runs on SQLite by default, on PostgreSQL when DATABASE_URL
names a PostgreSQL server, and on both, side by side, with --postgres (the server is DATABASE_URL's
or postgres://postgres@127.0.0.1:5432). Each benchmark creates its own database there and never
touches the user's. Every (benchmark, database) pair runs in a child process of its own, since
Django can be set up once per process; ARGS after `--` go to every benchmark's main().
At the end the figures of all of them are printed side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import DEFAULT_POSTGRES_URL, RESULTS_DIR, database_kind, format_table

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
CHILD = "import sys, importlib; sys.exit(importlib.import_module('bench.' + sys.argv[1]).main(sys.argv[2:]))"


def discover() -> list[str]:
    return sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))


def databases(postgres_too: bool) -> list[tuple[str, str | None]]:
    """(label, DATABASE_URL or None for SQLite) for each database to run on."""
    url = os.environ.get("DATABASE_URL", "")
    pg_url = url if database_kind(url) == "postgresql" else DEFAULT_POSTGRES_URL
    if postgres_too:
        return [("sqlite", None), ("postgresql", pg_url)]
    if database_kind(url) == "postgresql":
        return [("postgresql", url)]
    return [("sqlite", None)]


def summary(started: float) -> str:
    """This run's results of every benchmark, one column per database."""
    by_bench: dict[str, dict[str, dict]] = {}
    for path in sorted(RESULTS_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        if data.get("finished_at", 0) >= started:
            by_bench.setdefault(data["bench"], {})[data["vendor"]] = data
    parts = []
    for bench, runs in by_bench.items():
        vendors = [v for v in ("sqlite", "postgresql") if v in runs]
        names: list[str] = []
        for v in vendors:
            names += [r["name"] for r in runs[v]["rows"] if r["name"] not in names]
        values = {v: {r["name"]: r["value"] for r in runs[v]["rows"]} for v in vendors}
        rows = [[n, *(values[v].get(n, "") for v in vendors)] for n in names]
        headers = [bench, *(runs[v]["database"] for v in vendors)]
        machine = next(iter(runs.values()))["machine"]
        parts.append(f"{machine}\n{format_table(headers, rows)}")
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    passthrough: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, passthrough = argv[:cut], argv[cut + 1:]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--postgres", action="store_true",
                        help="run on SQLite and on PostgreSQL, side by side")
    parser.add_argument("--keep", action="store_true",
                        help="keep the PostgreSQL benchmark databases afterwards")
    args = parser.parse_args(argv)

    available = discover()
    chosen = []
    for name in args.names or available:
        module = name if name.startswith("bench_") else f"bench_{name}"
        if module not in available:
            parser.error(f"no benchmark {name!r}; there are: {', '.join(available)}")
        chosen.append(module)

    started = time.time()
    failed = []
    for module in chosen:
        for label, url in databases(args.postgres):
            env = dict(os.environ)
            env.pop("DATABASE_URL", None)
            if url:
                env["DATABASE_URL"] = url
            if args.keep:
                env["ANJIAN_BENCH_KEEP"] = "1"
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
            print(f"\n=== {module} on {label} ===", flush=True)
            code = subprocess.call([sys.executable, "-c", CHILD, module, *passthrough],
                                   env=env, cwd=ROOT)
            if code:
                failed.append(f"{module} on {label} (exit {code})")
    text = summary(started)
    if text:
        print("\n=== Summary ===\n" + text)
    if failed:
        print("\nFailed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
