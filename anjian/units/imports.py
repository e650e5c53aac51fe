"""Importing a unit ledger (监管对象台账) from Excel: parse → preview → commit, all or nothing.

`ledger_parse` reads an uploaded .xlsx/.xls, finds its header however the office laid it out, types
every cell, checks every row with the registry's one rule set (`validate_unit_values`), matches rows
to existing units (by credit code, else by name + address), checks the user's scope, and returns a
`LedgerPreview` that lists each row's problems in Chinese. Nothing is written.

`ledger_commit` writes a preview without problems in one transaction: new units, changed fields of
matched units (unchanged units are not touched) and one journal entry per written unit, then
re-checks every written row against the user's scope. Importing the same file again changes nothing.
`ledger_import` does both in one transaction, so the rows are checked against what they will change.
"""

from __future__ import annotations

import gc
import hashlib
import operator
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.journal_chain import chainer, encode_changes
from anjian.core.models import JournalAction, JournalEntry
from anjian.core.scope import ADD, CHANGE
from anjian.units.ledger.lookups import LeaderIndex, RegionIndex, ScopeChecker, UnitIndex
from anjian.units.ledger.preview import (
    CREATE,
    ERROR,
    UNCHANGED,
    UPDATE,
    LedgerPreview,
    Matcher,
    RowResult,
    describe_columns,
    plain,
    read_preamble,
)
from anjian.units.ledger.reader import LedgerSheet, check_upload, open_ledger
from anjian.units.ledger.rows import RowReader
from anjian.units.ledger.writer import (
    CopyStream,
    allocate_ids,
    bulk_session,
    creation_changes,
    db_datetime,
    insert_rows,
    update_rows,
)
from anjian.units.models import LedgerImport, Unit
from anjian.units.services import EDITABLE_FIELDS, SectorResolver, validate_unit_values

# Every column of a new unit row, in insert order (FKs by field name, holding ids).
INSERT_FIELDS = [f.name for f in Unit._meta.concrete_fields if not f.primary_key]
SNAPSHOT_FIELDS = [n for n in INSERT_FIELDS if n not in ("created_at", "updated_at")]
DEFAULTS = {f.name: f.get_default() for f in Unit._meta.concrete_fields if not f.primary_key}
# A journal row's columns: HASHED_FIELDS (FKs by field name), then the chain's.
_JOURNAL_COLUMNS = ["created_at", "actor", "actor_name", "request_id", "source", "action", "content_type",
                    "object_id", "object_repr", "changes", "comment", "prev_hash", "hash"]
CREATE_ACTION, UPDATE_ACTION = JournalAction.CREATE.value, JournalAction.UPDATE.value
_SNAPSHOT = operator.itemgetter(*SNAPSHOT_FIELDS)
_NAME = SNAPSHOT_FIELDS.index("name")
_creation_changes = creation_changes(Unit, SNAPSHOT_FIELDS)
_EXISTING = [*EDITABLE_FIELDS, "sector"]
_EXISTING_ATTNAMES = [Unit._meta.get_field(n).attname for n in _EXISTING]


def _load_existing(pks: list[int]) -> dict[int, dict]:
    existing = {}
    for start in range(0, len(pks), 900):
        rows = Unit.objects.filter(pk__in=pks[start:start + 900]).values_list("pk", *_EXISTING_ATTNAMES)
        for pk, *values in rows:
            existing[pk] = dict(zip(_EXISTING, values, strict=True))
    return existing


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a ledger is read or written. Every row's
    objects live until the import ends, so each collection walks them all and frees nothing: with
    it on, a 100,000-row import took ~10% longer. Memory freed by reference counting is freed as
    ever; the collector is back on (if it was) when the import ends, also on error."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def ledger_parse(*, actor, data: bytes, file_name: str) -> LedgerPreview:
    """Read and check a ledger without writing anything. Raises `LedgerFileError` (a ValueError
    with a Chinese message) when the file as a whole cannot be read."""
    with _collector_paused():
        return _parse(actor, data, file_name)


