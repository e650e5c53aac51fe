"""Statements built once per process, for hot paths (the record submission API).

Django builds and compiles every query anew: a select of one row by its key costs ~0.4–0.8 ms of
Python around its round trip, an insert ~0.3 ms; on a submission's eleven statements that was
about a third of its CPU (docs/performance.md). Here that work is done once, then only the SQL
runs.

`Compiled`: a queryset compiled once, run again with other values for the parameters it was built
with. Rows become model instances as Django makes them (its converters, `from_db`, select_related
and annotations).

`insert`: new rows of one model with a statement built once for the model (and, where the row
count shows in the SQL, each count); the values converted on each call as Django converts them
(`Field.pre_save`, then `Field.get_db_prep_save`). On PostgreSQL many rows go in as one array a
column, as Django's own bulk insert does (UNNEST), so one statement serves every count. Like
`bulk_create` it sends no signals and does not call `save()`: a model whose `save()` does more than
store the row (the journal's chaining) must not come here directly. Values that are SQL
expressions, and databases that cannot return the new keys, go through `bulk_create`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.query import get_related_populators

# Stand-ins for the parameters while a query compiles, found again among its parameters: values no
# real key or text takes (in an integer column's range, which Django checks).
_MARKERS = {int: lambda i: -2_000_000_000 + i, str: lambda i: f"\x1fanjian-parameter-{i}\x1f"}


class Compiled:
    """`build(*values)` (a queryset of model instances) compiled once, now; calling the object
    runs it with other `values` and returns the list of instances.

    `types` gives each value's type (int or str). Each value must reach the SQL unchanged and once
    (an exact match, `pk=`, `key=`), which is checked here. Any other part of the query is fixed
    when it compiles: a query whose SQL depends on more than these values (a user's scope) is
    compiled for each such state (see accounts.grant_cache.kept_with_grants)."""

    def __init__(self, build: Callable[..., models.QuerySet], *types: type) -> None:
        markers = [_MARKERS[t](i) for i, t in enumerate(types)]
        queryset = build(*markers)
        if queryset._prefetch_related_lookups or queryset._known_related_objects or \
                queryset._iterable_class is not models.query.ModelIterable:
            raise ValueError("Compiled: only plain querysets of model instances")
        self.db = queryset.db
        compiler = queryset.query.get_compiler(using=self.db)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            if not queryset.query.is_empty():  # a value was refused (out of a column's range)
                raise ValueError("Compiled: a parameter did not reach the SQL") from None
            self.sql = None  # none(): never any row
            return
        self.params = list(params)
        self.slots = [(position, markers.index(p)) for position, p in enumerate(self.params)
                      if p in markers and type(p) in _MARKERS]
        if sorted(i for _position, i in self.slots) != list(range(len(markers))):
            raise ValueError(f"Compiled: each value must appear once as a parameter: {self.sql}")
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.start:self.end]]
        self.populators = get_related_populators(klass_info, select, self.db)
        self.annotations = tuple(compiler.annotation_col_map.items())
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.converters = tuple(compiler.get_converters(
            [s[0] for s in select[:compiler.col_count]]).items())

    def __call__(self, *values) -> list[models.Model]:
        if self.sql is None:
            return []
        params = list(self.params)
        for position, i in self.slots:
            params[position] = values[i]
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        objs = []
        for row in rows:
            if self.width is not None:
                row = row[:self.width]
            if self.converters:  # as SQLCompiler.apply_converters, with this thread's connection
                row = list(row)
                for position, (functions, expression) in self.converters:
                    for convert in functions:
                        row[position] = convert(row[position], expression, connection)
            obj = self.model.from_db(self.db, self.init_list, row[self.start:self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            objs.append(obj)
        return objs


# From this many rows on, PostgreSQL gets one array a column (one statement for every count);
# below, VALUES (…), (…): psycopg converts scalars in C but arrays in Python (10 answers: 0.29
# against 0.35 ms of CPU), and the statements of a few counts each are prepared once.
_UNNEST_MIN = 100


@cache
def _fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """The columns an insert writes: every concrete field but an automatic primary key."""
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key or not
                 isinstance(f, models.AutoField | models.BigAutoField | models.SmallAutoField))


@cache
def _sql(model: type[models.Model], alias: str, rows: int) -> str:
    """The INSERT for `rows` rows (0: any number, as arrays) on the connection `alias`."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = _fields(model)
    head = (f"INSERT INTO {quote(model._meta.db_table)} "
            f"({', '.join(quote(f.column) for f in fields)}) ")
    returning = f" RETURNING {quote(model._meta.pk.column)}"
    if rows == 0:
        casts = ", ".join(f"(%s)::{f.db_type(connection).split('(')[0]}[]" for f in fields)
        return f"{head}SELECT * FROM UNNEST({casts}){returning}"
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    return f"{head}VALUES {', '.join([row] * rows)}{returning}"


@cache
def _unnestable(model: type[models.Model], alias: str) -> bool:
    connection = connections[alias]
    return connection.vendor == "postgresql" and all(
        (f.target_field if f.is_relation else f).get_internal_type() in connection.data_types
        and not hasattr(f, "get_placeholder") for f in _fields(model))


def insert(objs: Sequence[models.Model], using: str = DEFAULT_DB_ALIAS) -> None:
    """Store new instances of one model (no primary key set yet) with one statement and give
    each its primary key, in list order. Values are taken as `save()` takes them (`auto_now_add`
    fields are set now)."""
    if not objs:
        return
    model = type(objs[0])
    if any(obj.pk is not None for obj in objs):
        raise ValueError(f"{model.__name__}: insert() is for new rows, without a primary key")
    connection = connections[using]
    fields = _fields(model)
    values = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
              for obj in objs]
    if (not connection.features.can_return_rows_from_bulk_insert
            or any(hasattr(v, "as_sql") for row in values for v in row)):
        model._base_manager.using(using).bulk_create(objs)
        return
    if len(objs) >= _UNNEST_MIN and _unnestable(model, using):
        batches = [(_sql(model, using, 0), [list(column) for column in zip(*values, strict=True)],
                    len(objs))]
    else:
        size = max(1, connection.ops.bulk_batch_size(fields, objs))
        batches = [(_sql(model, using, len(chunk)), [v for row in chunk for v in row], len(chunk))
                   for chunk in (values[i:i + size] for i in range(0, len(values), size))]
    keys = []
    with connection.cursor() as cursor:
        for sql, params, count in batches:
            cursor.execute(sql, params)
            returned = cursor.fetchall()
            if len(returned) != count:
                raise RuntimeError(f"{model.__name__}: {count} rows inserted, "
                                   f"{len(returned)} keys returned")
            keys += [row[0] for row in returned]
    for obj, key in zip(objs, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = using
