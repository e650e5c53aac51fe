"""The journal's hash chain: each entry seals the one before it, so edits are detectable.

Every JournalEntry stores `prev_hash`, the `hash` of the entry before it in id order (64 zeros for
the first), and `hash` = SHA-256 of prev_hash followed by the entry's canonical content
(`canonical`). Editing an entry's content makes its stored hash wrong; deleting or slipping in a
row makes the next entry's prev_hash wrong. `check_chain` walks the whole journal in id order and
names every entry where either check fails.

Chain order is id order, so a writer must read the last hash and get its new ids without any other
writer in between: `link` takes a lock held until the writer's transaction ends (on PostgreSQL an
advisory lock; SQLite's IMMEDIATE transactions hold the database's write lock from BEGIN anyway).

The chain catches changes made without this code (an UPDATE in a SQL console, a restored or merged
backup). Someone who can write the database and rerun this code can rewrite the chain from the
changed entry to the end, and cutting entries off the end leaves no trace in the chain itself:
operators keep the last hash that `anjian verify-journal` prints somewhere else (docs/journal.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext as _

GENESIS = "0" * 64
# Any bigint will do, as long as every writer uses the same one: "anjianJL" in ASCII.
LOCK_KEY = 0x616E_6A69_616E_4A4C
# The content a hash covers, in this order (content_type as "app_label.model", see `canonical`).
HASHED_FIELDS = ("created_at", "actor_id", "actor_name", "request_id", "source", "action",
                 "content_type_id", "object_id", "object_repr", "changes", "comment")
_CT = HASHED_FIELDS.index("content_type_id")
_OBJECT_ID = HASHED_FIELDS.index("object_id")
_OBJECT_REPR = HASHED_FIELDS.index("object_repr")
_CREATED_AT = HASHED_FIELDS.index("created_at")
_hashed_values = operator.attrgetter(*HASHED_FIELDS)
# Built once: json.dumps with options builds a new encoder on every call.
_canonical_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode

Label = Callable[[int], str]


def _journal_model():
    from anjian.core.models import JournalEntry

    return JournalEntry


# --- hashing ------------------------------------------------------------------------------------

def _utc_iso(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.isoformat(timespec="microseconds")


def canonical(values: Sequence, label: Label) -> str:
    """One entry's content as a JSON array of HASHED_FIELDS' values: the time in UTC with
    microseconds, the content type by name (its id differs between databases, e.g. after a
    dump and load), `changes` with sorted keys. Compact and not ASCII-escaped."""
    content = list(values)
    content[_CREATED_AT] = _utc_iso(content[_CREATED_AT])
    content[_CT] = label(content[_CT])
    return _canonical_json(content)


def entry_hash(prev_hash: str, values: Sequence, label: Label) -> str:
    return hashlib.sha256((prev_hash + canonical(values, label)).encode()).hexdigest()


def cached_label(using: str = DEFAULT_DB_ALIAS) -> Label:
    """Content type names from ContentType's own per-process cache (for the write path)."""
    from django.contrib.contenttypes.models import ContentType

    manager = ContentType.objects.db_manager(using)

    def label(ct_id: int) -> str:
        ct = manager.get_for_id(ct_id)
        return f"{ct.app_label}.{ct.model}"

    return label


class TableLabels(dict):
    """Content type id → "app_label.model", read once from the table. Works with the historical
    models a migration hands out, unlike ContentType's manager cache."""

    def __init__(self, journal_model, using: str):
        super().__init__()
        self.ct_model = journal_model._meta.get_field("content_type").related_model
        self.using = using

    def __missing__(self, ct_id: int) -> str:
        rows = self.ct_model._base_manager.using(self.using).values_list("id", "app_label", "model")
        self.update({pk: f"{app}.{model}" for pk, app, model in rows})
        return self.setdefault(ct_id, f"?{ct_id}")

    def __call__(self, ct_id: int) -> str:
        return self[ct_id]


# --- writing ------------------------------------------------------------------------------------

