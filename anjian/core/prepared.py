"""Prepared statements for a hot path of single-row look-ups and inserts (PostgreSQL).

With server-side parameter binding (settings) every statement is sent with its parameters apart,
and planned for their values. Inside `prepared_statements()` a statement run a second time on the
connection is prepared there instead: parsed once, and after a few runs planned once for any
values (a generic plan). For the record submission API — a token look-up, single rows by key,
inserts — that saved 7–10% of the machine (docs/performance.md). It is not for a whole site: a
search with a pattern or a date range then gets a plan blind to its values, and was measured
25–50× slower (the county's free-text ledger search: 36 ms → 1,265 ms). Elsewhere nothing is
prepared, and a statement prepared here is not used outside (psycopg looks its cache up only while
preparing is on).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def prepared_statements(threshold: int = 1) -> Iterator[None]:
    """Statements run inside, from their `threshold + 1`-th run on this connection, are prepared.
    Nothing happens on SQLite, or on PostgreSQL with client-side binding."""
    options = connection.settings_dict.get("OPTIONS", {})
    if connection.vendor != "postgresql" or options.get("server_side_binding") is not True:
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.prepare_threshold
    raw.prepare_threshold = threshold
    try:
        yield
    finally:
        if connection.connection is raw:  # not closed and reopened meanwhile
            raw.prepare_threshold = before

