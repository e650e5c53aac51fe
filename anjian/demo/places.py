"""Where demo units stand: a grid, coordinates inside it, and an address.

Shops and 九小场所 cluster on the two built-up streets, 张村街道 (through 张一–张四村) and 宜村街道
(宜村村); everything else stands somewhere in its village.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from anjian.demo.specs import GridInfo, VillageInfo, coord

STREET_VILLAGES = {
    "张村街道": {"张二村": 4, "张一村": 2, "张三村": 2, "张四村": 1},
    "宜村街道": {"宜村村": 1},
}


@dataclass
class Place:
    village: VillageInfo
    grid: GridInfo
    longitude: object  # Decimal
    latitude: object
    address: str


class Placer:
    def __init__(self, villages: list[VillageInfo], rng: random.Random) -> None:
        self.villages = villages
        self.by_name = {v.name: v for v in villages}
        self.rng = rng
        self._numbers = {}
        for street in STREET_VILLAGES:
            numbers = list(range(1, 460))
            rng.shuffle(numbers)
            self._numbers[street] = numbers

    def village(self, name: str) -> VillageInfo:
        return self.by_name[name]

    def zone(self, *zones: str) -> list[VillageInfo]:
        return [v for v in self.villages if v.zone in zones]

    def _point(self, grid: GridInfo, v_low: float, v_high: float) -> tuple:
        lon, lat = grid.cell.point(self.rng.uniform(0.1, 0.9), self.rng.uniform(v_low, v_high))
        return coord(lon), coord(lat)

    def on_street(self, street: str) -> Place:
        """A house on the street: along the middle of its villages, with a house number."""
        weights = STREET_VILLAGES[street]
        name = self.rng.choices(list(weights), list(weights.values()))[0]
        village = self.by_name[name]
        grid = self.rng.choice(village.grids)
        lon, lat = self._point(grid, 0.44, 0.56)
        number = self._numbers[street].pop()
        return Place(village, grid, lon, lat, f"西张村镇{street}{number}号")

    def on_streets(self) -> Place:
        return self.on_street("张村街道" if self.rng.random() < 0.7 else "宜村街道")

    def in_village(self, village: VillageInfo, where: str = "") -> Place:
        """Somewhere in the village; `where` describes the spot, else a villagers' group (组)."""
        grid = self.rng.choice(village.grids)
        lon, lat = self._point(grid, 0.12, 0.88)
        where = where or f"{self.rng.randint(1, village.groups)}组"
        return Place(village, grid, lon, lat, f"西张村镇{village.name}{where}")

    def anywhere(self, *zones: str, where: str = "") -> Place:
        candidates = self.zone(*zones) if zones else self.villages
        return self.in_village(self.rng.choice(candidates), where)