def lock(using: str = DEFAULT_DB_ALIAS) -> None:
    """Make chain writers take turns until the current transaction ends. Raw-SQL writers of
    journal rows call this before inserting, then `seal_pending` (see its docstring)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise TransactionManagementError("the journal chain lock needs a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _prepare(entry) -> None:
    """Make the entry hold exactly what will be read back, so the hash computed now is the one
    recomputed later: a time (aware when USE_TZ), and `changes` as JSON gives it back (tuples
    become lists, number keys strings, which sort differently)."""
    if entry.created_at is None:
        entry.created_at = timezone.now()
    elif settings.USE_TZ and entry.created_at.tzinfo is None:
        entry.created_at = timezone.make_aware(entry.created_at)
    entry.changes = json.loads(json.dumps(entry.changes))


def link(entries: Sequence, using: str = DEFAULT_DB_ALIAS) -> None:
    """Give new, unsaved entries their prev_hash and hash, in list order, after the last stored
    entry. Call in the transaction that inserts them, just before the insert, which must keep
    their order in ids (save() and bulk_create do)."""
    if not entries:
        return
    prev = _locked_tail(_journal_model(), using)
    label = cached_label(using)
    for entry in entries:
        _prepare(entry)
        entry.prev_hash = prev
        entry.hash = prev = entry_hash(prev, _hashed_values(entry), label)


def encode_changes(changes: dict) -> str:
    """`changes` as the canonical form encodes it (sorted keys, compact): store this text and
    pass it to a `chainer` function, and the JSON is encoded once for both."""
    return _canonical_json(changes)


# The HASHED_FIELDS a `chainer` row gives; the others are common to all its entries.
VARYING = ("action", "object_id", "object_repr", "changes")


def chainer(common: dict, using: str = DEFAULT_DB_ALIAS) -> Callable[[str, str, str, str], tuple[str, str]]:
    """For writers that insert many journal rows around the ORM (`link` is for model instances):
    takes the lock, reads the last hash, and returns a function that gives each next new entry
    its (prev_hash, hash) from its VARYING values — action, object id, object repr and `changes`
    already encoded by `encode_changes` —, the other HASHED_FIELDS coming from `common` (an aware
    time with USE_TZ, the content type's id). The canonical text is assembled from pieces encoded
    once (a JSON array is its members' encodings joined by commas), which is `canonical` exactly
    (tests/core/test_journal_chain.py). Insert the rows in the order they were chained (ids
    ascending), in the same transaction."""
    prev = _locked_tail(_journal_model(), using)
    values = {**common, "created_at": _utc_iso(common["created_at"]),
              "content_type_id": cached_label(using)(common["content_type_id"])}
    encoded = {name: _canonical_json(values[name]) for name in HASHED_FIELDS if name not in VARYING}
    head = "[" + ",".join(encoded[n] for n in HASHED_FIELDS[:HASHED_FIELDS.index("action")]) + ","
    middle = "," + encoded["content_type_id"] + ","
    tail = "," + encoded["comment"] + "]"
    encode, sha256 = _canonical_json, hashlib.sha256

    def chain(action: str, object_id: str, object_repr: str, changes: str) -> tuple[str, str]:
        nonlocal prev
        text = (f"{prev}{head}{encode(action)}{middle}{encode(object_id)},{encode(object_repr)},"
                f"{changes}{tail}")
        pair = prev, sha256(text.encode()).hexdigest()
        prev = pair[1]
        return pair

    return chain


def _locked_tail(model, using: str) -> str:
    """`lock`, then `_tail_hash`; on PostgreSQL in one round trip, through the function of
    migration core/0005 (it reads the tail after it holds the lock, with a fresh snapshot)."""
    connection = connections[using]
    if connection.vendor != "postgresql" or model._meta.db_table != "core_journalentry":
        lock(using)
        return _tail_hash(model, using)
    if not connection.in_atomic_block:
        raise TransactionManagementError("the journal chain lock needs a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT anjian_journal_tail(%s)", [LOCK_KEY])
        row = cursor.fetchone()
    return row[0] or GENESIS


def _tail_hash(model, using: str) -> str:
    """The hash of the last chained entry. Rows without a hash after it (written around the
    ORM) are chained past, not sealed: a raw INSERT must stay visible to verify_chain, so only
    their writer may seal them (`seal_pending`). Plain SQL: this runs for every journal write,
    and building the ORM query cost more than running it."""
    connection = connections[using]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn('hash')} FROM {qn(model._meta.db_table)} "
                       f"WHERE {qn('hash')} <> '' ORDER BY {qn('id')} DESC LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else GENESIS


def seal_pending(using: str = DEFAULT_DB_ALIAS, model=None, batch_size: int = 5000) -> int:
    """Chain the entries after the last chained one, which have no hash yet; returns how many.

    For rows written around the ORM (raw INSERTs without their hashes, or rows that existed
    before the chain): call `lock()` before inserting them and this in the same transaction, so
    no other writer chains past them in between."""
    model = model or _journal_model()
    lock(using)
    rows = model._base_manager.using(using)
    last = rows.exclude(hash="").order_by("-id").values_list("id", "hash").first()
    after, prev = last or (None, GENESIS)
    pending = rows.order_by("id").values_list("id", *HASHED_FIELDS)
    if after is not None:
        pending = pending.filter(id__gt=after)
    label, sealed = TableLabels(model, using), 0
    for batch in _batches(pending, batch_size):
        updates, prev = _chain_rows(batch, prev, label)
        _store_hashes(model, using, updates)
        sealed += len(batch)
    return sealed


def _chain_rows(batch: list[tuple], prev: str, label: Label) -> tuple[list[tuple], str]:
    """(prev_hash, hash, id) for rows of (id, *HASHED_FIELDS values), and the last hash."""
    updates = []
    for pk, *values in batch:
        digest = entry_hash(prev, values, label)
        updates.append((prev, digest, pk))
        prev = digest
    return updates, prev


def _store_hashes(model, using: str, updates: list[tuple[str, str, int]]) -> None:
    """One executemany UPDATE; QuerySet.bulk_update's CASE expressions are far slower at
    import sizes."""
    connection = connections[using]
    qn = connection.ops.quote_name
    sql = (f"UPDATE {qn(model._meta.db_table)} SET {qn('prev_hash')} = %s, {qn('hash')} = %s "
           f"WHERE {qn('id')} = %s")
    with connection.cursor() as cursor:
        cursor.executemany(sql, updates)


def _batches(queryset, size: int) -> Iterator[list[tuple]]:
    """Rows of a values_list queryset ordered by id (first column), `size` at a time, each
    batch one query that starts after the last id seen: constant memory over any table size."""
    batch = list(queryset[:size])
    while batch:
        yield batch
        batch = list(queryset.filter(id__gt=batch[-1][0])[:size])


# --- checking -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One entry the chain says was tampered with, and why."""

    entry_id: int
    created_at: dt.datetime
    object: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        when = timezone.localtime(self.created_at) if timezone.is_aware(self.created_at) else self.created_at
        return f"#{self.entry_id}  {when:%Y-%m-%d %H:%M:%S}  {self.object}：{'；'.join(self.reasons)}"


@dataclass
class ChainReport:
    checked: int = 0
    last_id: int | None = None
    last_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _faults(expected_prev: str, prev_hash: str, stored: str, values: Sequence, label: Label) -> list[str]:
    if not stored:
        return [_("没有哈希，未入链（绕过系统写入，或写入未完成）")]
    reasons = []
    if prev_hash != expected_prev:
        reasons.append(_("与前一条日志不衔接：其前的日志被删除、插入或改动过"))
    if entry_hash(prev_hash, values, label) != stored:
        reasons.append(_("内容与哈希不符：该条日志被改动过"))
    return reasons


def check_chain(batch_size: int = 5000, using: str = DEFAULT_DB_ALIAS) -> ChainReport:
    """Walk the journal in id order, `batch_size` rows per query, and collect every entry whose
    hash does not match its content or whose prev_hash is not the hash of the entry before it.
    An entry without a hash is reported and skipped, so the entries around it are judged
    against each other (one problem per bad row, not a cascade)."""
    model = _journal_model()
    rows = model._base_manager.using(using).order_by("id").values_list(
        "id", "prev_hash", "hash", *HASHED_FIELDS)
    label, report, expected = TableLabels(model, using), ChainReport(), GENESIS
    for batch in _batches(rows, batch_size):
        for pk, prev_hash, stored, *values in batch:
            reasons = _faults(expected, prev_hash, stored, values, label)
            if reasons:
                report.problems.append(_problem(pk, values, label, reasons))
            if stored:
                expected = stored
        report.checked += len(batch)
        report.last_id = batch[-1][0]
    report.last_hash = expected
    return report


def _problem(pk: int, values: Sequence, label: Label, reasons: list[str]) -> Problem:
    obj = f"{label(values[_CT])} #{values[_OBJECT_ID]} {values[_OBJECT_REPR]}"
    return Problem(pk, values[_CREATED_AT], obj, tuple(reasons))


def verify_chain(batch_size: int = 5000, using: str = DEFAULT_DB_ALIAS) -> list[Problem]:
    """Every entry the chain shows as changed, removed behind or inserted; [] when intact."""
    return check_chain(batch_size, using).problems