def _parse(actor, data: bytes, file_name: str, new_units: _NewUnits | None = None) -> LedgerPreview:
    """`new_units`, when given, takes each new unit's row as soon as it is checked, as long as no
    row before it had a problem (`ledger_import` writes them while the file is read)."""
    check_upload(file_name, data)
    preview = LedgerPreview(file_name=file_name, sha256=hashlib.sha256(data).hexdigest())
    sheet, regions, units = _open_with_indexes(actor, data)
    preview.sheet_name = sheet.name
    preview.header_rows = tuple(r + 1 for r in sheet.header.rows)
    read_preamble(preview, sheet.header.preamble)
    positions = describe_columns(preview, sheet.header, sheet.first_column)
    if preview.file_errors:
        return preview
    provided = set(positions) - {"village", "grid"} | ({"region"} if positions.keys() & {"village", "grid"} else set())
    if "subcategory" in positions:
        provided.add("category")
    if "category" in positions:
        provided.add("subcategory")
    reader = RowReader(positions, regions, LeaderIndex(actor) if "linked_leader" in positions else None)
    matcher = Matcher(units, by_address="address" in positions)
    checker = _RowChecker(actor, regions, provided)
    matched: list[tuple[RowResult, int | None]] = []  # (row, the village it names)
    clean = True  # no row so far has a problem
    for index, cells_ in sheet.rows:
        first = reader.first_value(cells_)
        if first is None:
            continue
        if reader.is_footer(first):
            preview.warnings.append(_("第%(r)d行不是数据（合计、签字等），已跳过") % {"r": index + 1})
            continue
        if not reader.has_data(cells_):
            continue
        values, errors, village = reader.read(cells_)
        result = RowResult(row=index + 1, name=values.get("name", ""), errors=errors, values=values)
        matcher.match(result, values, errors)
        preview.rows.append(result)
        if result.unit_id is not None:
            matched.append((result, village))
            continue
        checker.check_new(result)  # a new unit's checks need nothing from the rows after it
        clean = clean and result.action != ERROR
        if clean and new_units is not None:
            new_units.take(result)
    if new_units is not None:
        new_units.close()  # the COPY ends: the checks below query
    if not preview.rows:
        preview.file_errors.append(_("表格中没有数据行（表头在第%(r)s行）") % {
            "r": "、".join(map(str, preview.header_rows))})
    checker.check_matched(matched)
    return preview


def _open_with_indexes(actor, data: bytes) -> tuple[LedgerSheet, RegionIndex, UnitIndex]:
    """The ledger's sheet, and the regions and units the rows are checked against: python-calamine
    reads the file in a second thread without holding Python's lock, while the indexes load here."""
    language = translation.get_language()

    def open_sheet() -> LedgerSheet:
        with translation.override(language):  # its messages in the user's language
            return open_ledger(data)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="anjian-ledger") as pool:
        opening = pool.submit(open_sheet)
        regions, units = RegionIndex(actor), UnitIndex(actor)
        return opening.result(), regions, units


