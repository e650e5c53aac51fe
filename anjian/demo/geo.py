"""Plausible geometry for the demo town: villages and grids as polygons that tile the town.

The town (about 34.55–34.68 N, 111.10–111.25 E, some 190 km²) is cut into rows by wavy east–west
boundaries; each row is cut into villages by slanted north–south edges, and each village into its
grids the same way. Neighbouring cells share their boundary points, so the polygons never overlap
and together cover the town. Coordinates are (longitude, latitude) as GeoJSON wants them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

LON_W, LON_E = 111.10, 111.25
LAT_S, LAT_N = 34.55, 34.68
SAMPLE_STEP = 0.0075  # degrees between the points of an east–west boundary

Point = tuple[float, float]


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


@dataclass(frozen=True)
class Boundary:
    """A wavy east–west line: latitude as a piecewise-linear function of longitude."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def y(self, x: float) -> float:
        xs, ys = self.xs, self.ys
        if x <= xs[0]:
            return ys[0]
        for i in range(1, len(xs)):
            if x <= xs[i]:
                return lerp(ys[i - 1], ys[i], (x - xs[i - 1]) / (xs[i] - xs[i - 1]))
        return ys[-1]

    def points(self, x0: float, x1: float) -> list[Point]:
        """The boundary from x0 to x1 (either direction), with its bends in between."""
        lo, hi = min(x0, x1), max(x0, x1)
        inner = [(x, y) for x, y in zip(self.xs, self.ys, strict=True) if lo < x < hi]
        pts = [(lo, self.y(lo)), *inner, (hi, self.y(hi))]
        return pts if x0 <= x1 else pts[::-1]


@dataclass(frozen=True)
class Cell:
    """The area between a southern and a northern boundary and two slanted side edges."""

    south: Boundary
    north: Boundary
    west_s: float  # longitude of the west edge on the southern boundary
    east_s: float
    west_n: float  # longitude of the west edge on the northern boundary
    east_n: float

    def ring(self) -> list[Point]:
        """Exterior ring, counter-clockwise, closed."""
        pts = self.south.points(self.west_s, self.east_s) + self.north.points(self.east_n, self.west_n)
        return [*pts, pts[0]]

    def geojson(self) -> dict:
        return {"type": "Polygon",
                "coordinates": [[[round(x, 6), round(y, 6)] for x, y in self.ring()]]}

    def point(self, u: float, v: float) -> Point:
        """The point at fraction u from west to east and v from south to north."""
        xs, xn = lerp(self.west_s, self.east_s, u), lerp(self.west_n, self.east_n, u)
        ys, yn = self.south.y(xs), self.north.y(xn)
        return lerp(xs, xn, v), lerp(ys, yn, v)

    def split(self, cuts: list[float]) -> list[Cell]:
        """Cut into len(cuts) + 1 cells at fractions `cuts` from west to east."""
        edges = [0.0, *cuts, 1.0]
        return [
            Cell(self.south, self.north,
                 lerp(self.west_s, self.east_s, a), lerp(self.west_s, self.east_s, b),
                 lerp(self.west_n, self.east_n, a), lerp(self.west_n, self.east_n, b))
            for a, b in zip(edges, edges[1:], strict=False)
        ]

    def centroid(self) -> Point:
        return polygon_centroid(self.ring())


def polygon_area(ring: list[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def polygon_centroid(ring: list[Point]) -> Point:
    area = polygon_area(ring)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def point_in_ring(point: Point, ring: list[Point]) -> bool:
    """Ray casting; `ring` is closed."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _cuts(rng: random.Random, n: int, wobble: float = 0.22) -> list[float]:
    """n - 1 increasing cut fractions near the even ones."""
    return [(i + rng.uniform(-wobble, wobble)) / n for i in range(1, n)]


def town_rows(rng: random.Random, row_counts: tuple[int, ...]) -> list[list[Cell]]:
    """Cells of the town, row by row from north to south, west to east in each row."""
    n_rows = len(row_counts)
    height = (LAT_N - LAT_S) / n_rows
    xs_count = int((LON_E - LON_W + 0.04) / SAMPLE_STEP) + 1
    xs = tuple(LON_W - 0.02 + i * SAMPLE_STEP for i in range(xs_count))
    boundaries = []
    for i in range(n_rows + 1):  # 0 = northern edge of the town
        base = LAT_N - i * height
        amp = 0.004 if i in (0, n_rows) else 0.0025
        boundaries.append(Boundary(xs, tuple(base + rng.uniform(-amp, amp) for _ in xs)))
    west = [LON_W + rng.uniform(-0.006, 0.008) for _ in range(n_rows + 1)]
    east = [LON_E + rng.uniform(-0.008, 0.006) for _ in range(n_rows + 1)]
    rows = []
    for r, count in enumerate(row_counts):
        north, south = boundaries[r], boundaries[r + 1]
        cuts_s = [0.0, *_cuts(rng, count), 1.0]
        cuts_n = [0.0, *(c + rng.uniform(-0.12, 0.12) / count for c in cuts_s[1:-1]), 1.0]
        row = []
        for c in range(count):
            row.append(Cell(
                south, north,
                lerp(west[r + 1], east[r + 1], cuts_s[c]), lerp(west[r + 1], east[r + 1], cuts_s[c + 1]),
                lerp(west[r], east[r], cuts_n[c]), lerp(west[r], east[r], cuts_n[c + 1]),
            ))
        rows.append(row)
    return rows


def town_ring(rows: list[list[Cell]]) -> list[Point]:
    """The town's outline, counter-clockwise (built clockwise from the north-west corner)."""
    first, last = rows[0], rows[-1]
    pts = first[0].north.points(first[0].west_n, first[-1].east_n)
    pts += [(row[-1].east_s, row[-1].south.y(row[-1].east_s)) for row in rows]
    pts += last[0].south.points(last[-1].east_s, last[0].west_s)[1:]
    pts += [(row[0].west_n, row[0].north.y(row[0].west_n)) for row in reversed(rows[1:])]
    return [*pts, pts[0]][::-1]


def ring_geojson(ring: list[Point]) -> dict:
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def grid_cuts(rng: random.Random, n: int) -> list[float]:
    return _cuts(rng, n, wobble=0.15)
