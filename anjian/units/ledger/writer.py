"""Bulk writes for imports, inside the caller's transaction: COPY on PostgreSQL, executemany on
SQLite, `bulk_create` elsewhere. Django's `bulk_create` builds a model instance and runs
`get_db_prep_save` for every cell, which made it most of an import's time (about 8,000 rows/s
here against 55,000 for executemany); these helpers take rows of driver-ready values instead:
str, int, bool, None, Decimal, date, JSON already encoded, and datetimes through `db_datetime`.

Primary keys are allocated up front (the sequence on PostgreSQL; on SQLite the transaction already
holds the write lock, so max(id) + 1 onwards is free), so journal entries can name the new rows."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from json.encoder import encode_basestring as encode_string  # a str as the canonical JSON has it

from django.db import connection, models


def db_datetime(value: dt.datetime):
    """An aware datetime as the driver takes it (SQLite stores Django's own text form)."""
    if connection.vendor == "sqlite":
        return connection.ops.adapt_datetimefield_value(value)
    return value


@contextlib.contextmanager
def bulk_session(cache_kib: int = 256 * 1024) -> Iterator[None]:
    """While an import writes: on SQLite a larger page cache for the database and for its temporary
    tables (`insert_rows` stages rows in one), restored afterwards. With the default 2 MB the unit
    and journal indexes soon outgrow the cache and every insert then pages (a 100,000-row ledger
    with its journal holds ~200 MB of pages until the commit; the cache only grows as used)."""
    if connection.vendor != "sqlite":
        yield
        return
    previous = {}
    with connection.cursor() as cursor:
        for schema in ("main", "temp"):
            cursor.execute(f"PRAGMA {schema}.cache_size")
            previous[schema] = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA {schema}.cache_size = -{int(cache_kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for schema, size in previous.items():
                cursor.execute(f"PRAGMA {schema}.cache_size = {size}")


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model`; call inside the transaction that inserts them."""
    if count == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(  # one array, not `count` rows to fetch
                "SELECT array_agg(nextval(pg_get_serial_sequence(%s, %s))) FROM generate_series(1, %s)",
                [table, pk, count])
            return cursor.fetchone()[0]
        qn = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({qn(pk)}) FROM {qn(table)}")
        top = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            if cursor.fetchone():
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                top = max(top, row[0] if row else 0)
    return list(range(top + 1, top + 1 + count))


BATCH = 10000  # rows an executemany on SQLite


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Iterable[tuple], *,
                meanwhile: Iterable[object] | None = None) -> None:
    """Insert `rows` (driver-ready tuples in the order of field `names`) into `model`. `rows` may
    be a generator: PostgreSQL's COPY then takes in each row while the next is built (the server
    works while Python does), and only a batch at a time is held on SQLite.

    `meanwhile` is other work, in steps (an iterator), done while SQLite inserts: the rows first go
    into a temporary table (no indexes: quick), then a second thread moves them into the table in
    one statement, during which the sqlite3 module lets go of Python's lock, so the table's indexes
    are updated on one core while the steps run on the other. The steps must not use the database.
    Elsewhere they simply run once the rows are written (PostgreSQL's COPY already overlaps the
    server's work with Python's as the rows stream)."""
    fields = [model._meta.get_field(n) for n in names]
    rows, steps = iter(rows), iter(meanwhile or ())
    if connection.vendor not in ("sqlite", "postgresql"):
        while batch := list(islice(rows, 1000)):
            model.objects.bulk_create(
                [model(**{f.attname: v for f, v in zip(fields, row, strict=True)}) for row in batch])
        _exhaust(steps)
        return
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    table = qn(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg's own cursor: its errors mapped to Django's (a taken credit code is an
            # IntegrityError on both databases).
            with connection.wrap_database_errors, \
                    cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            _exhaust(steps)
            return
        background = meanwhile is not None
        target = "temp.ledger_rows" if background else table
        if background:
            cursor.execute("DROP TABLE IF EXISTS temp.ledger_rows")
            cursor.execute(f"CREATE TEMP TABLE ledger_rows AS SELECT {columns} FROM {table} WHERE 0")
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {target} ({columns}) VALUES ({marks})"
        while batch := list(islice(rows, BATCH)):
            cursor.executemany(sql, batch)
        if background:
            _in_background(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM temp.ledger_rows",
                           steps)
            cursor.execute("DROP TABLE temp.ledger_rows")


class CopyStream:
    """PostgreSQL only: rows of `model` COPYed one by one as the caller checks them, each given a
    fresh primary key (`add` returns it), so the server indexes them while Python reads on.

    No other query may run on the connection until `close`. Keys come from the sequence in blocks
    (the first small, then doubling up to `largest`): the COPY ends, one query takes the next block,
    a COPY begins again. A block's unused keys are left as gaps, as a rolled-back insert leaves
    them; nothing is taken until the first row comes. Use it as a context manager inside the
    transaction: an error in the block aborts the COPY, and the transaction must then roll back."""

    def __init__(self, model: type[models.Model], names: Sequence[str], *, first: int = 1000,
                 largest: int = 16000) -> None:
        qn = connection.ops.quote_name
        columns = ", ".join(qn(model._meta.get_field(n).column) for n in [model._meta.pk.name, *names])
        self.model, self.sql = model, f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN"
        self.block, self.largest = first, largest
        self.ids: Iterator[int] = iter(())
        self.copying: contextlib.ExitStack | None = None
        self.write_row: Callable[[tuple], None] | None = None

    def add(self, row: tuple) -> int:
        pk = next(self.ids, None)
        if pk is None:
            self._end()
            self.ids = iter(allocate_ids(self.model, self.block))
            self.block = min(self.block * 2, self.largest)
            pk = next(self.ids)
            self._begin()
        self.write_row((pk, *row))
        return pk

    def _begin(self) -> None:
        stack = contextlib.ExitStack()
        cursor = stack.enter_context(connection.cursor())
        stack.enter_context(connection.wrap_database_errors)  # IntegrityError, as Django's own
        self.write_row = stack.enter_context(cursor.cursor.copy(self.sql)).write_row
        self.copying = stack

    def _end(self, *exc_info) -> None:
        stack, self.copying, self.write_row = self.copying, None, None
        if stack is not None:
            stack.__exit__(*(exc_info or (None, None, None)))  # the COPY ends (or fails)

    def close(self) -> None:
        self._end()

    def __enter__(self) -> CopyStream:
        return self

    def __exit__(self, *exc_info) -> None:
        self._end(*exc_info)


def _exhaust(steps: Iterator[object]) -> None:
    for _step in steps:
        pass


def _in_background(sql: str, steps: Iterator[object]) -> None:
    """Run `sql` on this SQLite connection in a second thread while the steps run here. Django
    opens SQLite connections with check_same_thread=False, and only one thread uses it at a time:
    the steps do not touch the database."""
    raw, wrap_errors = connection.connection, connection.wrap_database_errors  # this thread's
    failed: list[BaseException] = []

    def run() -> None:
        try:
            with wrap_errors:  # as Django's own: sqlite3.IntegrityError → django.db.IntegrityError
                raw.execute(sql)
        except BaseException as exc:  # re-raised in the caller's thread
            failed.append(exc)

    worker = threading.Thread(target=run, name="anjian-bulk-insert")
    worker.start()
    try:
        _exhaust(steps)
    finally:
        worker.join()
    if failed:
        raise failed[0]


def update_rows(model: type[models.Model], names: Sequence[str], rows: list[tuple],
                batch_size: int = 10000) -> None:
    """UPDATE … SET names WHERE pk = the last value of each row; `rows` are (values…, pk)."""
    if not rows:
        return
    fields = [model._meta.get_field(n) for n in names]
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    if connection.vendor == "postgresql":  # COPY into a temporary table, then one UPDATE … FROM
        columns = ", ".join([*(qn(f.column) for f in fields), pk])
        sets = ", ".join(f"{qn(f.column)} = ledger_update.{qn(f.column)}" for f in fields)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE ledger_update ON COMMIT DROP AS "
                           f"SELECT {columns} FROM {table} WITH NO DATA")
            with connection.wrap_database_errors, \
                    cursor.cursor.copy(f"COPY ledger_update ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"UPDATE {table} SET {sets} FROM ledger_update "
                           f"WHERE {table}.{pk} = ledger_update.{pk}")
            cursor.execute("DROP TABLE ledger_update")
        return
    sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start:start + batch_size])


_TEXT, _BOOLEAN, _DECIMAL, _DATE, _NUMBER = range(5)
_KINDS = {"CharField": _TEXT, "TextField": _TEXT, "BooleanField": _BOOLEAN, "DecimalField": _DECIMAL,
          "DateField": _DATE, "ForeignKey": _NUMBER, "IntegerField": _NUMBER, "BigIntegerField": _NUMBER,
          "SmallIntegerField": _NUMBER, "PositiveIntegerField": _NUMBER,
          "PositiveBigIntegerField": _NUMBER, "PositiveSmallIntegerField": _NUMBER}


def creation_changes(model: type[models.Model], names: Sequence[str]) -> Callable[[Sequence], str]:
    """A function from a new row's values (in the order of `names`, as inserted) to its creation
    entry's `changes` as canonical JSON text (what `journal_chain.encode_changes` gives for the
    dict: sorted keys, compact), built directly rather than through a dict and the encoder, which
    cost a large import twice as much: [null, value] for each non-empty field, values as
    `journal.snapshot` gives them. The same data `insert_creation_journal` has the database build
    from the stored row, in the form JSON gives back on both databases
    (tests/core/test_ledger_import_chain.py compares them, and the text with the encoder's):
    booleans always, decimals as text with the field's places (never "-0"), dates as ISO text,
    numbers and foreign key ids as ints; None and '' are left out."""
    spec = []
    for index, name in enumerate(names):
        field = model._meta.get_field(name)
        kind = _KINDS.get(field.get_internal_type())
        if kind is None:
            raise NotImplementedError(f"creation_changes: {field.get_internal_type()} ({name})")
        fmt = f".{field.decimal_places}f" if kind == _DECIMAL else ""
        spec.append((name, index, kind, fmt))
    spec.sort()  # the canonical form's key order
    spec = [(encode_string(name) + ":[null,", index, kind, fmt) for name, index, kind, fmt in spec]

    def changes(values: Sequence) -> str:
        parts = []
        for prefix, index, kind, fmt in spec:
            value = values[index]
            if kind == _BOOLEAN:
                parts.append(prefix + ("true]" if value else "false]"))
            elif value is None or value == "":
                continue
            elif kind == _TEXT:
                parts.append(prefix + encode_string(value) + "]")
            elif kind == _NUMBER:
                parts.append(f"{prefix}{int(value)}]")
            elif kind == _DECIMAL:
                parts.append(f'{prefix}"{format(value if value else abs(value), fmt)}"]')
            else:
                parts.append(f'{prefix}"{value.isoformat()}"]')
        return "{" + ",".join(parts) + "}"

    return changes


def _json_member(field: models.Field, column: str) -> str:
    """SQL for one member of a creation's journal `changes`: [null, value], or NULL (left out)
    when the value is empty; values as `anjian.core.journal.snapshot` gives them."""
    kind = field.get_internal_type()
    pg = connection.vendor == "postgresql"
    array = "jsonb_build_array" if pg else "json_array"
    if kind == "BooleanField":
        value = column if pg else f"CASE WHEN {column} THEN json('true') ELSE json('false') END"
        return f"{array}(NULL, {value})"
    if kind == "DecimalField":
        value = f"{column}::text" if pg else f"printf('%.{field.decimal_places}f', {column})"
    else:
        value = column
    empty = f"{column} IS NULL"
    if kind in ("CharField", "TextField"):
        empty += f" OR {column} = ''"
    return f"CASE WHEN {empty} THEN NULL ELSE {array}(NULL, {value}) END"


def insert_creation_journal(model: type[models.Model], ids: list[int], names: Sequence[str],
                            constants: dict, journal_model: type[models.Model]) -> None:
    """One journal entry per new row of `model` with these ids, built by the database from the
    rows just inserted (INSERT … SELECT): `changes` holds [null, value] for each non-empty field
    of `names`, `object_id` the id, `object_repr` the name. `constants` gives the other columns.
    The entries have no hash (`journal.seal_pending` chains them); the importer builds its entries
    in Python instead (`creation_changes`) so it can hash them as it inserts them, and this
    stays as the reference that `creation_changes` is checked against."""
    if not ids:
        return
    qn = connection.ops.quote_name
    pg = connection.vendor == "postgresql"
    members = ", ".join(
        f"'{name}', {_json_member(model._meta.get_field(name), qn(model._meta.get_field(name).column))}"
        for name in names)
    changes = (f"jsonb_strip_nulls(jsonb_build_object({members}))" if pg
               else f"json_patch('{{}}', json_object({members}))")
    fields = [journal_model._meta.get_field(n) for n in constants]
    marks = ", ".join(f"CAST(%s AS {f.db_type(connection)})" if pg else "%s" for f in fields)
    columns = ", ".join(qn(f.column) for f in fields)
    table = qn(model._meta.db_table)
    pk = f"{table}.{qn(model._meta.pk.column)}"
    # Ids allocated in one go are contiguous unless another session took some in between: then
    # (PostgreSQL only) join the list.
    contiguous = ids[-1] - ids[0] + 1 == len(ids)
    if contiguous:
        source, where, keys = table, f"WHERE {pk} BETWEEN %s AND %s", [ids[0], ids[-1]]
    elif pg:
        source, where, keys = f"{table} JOIN unnest(%s::bigint[]) AS ledger_ids(id) ON {pk} = ledger_ids.id", "", [ids]
    else:
        raise ValueError("ids allocated on SQLite are contiguous")
    sql = (f"INSERT INTO {qn(journal_model._meta.db_table)} ({columns}, object_id, object_repr, changes) "
           f"SELECT {marks}, CAST({pk} AS TEXT), SUBSTR({table}.{qn('name')}, 1, 255), {changes} "
           f"FROM {source} {where} ORDER BY {pk}")
    params = list(constants.values()) + keys
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