class _RowChecker:
    """The checks of a row after it is read and matched: the registry's rules, the sector from the
    三管三必须 mapping, the user's scope, and for a matched unit what changes. A new unit's row is
    checked as soon as it is read; matched rows together at the end (their units load at once)."""

    def __init__(self, actor, regions: RegionIndex, provided: set[str]) -> None:
        self.regions, self.scope, self.resolver = regions, ScopeChecker(actor), SectorResolver()
        self.sectors: dict[tuple, int | None] = {}
        self.compared = [n for n in EDITABLE_FIELDS if n in provided] + ["sector"]

    def _sector(self, merged: dict) -> int | None:
        kind = (merged["category"], merged["subcategory"], merged["industry_section"])
        sectors = self.sectors
        return sectors[kind] if kind in sectors else sectors.setdefault(kind, self.resolver.sector_id(*kind))

    def check_new(self, result: RowResult) -> None:
        values, errors = result.values, result.errors
        for key, message in validate_unit_values(values).items():  # absent fields' defaults are valid
            errors.setdefault(key, message)
        merged = DEFAULTS | values
        merged["sector"] = sector = self._sector(merged)
        path = self.regions.path.get(merged.get("region"), "")
        if path and not errors and not self.scope.may_add(path, sector):
            errors["region"] = _("无权在“%(r)s”新增监管对象（不在您的管辖范围内）") % {
                "r": self.regions.name[merged["region"]]}
        if errors:
            result.action, result.values = ERROR, None
        else:
            result.values = merged

    def check_matched(self, matched: list[tuple[RowResult, int | None]]) -> None:
        pks = [r.unit_id for r, _village in matched]
        existing = _load_existing(pks)
        self.scope.load_changeable(pks)
        for result, village in matched:
            current = existing.get(result.unit_id)
            if current is None:  # deleted since the file was read
                result.errors["name"] = _("对应的监管对象已被删除，请重新上传")
                result.action, result.values = ERROR, None
            else:
                self._check_update(result, current, village)

    def _check_update(self, result: RowResult, current: dict, village: int | None) -> None:
        values, errors, compared, regions = result.values, result.errors, self.compared, self.regions
        region = values.get("region")
        if region is not None and region == village and current["region"] != region \
                and regions.parent.get(current["region"]) == region:
            values["region"] = current["region"]  # no grid given: the unit stays on its grid
        merged = {k: current[k] for k in EDITABLE_FIELDS} | values
        # A row that changes nothing writes nothing: the stored values were checked when saved.
        for key, message in (validate_unit_values(merged) if _differs(current, merged, compared) else {}).items():
            errors.setdefault(key, message)
        merged["sector"] = sector = self._sector(merged)
        path = regions.path.get(merged.get("region"), "")
        if path and not self.scope.may_change(result.unit_id, path, sector):
            errors["name"] = _("无权修改这个已登记的监管对象（不在您的管辖范围内）")
        if errors:
            result.action, result.values = ERROR, None
            return
        changes = {k: [plain(current[k]), plain(merged[k])] for k in compared if current[k] != merged[k]}
        result.action = UPDATE if changes else UNCHANGED
        result.values = {k: merged[k] for k in changes} if changes else None
        result.changes = changes or None


class _NewUnits(CopyStream):
    """PostgreSQL: new units COPYed as their rows pass their checks, so the server indexes them
    while the rest of the file is read. Their created and updated time is `now`."""

    def __init__(self, now) -> None:
        super().__init__(Unit, INSERT_FIELDS)
        self.stamp = db_datetime(now)

    def take(self, result: RowResult) -> None:
        result.unit_id = self.add((*_SNAPSHOT(result.values), self.stamp, self.stamp))


@transaction.atomic
def ledger_commit(*, actor, preview: LedgerPreview) -> LedgerImport:
    """Write a checked preview: all rows or none. Raises ValidationError when any row has a problem
    and PermissionDenied when a written row falls outside the user's scope (nothing is kept)."""
    if preview.has_errors:
        raise ValidationError(_("台账中有%(n)d处问题，未导入任何数据。请改正后重新上传。") % {
            "n": len(preview.error_rows) + len(preview.file_errors)})
    return _commit(actor, preview, timezone.now(), inserted=False)


def _commit(actor, preview: LedgerPreview, now, *, inserted: bool) -> LedgerImport:
    """`inserted`: the new units are in already (written while the file was read, at `now`)."""
    token = journal.source_var.set("import")
    try:
        with bulk_session(), _collector_paused():
            return _write(actor, preview, now, inserted)
    finally:
        journal.source_var.reset(token)


