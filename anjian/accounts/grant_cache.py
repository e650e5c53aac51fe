"""A user's grants kept per process between requests, read again when any of them may have changed.

Computing a user's grants (accounts.roles.grants_for) costs two or three queries and their Python
on every request. The grants depend only on rows of a few tables (role assignments, regions and
their paths, organisations and their sectors, and what grant providers read, such as
units.UnitAccess). Database triggers on those tables replace the one row of `GrantsVersion` with a
new random token on every write, in the writing transaction; a request reads the token first (one
query) and uses the grants this process computed under that same token, or computes them anew.

Read-your-writes holds (the writing transaction sees its own new token); other sessions see the new
token when the change commits, as they would see the change itself. The token is read before the
grants are, so grants computed from newer rows are at worst kept under an older token, and then
computed again. Without the row (a test database just flushed) nothing is kept until it is back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db import connection

# Tables whose rows a user's grants are computed from; apps add theirs with `watch_tables`.
_TABLES: set[str] = set()
# user id → (token, grants, what was derived from them: kept_with_grants)
_KEPT: dict[int, tuple[str, list, dict]] = {}
_KEEP_AT_MOST = 20000  # users; beyond that the cache starts again (a few MB at most)
TRIGGER = "anjian_grants_changed"
TOKEN_SQL = "SELECT token FROM accounts_grantsversion WHERE id = 1"
_UNREAD = object()
T = TypeVar("T")


def watch_tables(*tables: str) -> None:
    _TABLES.update(tables)


def current_token() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(TOKEN_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


def read_with(user, token: str | None) -> None:
    """The token was read in the query that loaded `user` (API token authentication): the user's
    grants, the first time they are needed, go by it instead of reading it again. Read before the
    grants, as `grants` requires; used once."""
    user.__dict__["_grants_token"] = token


def grants(user, compute: Callable[[object], list]) -> list:
    """`compute(user)`, or what it gave under the current token."""
    token = user.__dict__.pop("_grants_token", _UNREAD)
    if token is _UNREAD:
        token = current_token() if user.pk is not None else None
    if token is None:
        return compute(user)
    kept = _KEPT.get(user.pk)
    if kept is not None and kept[0] == token:
        return kept[1]
    result = compute(user)
    if len(_KEPT) >= _KEEP_AT_MOST:
        _KEPT.clear()
    _KEPT[user.pk] = (token, result, {})
    return result


def kept_with_grants(user, key: Hashable, build: Callable[[], T]) -> T:
    """`build()`, kept for as long as the user's current grants are (for what depends on nothing
    else of the database: the compiled SQL of a query scoped to the user). Built anew when the
    grants are not kept (no version row)."""
    grants = user.scope_grants
    kept = _KEPT.get(user.pk)
    if kept is None or kept[1] is not grants:
        return build()
    key = (key, user.is_active, user.is_superuser)  # the scope checks these before the grants
    if key not in kept[2]:
        kept[2][key] = build()
    return kept[2][key]


def install(using_connection=None) -> None:
    """Create the version row if missing and (re)create the triggers on every watched table.
    Idempotent; run after every migrate (accounts.apps)."""
    conn = using_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor not in ("postgresql", "sqlite"):  # no triggers there: keep nothing
            cursor.execute("DELETE FROM accounts_grantsversion")
            return
        cursor.execute("SELECT COUNT(*) FROM accounts_grantsversion WHERE id = 1")
        if not cursor.fetchone()[0]:
            cursor.execute("INSERT INTO accounts_grantsversion (id, token) VALUES (1, 'initial')")
        if conn.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN UPDATE accounts_grantsversion SET token = md5(random()::text || "
                "clock_timestamp()::text) WHERE id = 1; RETURN NULL; END $$")
        for table in sorted(_TABLES):
            for sql in _trigger_sql(conn.vendor, table):
                cursor.execute(sql)


def _trigger_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"',
                f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"]
    statements = []  # SQLite: row triggers only
    for event in ("INSERT", "UPDATE", "DELETE"):
        name = f"{TRIGGER}_{table}_{event.lower()}"
        statements += [f'DROP TRIGGER IF EXISTS "{name}"',
                       f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN '
                       "UPDATE accounts_grantsversion SET token = lower(hex(randomblob(16))) "
                       "WHERE id = 1; END"]
    return statements
