"""Turning a ledger row into typed unit values and per-column Chinese messages.

Columns with few distinct values (category, village, risk level, flags…) are converted once per
distinct cell value and cached, so a 100,000-row ledger costs a dict lookup for most cells."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from anjian.units.ledger import cells, labels
from anjian.units.ledger.cells import CellError, to_text
from anjian.units.ledger.lookups import LeaderIndex, RegionIndex

TEXT_FIELDS = ("name", "address", "notes", "warning_signs")
PERSON_FIELDS = ("principal", "safety_officer", "industry_code")
PHONE_FIELDS = ("principal_phone", "safety_officer_phone")
CHOICE_FIELDS = ("risk_level", "standardisation_grade", "industry_section")
DECIMALS = {"longitude": (6, 9), "latitude": (6, 9), "floor_area": (2, 12)}
FOOTER_WORDS = ("合计", "小计", "总计", "共计", "填表人", "制表人", "填报人", "审核人", "审核",
                "负责人签字", "填表说明", "说明：", "注：", "备注：")


def _text(value) -> str:
    if value.__class__ is str:
        return value.strip()
    return to_text(value)


def _person(value) -> str:
    text = value.strip() if value.__class__ is str else to_text(value)
    return "" if cells.is_missing(text) else text


def _cached(convert: Callable) -> Callable:
    """`convert` memoised per raw cell value (errors included)."""
    memo: dict = {}

    def wrapped(value):
        try:
            result = memo[value]
        except KeyError:
            try:
                result = (True, convert(value))
            except CellError as exc:
                result = (False, str(exc))
            except TypeError:  # unhashable: never from calamine, but be safe
                return convert(value)
            memo[value] = result
        if result[0]:
            return result[1]
        raise CellError(result[1])

    return wrapped


class RowReader:
    """Reads one ledger's rows: `positions` maps each column key to its sheet columns (several when
    a header repeats: the first non-empty cell wins)."""

    def __init__(self, positions: dict[str, list[int]], regions: RegionIndex,
                 leaders: LeaderIndex | None) -> None:
        self.regions = regions
        self.plain: list[tuple[str, int, Callable]] = []
        self.repeated: list[tuple[str, list[int], Callable]] = []
        converters = {name: _text for name in TEXT_FIELDS}
        converters |= {name: _person for name in PERSON_FIELDS}
        converters |= {name: cells.to_phones for name in PHONE_FIELDS}
        converters["credit_code"] = cells.to_code
        converters["employees"] = cells.to_int
        converters["above_designated_size"] = _cached(cells.to_flag)
        for name, (places, digits) in DECIMALS.items():
            converters[name] = cells.decimal_reader(places, digits)
        for name in CHOICE_FIELDS:
            converters[name] = _cached((lambda n: lambda v: labels.to_choice(n, v))(name))
        if leaders is not None:
            converters["linked_leader"] = _cached(leaders.find)
        self.texts = [(k, positions[k][0]) for k in TEXT_FIELDS
                      if k in positions and len(positions[k]) == 1]  # read inline: most cells
        for key, cols in positions.items():
            if key not in converters or (key, cols[0]) in self.texts:
                continue
            if len(cols) == 1:
                self.plain.append((key, cols[0], converters[key]))
            else:
                self.repeated.append((key, cols, converters[key]))
        self.kind_cols = (positions.get("category"), positions.get("subcategory"))
        self.village_cols, self.grid_cols = positions.get("village"), positions.get("grid")
        self.name_col = positions["name"][0]
        self._kinds: dict = {}
        self._places: dict = {}
        self.width = 1 + max(c for cols in positions.values() for c in cols)
        self.data_cols = sorted({c for cols in positions.values() for c in cols})

    @staticmethod
    def _first(cells_: list, cols: list[int] | None):
        if not cols:
            return ""
        for c in cols:
            value = cells_[c]
            if value != "" and value is not None:
                return value
        return ""

    @staticmethod
    def first_value(row: list):
        """The first non-empty cell of a row, or None for a blank row."""
        for value in row:
            if value != "" and value is not None and not (value.__class__ is str and not value.strip()):
                return value
        return None

    def has_data(self, row: list) -> bool:
        """Whether any recognised column (序号 aside) holds a value: template rows that are
        numbered but empty are not units."""
        for c in self.data_cols:
            value = row[c] if c < len(row) else ""
            if value != "" and value is not None and not (value.__class__ is str and not value.strip()):
                return True
        return False

    @staticmethod
    def is_footer(first) -> bool:
        """A 合计 / 填表人 / 注： line under the data."""
        if first.__class__ is not str:
            return False
        return first.replace(" ", "").replace("\u3000", "").startswith(FOOTER_WORDS)

    def read(self, row: list) -> tuple[dict, dict[str, str], int | None]:
        """(values, errors, region's village) for one row; values hold only the provided columns."""
        if len(row) < self.width:
            row = row + [""] * (self.width - len(row))
        values: dict = {}
        errors: dict[str, str] = {}
        for key, col in self.texts:
            value = row[col]
            values[key] = value.strip() if value.__class__ is str else to_text(value)
        for key, col, convert in self.plain:
            try:
                values[key] = convert(row[col])
            except CellError as exc:
                errors[key] = str(exc)
        for key, cols, convert in self.repeated:
            try:
                values[key] = convert(self._first(row, cols))
            except CellError as exc:
                errors[key] = str(exc)
        if self.kind_cols != (None, None):
            raw = (self._first(row, self.kind_cols[0]), self._first(row, self.kind_cols[1]))
            kind = self._kinds.get(raw)
            if kind is None:
                kind = self._kinds[raw] = labels.to_kind(*raw)
            category, subcategory, kind_errors = kind
            if category:
                values["category"] = category
            if subcategory:
                values["subcategory"] = subcategory
            errors.update(kind_errors)
        village = self._region(row, values, errors)
        return values, errors, village

    def _region(self, row: list, values: dict, errors: dict) -> int | None:
        raw = (self._first(row, self.village_cols), self._first(row, self.grid_cols))
        place = self._places.get(raw)
        if place is None:
            place = self._places[raw] = self._resolve_place(*raw)
        region, village, message = place
        if message:
            errors["region"] = message
        elif region is not None:
            values["region"] = region
        return village

    def _resolve_place(self, village_value, grid_value) -> tuple[int | None, int | None, str]:
        village_text, grid_text = to_text(village_value), to_text(grid_value)
        village = None
        try:
            if village_text:
                village = self.regions.village(village_value)
            if grid_text and not cells.is_missing(grid_text):
                grid = self.regions.grid(grid_value, village)
                if village is not None and self.regions.parent[grid] != village:
                    return None, village, _("网格“%(g)s”不属于“%(v)s”") % {
                        "g": grid_text, "v": self.regions.name[village]}
                return grid, self.regions.parent[grid], ""
        except CellError as exc:
            return None, village, str(exc)
        if village is None:
            return None, None, _("必填项不能为空")
        return village, village, ""