def _write(actor, preview: LedgerPreview, now, inserted: bool) -> LedgerImport:
    journal.lock()  # other journal writers wait until this import commits: its rows come next
    comment = _("Excel台账导入：%(f)s") % {"f": preview.file_name}
    ct = ContentType.objects.get_for_model(Unit)
    proto = journal.build(actor, Unit(pk=0), JournalAction.CREATE, comment=comment, content_type=ct)
    stamp = db_datetime(now)
    creates = [r for r in preview.rows if r.action == CREATE]
    updates = [r for r in preview.rows if r.action == UPDATE]
    if not inserted:
        for pk, result in zip(allocate_ids(Unit, len(creates)), creates, strict=True):
            result.unit_id = pk
    # One journal entry per written unit, chained (hashed) in the order inserted: a new unit's
    # lists the fields it was given (as unit_create's does). The chain reads its tail now: no
    # query may run while a COPY streams.
    chain = chainer({"created_at": now, "actor_id": proto.actor_id, "actor_name": proto.actor_name,
                     "request_id": proto.request_id, "source": proto.source,
                     "content_type_id": ct.pk, "comment": comment})
    head = (stamp, proto.actor_id, proto.actor_name, proto.request_id, proto.source)

    def entry(action: str, pk: int, name: str, text: str) -> tuple:
        object_id, object_repr = str(pk), name[:255]
        return (*head, action, ct.pk, object_id, object_repr, text, comment,
                *chain(action, object_id, object_repr, text))

    def journal_rows() -> Iterator[tuple]:  # built as they are taken, in the order chained
        for r in creates:
            values = _SNAPSHOT(r.values)
            yield entry(CREATE_ACTION, r.unit_id, str(values[_NAME]), _creation_changes(values))
        for r in updates:
            name = r.changes["name"][1] if "name" in r.changes else r.name
            yield entry(UPDATE_ACTION, r.unit_id, str(name), encode_changes(r.changes))

    new_units = ((r.unit_id, *_SNAPSHOT(r.values), stamp, stamp) for r in creates)
    entries: Iterable[tuple] = journal_rows()
    # On PostgreSQL the entries are built as the journal's COPY streams (the server indexing them
    # meanwhile); on SQLite while a second thread moves the new units in.
    if connection.vendor == "sqlite" and not inserted:
        built: list[tuple] = []
        insert_rows(Unit, ["id", *INSERT_FIELDS], new_units, meanwhile=map(built.append, entries))
        entries = built
    elif not inserted:
        insert_rows(Unit, ["id", *INSERT_FIELDS], new_units)
    # The matched units: only their changed fields, grouped by which fields changed.
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for r in updates:
        names = tuple(r.changes)
        groups[names].append((*(r.values[n] for n in names), stamp, r.unit_id))
    for names, rows in groups.items():
        update_rows(Unit, [*names, "updated_at"], rows)
    insert_rows(JournalEntry, _JOURNAL_COLUMNS, entries)
    # New units' scope depends on region and sector only, so one per pair stands for all.
    pairs = {(r.values["region"], r.values["sector"]): r.unit_id for r in creates}
    _recheck_scope(actor, list(pairs.values()), ADD)
    _recheck_scope(actor, [r.unit_id for r in updates], CHANGE)
    counts = preview.counts
    return LedgerImport.objects.create(
        actor=actor if actor is not None and actor.pk else None, actor_name=proto.actor_name,
        file_name=preview.file_name[:255], sha256=preview.sha256, sheet_name=preview.sheet_name[:100],
        ledger_org=preview.ledger_org, ledger_date=preview.ledger_date,
        rows=len(preview.rows), created=counts[CREATE], updated=counts[UPDATE],
        unchanged=counts[UNCHANGED], request_id=proto.request_id,
    )


def _differs(current: dict, merged: dict, names: list[str]) -> bool:
    return any(current[n] != merged[n] for n in names if n != "sector")


def _recheck_scope(actor, pks: list[int], action: str) -> None:
    """Every written unit must be in the user's scope after the write (same transaction)."""
    if actor is None or actor.is_superuser or not pks:
        return
    for start in range(0, len(pks), 900):
        chunk = pks[start:start + 900]
        if Unit.objects.for_user(actor, action).filter(pk__in=chunk).count() != len(chunk):
            raise PermissionDenied(_("有监管对象不在您的管辖范围内，未导入任何数据"))


def ledger_import(*, actor, data: bytes, file_name: str) -> tuple[LedgerPreview, LedgerImport | None]:
    """Parse and, when there is no problem, commit, in one transaction. On PostgreSQL the new units
    are written as their rows pass their checks, while the rest of the file is read (the server
    indexes them meanwhile); a problem in any row rolls them back, so nothing is kept either way."""
    now = timezone.now()
    with transaction.atomic(), _collector_paused():
        if connection.vendor != "postgresql":
            preview = ledger_parse(actor=actor, data=data, file_name=file_name)
            if preview.has_errors:
                return preview, None
            return preview, _commit(actor, preview, now, inserted=False)
        with _NewUnits(now) as new_units:
            preview = _parse(actor, data, file_name, new_units)
        if preview.has_errors:
            transaction.set_rollback(True)  # the new units written before the problem was met
            return preview, None
        return preview, _commit(actor, preview, now, inserted=True)
