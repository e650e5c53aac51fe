"""The demo as plain data: what `builder` writes, and what the determinism check hashes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from anjian.demo.geo import Cell

Q6 = Decimal("0.000001")


def coord(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Q6)


@dataclass
class RegionSpec:
    code: str
    name: str
    kind: str
    parent_code: str | None
    extra: dict = field(default_factory=dict)  # boundary, latitude, longitude, urban_rural_class, notes


@dataclass
class GridInfo:
    code: str
    name: str
    cell: Cell


@dataclass
class VillageInfo:
    code: str
    name: str
    zone: str  # centre, tableland, hills, mountain
    cell: Cell
    groups: int  # 村民小组
    grids: list[GridInfo] = field(default_factory=list)
    street: str = ""  # the built-up street running through it, if any


@dataclass
class OrganisationSpec:
    name: str
    kind: str
    region_code: str
    sectors: tuple[str, ...]
    phone: str = ""
    address: str = ""


@dataclass
class PersonSpec:
    name: str
    region_code: str
    duty: str
    position: str
    phone: str
    organisation: str = ""  # organisation name


@dataclass
class UnitSpec:
    region_code: str  # the grid
    fields: dict  # values for units.services.unit_create, without region and linked_leader
    leader: str = ""  # name of the linked leader (a PersonSpec)

    @property
    def name(self) -> str:
        return self.fields["name"]


@dataclass
class UserSpec:
    username: str
    role: str
    person: str  # PersonSpec name
    sees: str  # what the user sees, for the printed login table
    region_code: str = ""
    organisation: str = ""
    units: tuple[str, ...] = ()  # unit names, for enterprise and expert access


@dataclass
class Plan:
    regions: list[RegionSpec]
    organisations: list[OrganisationSpec]
    people: list[PersonSpec]
    units: list[UnitSpec]
    users: list[UserSpec]

    def fingerprint(self) -> str:
        return fingerprint(fingerprint_lines(
            regions=[(r.code, r.name) for r in self.regions],
            organisations=[o.name for o in self.organisations],
            people=[(p.name, p.region_code, p.position, p.phone) for p in self.people],
            units=[(u.name, u.fields.get("credit_code", ""), u.fields["subcategory"], u.region_code,
                    u.fields.get("longitude"), u.fields.get("latitude")) for u in self.units],
            users=[u.username for u in self.users],
        ))


def fingerprint_lines(**parts) -> list[str]:
    lines = []
    for part, rows in sorted(parts.items()):
        for row in rows:
            values = row if isinstance(row, tuple) else (row,)
            lines.append(part + "|" + "|".join("" if v is None else str(v) for v in values))
    return sorted(lines)


def fingerprint(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
