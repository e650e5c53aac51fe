"""The demo year of the patrol ledgers (seed 000 §三, seed 001 §四).

- Persuasion points (劝导点) on the main roads, staffed by the traffic station and the police
  station; persuasions over the last months, weighted to the seed's 三轮车、摩托车、农用车 and
  无证、无牌、不戴防护、农用车载人、超载. One point lies in the demo grid worker's grid.
- The 37 forest rangers' daily check-ins for the last four weeks (a few days missed, a couple of
  rangers not yet checked in today), 东山防火检查站 and the checkpoint on the road into 放牛山,
  field fire sources found and handled (one still open).

Deterministic, bulk-created and journaled with `journal.record_many`; adds nothing when the town
already has demo persuasion points."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.demo.organisations import POLICE
from anjian.demo.yearkit import YearKit
from anjian.patrols.models import (
    FireCheckpoint,
    FireSource,
    PatrolCheckIn,
    PersuasionPoint,
    PersuasionRecord,
)
from anjian.regions.models import Organisation, Region

SEED = "xizhangcun-2023:patrols"
CHECKIN_DAYS = 28
RECORD_DAYS = 120
ROADS = [("张村街道十字路口劝导点", "310国道张村段"), ("宜村街道劝导点", "宜村街道（县道）"),
         ("菜园路口劝导点", "乡道菜园—张四村"), ("北营村口劝导点", "北营—宜村公路")]
# (vehicle type, violation, weight): the seed's focus first.
CASES = [("tricycle", "farm_passengers", 14), ("farm_vehicle", "farm_passengers", 12),
         ("motorcycle", "no_helmet", 16), ("e_bike", "no_helmet", 12),
         ("motorcycle", "no_licence", 6), ("motorcycle", "no_plate", 6),
         ("tricycle", "no_plate", 5), ("farm_vehicle", "overload", 6), ("tricycle", "overload", 4),
         ("car", "other", 2)]
EDUCATION = {"farm_passengers": "讲解农用车载人的危险，乘车人员下车步行或换乘", "no_helmet": "讲解头盔防护作用，当场佩戴后放行",
             "no_licence": "告知无证驾驶的法律责任，联系有证家属驾驶", "no_plate": "督促尽快上牌，登记车主信息",
             "overload": "现场卸载多余货物后放行", "other": "宣讲交通安全常识"}
FIRE_KINDS = [("ritual", "上坟烧纸", "清明节期间"), ("burning", "田间烧荒", "秋收后"),
              ("field_fire", "野外生火做饭", "进山游客"), ("smoking", "进山吸烟", "进山人员")]


def build(kit: YearKit) -> None:
    town = kit.town
    if PersuasionPoint.objects.filter(region__path__startswith=town.path).exists():
        return
    rng = random.Random(SEED)
    actor = kit.users.get("demo_office")
    regions = {r.code: r for r in Region.objects.filter(path__startswith=town.path, level__gte=3)}
    points = _points(kit, rng, regions)
    records = _records(kit, rng, points)
    checkins = _checkins(kit, rng, regions)
    checkpoints = _checkpoints(kit, regions)
    fires = _fires(kit, rng, regions)
    for rows, model in ((records, PersuasionRecord), (checkins, PatrolCheckIn),
                        (checkpoints, FireCheckpoint), (fires, FireSource)):
        model.objects.bulk_create(rows, batch_size=2000)
    for rows, model in ((points, PersuasionPoint), (records, PersuasionRecord),
                        (checkins, PatrolCheckIn), (checkpoints, FireCheckpoint),
                        (fires, FireSource)):
        content_type = ContentType.objects.get_for_model(model)
        journal.record_many([journal.build(actor, row, JournalAction.CREATE,
                                           journal.snapshot(row), content_type=content_type)
                             for row in rows])
    kit.created["persuasion points"] += len(points)
    kit.created["persuasion records"] += len(records)
    kit.created["ranger check-ins"] += len(checkins)
    kit.created["fire sources"] += len(fires)


def _near(region: Region, rng: random.Random, spread: float = 0.01):
    if region.latitude is None or region.longitude is None:
        return None, None
    return (Decimal(region.latitude + Decimal(rng.uniform(-spread, spread))).quantize(
                Decimal("0.000001")),
            Decimal(region.longitude + Decimal(rng.uniform(-spread, spread))).quantize(
                Decimal("0.000001")))


def _points(kit: YearKit, rng, regions) -> list[PersuasionPoint]:
    police = kit.organisations.get(POLICE)
    traffic = Organisation.objects.filter(region=kit.town, name__contains="交通").first() or police
    villages = [kit.home_grid, kit.village_code.get("宜村村"), kit.village_code.get("张四村"),
                kit.village_code.get("北营村")]
    points = []
    for (name, road), code in zip(ROADS, villages, strict=True):
        region = regions.get(code) or kit.town
        lat, lng = _near(region, rng, 0.003)
        points.append(PersuasionPoint(region=region, name=name, road=road, latitude=lat,
                                      longitude=lng, organisation=traffic,
                                      staffed_by="交管站、派出所民警及村安全员",
                                      created_by=kit.users.get("demo_office")))
    return PersuasionPoint.objects.bulk_create(points)


def _records(kit, rng, points) -> list[PersuasionRecord]:
    weights = [w for _v, _x, w in CASES]
    grid = kit.users.get("demo_grid")
    police = kit.users.get("demo_police")
    rows = []
    for days_ago in range(RECORD_DAYS, 0, -1):
        day = kit.year.day(days_ago)
        for point in points:
            for _n in range(rng.choice((0, 0, 1, 1, 2, 3))):
                vehicle, violation, _w = rng.choices(CASES, weights)[0]
                by = grid if point.region.level == 4 and grid else police
                rows.append(PersuasionRecord(
                    point=point, region=point.region, recorded_at=kit.year.at(day, rng, (7, 18)),
                    vehicle_type=vehicle, violation=violation, education=EDUCATION[violation],
                    outcome="referred" if violation == "no_licence" and rng.random() < 0.3
                    else "corrected" if violation in ("no_helmet", "overload") else "educated",
                    created_by=by))
    return rows


def _checkins(kit, rng, regions) -> list[PatrolCheckIn]:
    rangers = [p for code in sorted(kit.rangers) for p in kit.rangers[code]]
    not_today = set(p.pk for p in rng.sample(rangers, min(3, len(rangers))))
    now = kit.year.now
    rows = []
    for days_ago in range(CHECKIN_DAYS, -1, -1):
        day = kit.year.day(days_ago)
        for ranger in rangers:
            if days_ago == 0:
                if ranger.pk in not_today:
                    continue
                at = now - dt.timedelta(minutes=rng.randint(5, 180))
                if at.date() != day:
                    continue
            elif rng.random() < 0.04:
                continue
            else:
                at = kit.year.at(day, rng, (6, 16))
            area = ranger.position.removeprefix("护林员（").removesuffix("）") or "责任片区"
            lat, lng = _near(ranger.region, rng)
            rows.append(PatrolCheckIn(ranger=ranger, region=ranger.region, checked_at=at,
                                      latitude=lat, longitude=lng, place=area,
                                      note=rng.choice(["巡护正常，未发现火情", "巡护正常，宣传防火知识",
                                                       "进山路口登记", "巡查坟头密集区域"])))
    return rows


def _checkpoints(kit, regions) -> list[FireCheckpoint]:
    result = []
    for name, village, location in (("东山防火检查站", None, "东山进山路口"),
                                    ("放牛山防火检查点", "红岩村", "放牛山进山路口")):
        code = kit.village_code.get(village) if village else next(
            (c for c, people in sorted(kit.rangers.items())
             if any("东山" in p.position for p in people)), None)
        region = regions.get(code) or kit.town
        staff = [p.name for p in kit.rangers.get(code, [])][:2]
        lat, lng = _near(region, random.Random(name), 0.004)
        result.append(FireCheckpoint(region=region, name=name, location=location,
                                     latitude=lat, longitude=lng,
                                     staffed_by="护林员" + "、".join(staff) if staff else "护林员轮值",
                                     created_by=kit.users.get("demo_office")))
    return result


def _fires(kit, rng, regions) -> list[FireSource]:
    rangers = [p for code in sorted(kit.rangers) for p in kit.rangers[code]]
    rows = []
    for i in range(14):
        kind, what, when = FIRE_KINDS[i % len(FIRE_KINDS)]
        ranger = rng.choice(rangers)
        found = kit.year.at(kit.year.day(rng.randint(2, 360)), rng, (8, 17))
        open_one = i == 0
        if open_one:
            found = kit.year.at(kit.year.day(1), rng, (9, 16))
        rows.append(FireSource(
            region=ranger.region, found_at=found, place=f"{ranger.region.name}{what}处",
            kind=kind, found_by=ranger, description=f"{when}发现{what}",
            handling="" if open_one else "当场扑灭余火，对当事人进行批评教育并登记",
            handled_at=None if open_one else found + dt.timedelta(minutes=rng.randint(10, 90)),
            created_by=kit.users.get("demo_office")))
    return rows
