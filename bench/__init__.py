"""Anjian's benchmarks: `make bench` (= `python -m bench`) runs every `bench/bench_*.py`.

Each benchmark module exposes `main(argv=None)` and works on a database of its own — an SQLite file
under bench/out/, or a dedicated PostgreSQL database it creates and drops, never the user's data
(`bench.common.setup_django(name)` does this) — generates its data (`bench.generate` builds a
county's registry) and prints its figures. See docs/performance.md.
"""
