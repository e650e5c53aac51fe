"""What an import found before anything is written: one `RowResult` per data row and the
`LedgerPreview` of the whole file (columns recognised, warnings, problems), plus how rows are matched
to units already registered (credit code, else name + address) and repeat one another."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from anjian.units.ledger.cells import CellError, to_date
from anjian.units.ledger.columns import LABELS
from anjian.units.ledger.lookups import UnitIndex, match_key

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
_PREAMBLE_ORG_RE = re.compile(r"(?:填报|报送|填表|统计)?单位[:：]\s*(.+?)(?=\s{2,}|\s*(?:填报|报送|统计|截止)?(?:日期|时间)[:：]|$)")
_PREAMBLE_DATE_RE = re.compile(r"(?:日期|时间)[:：]\s*(\d[\d\s年月日号/.\-]*\d[日号]?)")


@dataclass(slots=True)
class RowResult:
    row: int  # the row number Excel shows (1-based)
    name: str
    action: str = CREATE
    errors: dict[str, str] = field(default_factory=dict)  # column key → Chinese message
    values: dict | None = None
    unit_id: int | None = None
    changes: dict | None = None  # field → [old, new]

    @property
    def messages(self) -> list[tuple[str, str]]:
        return [(LABELS.get(k, k), m) for k, m in self.errors.items()]


@dataclass
class LedgerPreview:
    file_name: str
    sha256: str
    sheet_name: str = ""
    header_rows: tuple[int, ...] = ()
    columns: list[tuple[str, str, str]] = field(default_factory=list)  # (letter, as written, field)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    title: str = ""
    ledger_org: str = ""
    ledger_date: dt.date | None = None
    rows: list[RowResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        result = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
        for r in self.rows:
            result[r.action] += 1
        return result

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(r.action == ERROR for r in self.rows)

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == ERROR]


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def plain(value):
    """A value as the journal stores it (journal.snapshot's form)."""
    if isinstance(value, Decimal | dt.date):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def read_preamble(preview: LedgerPreview, lines: list[str]) -> None:
    for line in lines:
        if not preview.title and not _PREAMBLE_ORG_RE.search(line) and not _PREAMBLE_DATE_RE.search(line):
            preview.title = line[:200]
        org = _PREAMBLE_ORG_RE.search(line)
        if org and not preview.ledger_org:
            preview.ledger_org = org.group(1).strip()[:200]
        date = _PREAMBLE_DATE_RE.search(line)
        if date and preview.ledger_date is None:
            try:
                preview.ledger_date = to_date(date.group(1))
            except CellError as exc:
                preview.warnings.append(_("表头上方的填报日期无法识别：%(m)s") % {"m": exc})


def describe_columns(preview: LedgerPreview, header, first_column: int) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(header.keys):
        letter = column_letter(first_column + j)
        text = header.texts[j]
        if key is None:
            if text:
                preview.ignored.append((letter, text))
            continue
        positions[key].append(j)
        preview.columns.append((letter, text, LABELS[key]))
    for key, cols in positions.items():
        if len(cols) > 1 and key != "seq":
            letters = "、".join(column_letter(first_column + c) for c in cols)
            preview.warnings.append(_("“%(h)s”列出现了%(n)d次（%(c)s列），每行取第一个非空的值") % {
                "h": LABELS[key], "n": len(cols), "c": letters})
    if "village" not in positions and "grid" not in positions:
        preview.file_errors.append(_("缺少“所在村（社区）”列（也可以用“网格”列）"))
    if "category" not in positions and "subcategory" not in positions:
        preview.file_errors.append(_("缺少“类别”或“子类”列"))
    positions.pop("seq", None)
    return positions


class Matcher:
    """Matches rows to existing units and finds rows that repeat one another."""

    def __init__(self, units: UnitIndex, by_address: bool) -> None:
        self.units = units
        self.by_address = by_address
        self.codes: dict[str, int] = {}
        self.names: dict[tuple, int] = {}
        self.targets: dict[int, int] = {}
        self.name_only: dict[str, list[int]] | None = None

    def _candidates(self, key: tuple[str, str]) -> list[int]:
        if self.by_address:
            return self.units.by_name.get(key, [])
        if self.name_only is None:
            self.name_only = defaultdict(list)
            for (n, _a), pks in self.units.by_name.items():
                self.name_only[n].extend(pks)
        return self.name_only.get(key[0], [])

    def match(self, result: RowResult, values: dict, errors: dict) -> None:
        code = values.get("credit_code", "")
        pk = None
        if code and "credit_code" not in errors:
            if code in self.codes:
                errors["credit_code"] = _("与第%(r)d行的统一社会信用代码相同（重复）") % {"r": self.codes[code]}
                return
            self.codes[code] = result.row
            pk = self.units.by_code.get(code)
            if pk is not None and pk not in self.units.visible:
                errors["credit_code"] = _("该统一社会信用代码已登记在您管辖范围以外的监管对象上")
                return
        name, address = values.get("name", ""), values.get("address", "")
        if pk is None and name:
            key = match_key(name, address)  # without an address column, address is ""
            found = [p for p in self._candidates(key)
                     if not (code and self.units.code_of.get(p) and self.units.code_of[p] != code)]
            if len(found) > 1:
                errors["name"] = _("与%(n)d个已登记的监管对象名称、地址都相同，无法确定更新哪一个，"
                                   "请填写统一社会信用代码") % {"n": len(found)}
                return
            pk = found[0] if found else None
            if pk is None and not code:
                if key in self.names:
                    errors["name"] = _("与第%(r)d行的名称和地址相同（重复）") % {"r": self.names[key]}
                    return
                self.names[key] = result.row
        if pk is not None:
            if pk in self.targets:
                errors["name"] = _("与第%(r)d行对应同一个已登记的监管对象（重复）") % {"r": self.targets[pk]}
                return
            self.targets[pk] = result.row
            result.unit_id = pk
