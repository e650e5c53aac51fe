"""Seed 004's worked example as data: last year 40 accidents, 18 deaths, 26 injured, 465,000 yuan;
this year 33 accidents, 15 deaths (all on the roads), 16 injured, 155,000 yuan."""

import datetime as dt
from decimal import Decimal

from anjian.testing.accidents import accident, local

LAST_YEAR, THIS_YEAR = 2024, 2025
PERIOD = (dt.date(THIS_YEAR, 1, 1), dt.date(THIS_YEAR, 12, 31))


def spread(total: int, n: int) -> list[int]:
    """`total` split over `n` items as evenly as possible."""
    return [total // n + (1 if i < total % n else 0) for i in range(n)]


def build(office, regions, *, year: int, count: int, deaths: int, injured: int, loss: int,
          road: bool) -> None:
    death_list = spread(deaths, count)
    injured_list = spread(injured, count)
    loss_list = spread(loss, count)
    for i in range(count):
        hurt = injured_list[i]
        accident(office, region=regions[i % len(regions)],
                 occurred_at=local(year, 1 + i % 12, 1 + i % 28, 9 + i % 8),
                 deaths=death_list[i], serious=hurt // 2, minor=hurt - hurt // 2,
                 loss=Decimal(loss_list[i]), road_traffic=road and death_list[i] > 0,
                 type_code="1986:02" if road and death_list[i] else "1986:01",
                 industrial=not (road and death_list[i]))


def build_seed_004(world) -> None:
    office = world.users["office"]
    regions = [world.village_a, world.village_b, world.grid_a]
    build(office, regions, year=LAST_YEAR, count=40, deaths=18, injured=26, loss=465_000,
          road=False)
    build(office, regions, year=THIS_YEAR, count=33, deaths=15, injured=16, loss=155_000,
          road=True)
