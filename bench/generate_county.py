"""County-scale inspections and hazards for the benchmarks, loaded fast.

At full scale (`scale=1`): one county (陕州区) with 20 towns, ~20 villages a town and 4 grids a
village (~2,000 regions), 50,000 supervised units, 3,000,000 inspection records over three years
(records only: their ~30 million answers are left out on purpose; each record points at the
checklist its unit would use) and 1,000,000 hazards over the same three years in realistic mixes of
state, level (~1% major), source, category, deadline and close-out time — most closed, some open,
some overdue and escalated. A hazard's region and sector are its unit's; its number is
YH<year>-<n>, unique, in order of discovery within each year, and HazardCounter continues from the
last one. `scale` shrinks units, records and hazards alike (the regions stay). For the dashboard's
other panels each town also gets agencies, people, daily reports, duty shifts and accidents
(`generate_panels`, which `bench_hazards --reuse` also adds to a county kept from before).

Everything is decided from a seed (`random.Random`), so the same arguments give the same data.
PostgreSQL is loaded with COPY (psycopg 3 `cursor.copy`): the big tables' secondary indexes and
unique constraints are dropped before and rebuilt after, and the load runs with
`session_replication_role = replica` so foreign keys are not checked row by row (the generator
only writes ids it created). Then VACUUM ANALYZE. SQLite, at a smaller scale for the side-by-side,
gets executemany in one transaction and is left without ANALYZE, as an installation has it.
Benchmark data is not a user write path: services and the journal are skipped on purpose.

    python -m bench.generate_county [--scale 0.05]      # into bench_hz_generate's own database
    from bench.generate_county import generate_county    # after bench.common.setup_django(...)
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from bench.generate import (
    CATEGORY_WEIGHTS,
    GIVEN,
    KIND_WORDS,
    PLACE_CATEGORIES,
    RISK_WEIGHTS,
    SECTION_OF_CATEGORY,
    SECTION_OF_SUB,
    SUB_WEIGHTS,
    SURNAMES,
    TOWNS,
    TRADE,
    VILLAGE_HEADS,
    VILLAGE_TAILS,
)

SEED = 20261124
FULL = {"units": 50_000, "records": 3_000_000, "hazards": 1_000_000}
TOWN_COUNT = 20
GRIDS_PER_VILLAGE = 4
YEARS = 3
COUNTY = ("陕州区", "411203")
MORE_TOWNS = [("温塘镇", "105"), ("大营乡", "210"), ("西李村镇", "106"), ("菜园镇", "107"),
              ("南沟乡", "211"), ("张村乡", "212"), ("陕塬镇", "108")]
TOWN_LIST = (TOWNS + MORE_TOWNS)[:TOWN_COUNT]

RECORD_KINDS = [("grid_patrol", 45), ("self_check", 25), ("routine", 15),
                ("special_campaign", 5), ("expert_monthly", 4), ("joint_enforcement", 3),
                ("key_period", 2), ("leader_led", 1)]
HAZARD_SOURCES = [("grid_patrol", 35), ("agency_inspection", 20), ("self_check", 15),
                  ("expert_check", 10), ("joint_enforcement", 5), ("leader_inspection", 5),
                  ("public_report", 4), ("video_alert", 2), ("higher_assignment", 2), ("drill", 2)]
HAZARD_CATEGORIES = [("fire", 40), ("electrical", 20), ("gas", 8), ("management", 10),
                     ("hazardous_chemicals", 3), ("special_equipment", 4), ("construction", 4),
                     ("mining", 1), ("road_traffic", 3), ("geological", 1), ("occupational", 3),
                     ("other", 3)]
CAUSES = [("condition", 60), ("act", 25), ("management", 15)]
# What inspectors write, by hazard category (descriptions are searched by the ledger's q=).
DESCRIPTIONS = {
    "fire": ["灭火器压力不足", "灭火器过期未检验", "安全出口被货物堵塞", "疏散通道堆放杂物",
             "应急照明灯损坏", "疏散指示标志缺失", "室内消火栓水带缺失", "违规住人（三合一）",
             "电动自行车在楼道内充电", "未配置独立式感烟火灾探测报警器"],
    "electrical": ["私拉乱接电线", "配电箱无防护门", "大功率电器违规使用", "电线老化破损",
                   "插座超负荷使用"],
    "gas": ["液化气瓶与灶具间距不足", "燃气管道无泄漏报警装置", "气瓶存放在地下室"],
    "management": ["安全管理制度未建立", "未开展员工安全培训", "隐患排查台账缺失", "应急预案未演练"],
    "hazardous_chemicals": ["危险化学品混存", "可燃气体报警器失效"],
    "special_equipment": ["特种设备超期未检验", "叉车司机无证作业"],
    "construction": ["脚手架未设置防护栏杆", "临边洞口无防护"],
    "mining": ["废弃坑口未封闭", "警示标志缺失"],
    "road_traffic": ["急弯路段缺少警示标志", "护栏损坏"],
    "geological": ["边坡出现裂缝", "排水沟堵塞"],
    "occupational": ["有限空间未设警示标志", "未佩戴劳动防护用品"],
    "other": ["其他安全隐患"],
}
PLACES = ["后门通道", "一楼大厅", "仓库", "厨房", "配电室", "楼梯间", "院内", "二楼走廊", "门口"]
ESCALATIONS = ["reminder", "bulletin", "interview", "supervision_order"]
CANCEL_REASONS = ["false_report", "duplicate", "not_substantiated"]


@dataclass
class County:
    """What `generate_county` made (or `load_county` found)."""

    county: object
    towns: list
    users: dict
    regions: int
    units: int
    records: int
    hazards: int
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def _cumulative(pairs: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    values, cum, total = [], [], 0
    for value, weight in pairs:
        total += weight
        values.append(value)
        cum.append(total)
    return values, cum


def _picker(rng: random.Random, pairs: list[tuple[str, int]]) -> Callable[[], str]:
    values, cum = _cumulative(pairs)
    total = cum[-1]
    rnd = rng.random
    return lambda: values[bisect.bisect_right(cum, rnd() * total)]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


# --- loading --------------------------------------------------------------------------------------

class Loader:
    """Bulk writes into the current database: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        ops = connection.ops
        # Values as each database takes them: psycopg adapts Python objects itself; SQLite gets
        # Django's own text forms of datetimes and dates.
        if self.vendor == "sqlite":
            self.datetime = ops.adapt_datetimefield_value
            self.date = lambda d: None if d is None else d.isoformat()
        else:
            self.datetime = self.date = lambda v: v

    def next_id(self, table: str) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            return cursor.fetchone()[0] + 1

    def load(self, table: str, columns: list[str], rows: Iterable[tuple],
             batch_size: int = 20_000) -> int:
        count = 0
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row)
                        count += 1
                return count
            sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
                   f"VALUES ({', '.join('%s' for _ in columns)})")
            iterator = iter(rows)
            while batch := list(itertools.islice(iterator, batch_size)):
                cursor.executemany(sql, batch)
                count += len(batch)
        return count

    @contextlib.contextmanager
    def bulk_session(self):
        """PostgreSQL: no per-row foreign-key triggers, more memory for index builds, no wait for
        the WAL flush at each commit — for this session only."""
        if self.vendor != "postgresql":
            yield
            return
        with self.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute("SET synchronous_commit = off")
        try:
            yield
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute("RESET session_replication_role")
                cursor.execute("RESET maintenance_work_mem")
                cursor.execute("RESET synchronous_commit")

    @contextlib.contextmanager
    def without_indexes(self, table: str, timings: dict, label: str):
        """PostgreSQL: drop the table's secondary indexes and unique constraints for the load and
        build them again afterwards (much faster than maintaining them row by row)."""
        if self.vendor != "postgresql":
            yield
            return
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = %s::regclass AND contype = 'u'", [table])
            uniques = cursor.fetchall()
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                           "AND indexname NOT IN (SELECT conname FROM pg_constraint "
                           "WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))",
                           [table, table])
            plain = cursor.fetchall()
            for name, _definition in uniques:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in plain:
                cursor.execute(f'DROP INDEX "{name}"')
        try:
            yield
        finally:
            started = time.perf_counter()
            with self.connection.cursor() as cursor:
                for name, definition in uniques:
                    cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                for _name, definition in plain:
                    cursor.execute(definition)
            timings[f"{label} indexes"] = time.perf_counter() - started

    def reset_sequences(self, models: list) -> None:
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


# --- regions and units ----------------------------------------------------------------------------

@dataclass
class UnitInfo:
    id: int
    region_id: int
    sector_id: int | None
    category: str
    subcategory: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    name: str


def _regions(rng: random.Random, loader: Loader, now) -> tuple[list[tuple], dict]:
    """Rows of regions_region and {"towns": [...], "villages": [...], "grids": {village: [...]}}."""
    next_id = loader.next_id("regions_region")
    rows = []
    layout: dict = {"towns": [], "villages": [], "grids": {}, "town_of": {}, "village_of": {}}

    def add(parent_id, parent_path, name, code, kind, level, lat, lon) -> tuple[int, str]:
        nonlocal next_id
        pk, next_id = next_id, next_id + 1
        path = f"{parent_path}{pk}/"
        rows.append((pk, parent_id, name, code, kind, level, path, "", lat, lon, ""))
        return pk, path

    county_id, county_path = add(None, "/", COUNTY[0], COUNTY[1], "district", 1,
                                 Decimal("34.720000"), Decimal("111.100000"))
    layout["county"] = county_id
    for town_name, suffix in TOWN_LIST:
        town_code = COUNTY[1] + suffix
        lat = Decimal("34.720000") + Decimal(rng.randint(-150000, 150000)) / 1_000_000
        lon = Decimal("111.100000") + Decimal(rng.randint(-200000, 200000)) / 1_000_000
        town_id, town_path = add(county_id, county_path, town_name, town_code, "town", 2, lat, lon)
        layout["towns"].append(town_id)
        names: list[str] = []
        wanted = rng.randint(16, 24)
        while len(names) < wanted:
            name = rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS)
            if name not in names:
                names.append(name)
        for v, village_name in enumerate(names):
            vlat = lat + Decimal(rng.randint(-40000, 40000)) / 1_000_000
            vlon = lon + Decimal(rng.randint(-50000, 50000)) / 1_000_000
            village_id, village_path = add(town_id, town_path, village_name,
                                           f"{town_code}{200 + v:03d}", "village", 3, vlat, vlon)
            layout["villages"].append((village_id, village_name, town_name, vlat, vlon))
            layout["town_of"][village_id] = town_id
            layout["grids"][village_id] = [
                add(village_id, village_path, f"{village_name}第{g + 1}网格",
                    f"{town_code}{200 + v:03d}-{g + 1:02d}", "grid", 4, vlat, vlon)[0]
                for g in range(GRIDS_PER_VILLAGE)]
            for grid_id in layout["grids"][village_id]:
                layout["village_of"][grid_id] = village_id
    return rows, layout


def _units(rng: random.Random, loader: Loader, layout: dict, count: int, now
           ) -> tuple[list[tuple], list[UnitInfo]]:
    from anjian.units.services import SectorResolver

    resolver = SectorResolver()
    sectors: dict[tuple[str, str, str], int | None] = {}
    pick_category = _picker(rng, CATEGORY_WEIGHTS)
    pick_sub = {cat: _picker(rng, pairs) for cat, pairs in SUB_WEIGHTS.items()}
    pick_risk = _picker(rng, RISK_WEIGHTS)
    villages = layout["villages"]
    weights = list(itertools.accumulate(rng.uniform(0.4, 2.0) for _ in villages))
    next_id = loader.next_id("units_unit")
    stamp = loader.datetime(now)
    rows, infos = [], []
    for i in range(count):
        village_id, village_name, town_name, vlat, vlon = rng.choices(villages, cum_weights=weights)[0]
        category = pick_category()
        sub = pick_sub[category]()
        on_grid = category not in PLACE_CATEGORIES and rng.random() < 0.75
        region_id = rng.choice(layout["grids"][village_id]) if on_grid else village_id
        trade = rng.choice(TRADE)
        words = KIND_WORDS.get(sub)
        if words:
            name = f"{trade}{rng.choice(words)}"
        else:
            name = f"{village_name}{trade}{'隐患点' if category in PLACE_CATEGORIES else '单位'}"
        name = f"{name}{i % 97 + 1}号" if rng.random() < 0.3 else name
        address = f"{town_name}{village_name}{rng.randint(1, 12)}组{rng.randint(1, 120)}号"
        section = SECTION_OF_SUB.get(sub, SECTION_OF_CATEGORY.get(category, ""))
        key = (category, sub, section)
        if key not in sectors:
            sectors[key] = resolver.sector_id(*key)
        lat = vlat + Decimal(rng.randint(-4000, 4000)) / 1_000_000
        lon = vlon + Decimal(rng.randint(-5000, 5000)) / 1_000_000
        principal = _person(rng)
        deregistered = rng.random() < 0.02
        pk = next_id + i
        rows.append((
            pk, name, "", category, sub, section, "", region_id, address, lon, lat, principal,
            f"1{rng.choice('35789')}{rng.randrange(10**9):09d}", "", "",
            rng.randint(1, 60), False, "", pick_risk(), sectors[key], None, None, "", "",
            "deregistered" if deregistered else "active", None, "停业" if deregistered else "",
            stamp, stamp))
        infos.append(UnitInfo(pk, region_id, sectors[key], category, sub, address, lat, lon, name))
    return rows, infos


UNIT_COLUMNS = [
    "id", "name", "credit_code", "category", "subcategory", "industry_section", "industry_code",
    "region_id", "address", "longitude", "latitude", "principal", "principal_phone",
    "safety_officer", "safety_officer_phone", "employees", "above_designated_size",
    "standardisation_grade", "risk_level", "sector_id", "linked_leader_id", "floor_area",
    "warning_signs", "notes", "status", "deregistered_at", "deregistered_reason", "created_at",
    "updated_at",
]
REGION_COLUMNS = ["id", "parent_id", "name", "code", "kind", "level", "path",
                  "urban_rural_class", "latitude", "longitude", "notes"]


def _template_of(units: list[UnitInfo]) -> dict[int, int | None]:
    """The checklist each unit's records answered: as inspections.services.template_for_unit."""
    from anjian.inspections.models import ChecklistTemplate

    current = list(ChecklistTemplate.objects.filter(is_current=True).order_by("builtin", "-id"))
    by_kind: dict[tuple[str, str], int | None] = {}
    result = {}
    for unit in units:
        key = (unit.category, unit.subcategory)
        if key not in by_kind:
            found = next((t.pk for t in current if unit.subcategory in (t.subcategories or [])),
                         None)
            if found is None:
                found = next((t.pk for t in current if unit.category in (t.categories or [])
                              and not t.subcategories), None)
            by_kind[key] = found
        result[unit.id] = by_kind[key]
    return result


# --- inspection records ---------------------------------------------------------------------------

RECORD_COLUMNS = [
    "id", "unit_id", "kind", "plan_id", "task_id", "template_id", "inspected_at",
    "inspector_names", "leader_id", "latitude", "longitude", "location", "summary", "signature",
    "nonconforming_count", "created_by_id", "created_at", "idempotency_key",
]


def _records(rng: random.Random, loader: Loader, next_id: int, units: list[UnitInfo],
             templates: dict, count: int, start: dt.datetime, end: dt.datetime, created_by: int
             ) -> Iterator[tuple]:
    """`count` records in time order from `start` to `end`, with ids from `next_id` (read before
    the COPY starts: the connection is busy during it); units with a higher weight (busier
    places) get more."""
    pick_kind = _picker(rng, RECORD_KINDS)
    weights = list(itertools.accumulate(rng.uniform(0.3, 3.0) for _ in units))
    total = weights[-1]
    step = (end - start).total_seconds() / max(count, 1)
    names = [_person(rng) for _ in range(400)]
    as_dt = loader.datetime
    rnd, bis = rng.random, bisect.bisect_right
    summaries = ["", "", "", "检查未发现问题", "发现问题已要求整改"]
    td = dt.timedelta
    for i in range(count):
        unit = units[bis(weights, rnd() * total)]
        at = start + td(seconds=(i + rnd()) * step)
        r = rnd()
        bad = 0 if r < 0.7 else 1 if r < 0.85 else 2 if r < 0.95 else 3
        yield (next_id + i, unit.id, pick_kind(), None, None, templates[unit.id], as_dt(at),
               names[i % 400], None, unit.latitude, unit.longitude, unit.address,
               summaries[i % 5], "", bad, created_by, as_dt(at + td(minutes=3)), None)


# --- hazards --------------------------------------------------------------------------------------

HAZARD_COLUMNS = [
    "id", "number", "unit_id", "region_id", "sector_id", "description", "category", "level",
    "cause_class", "source", "source_reference", "record_id", "answer_id", "previous_id",
    "location", "rule_version", "state", "discovered_at", "discovered_by_id", "discoverer_name",
    "measures", "responsible_party", "responsible_person", "responsible_phone", "deadline",
    "deadline_provisional", "funds", "contingency_plan", "assigned_at", "assigned_by_id",
    "slip_number", "interim_measures", "rectification_note", "funds_spent", "submitted_at",
    "submitted_by_id", "fixed_on_spot", "acceptance_opinion", "acceptance_panel",
    "accepted_by_id", "closed_at", "cancel_reason", "cancel_note", "current_state_cause",
    "harm_difficulty", "plan_goal", "plan_methods", "plan_funds_materials", "plan_organisation",
    "plan_time_limit", "plan_safety_measures", "supervision_authority", "listed_on", "lifted_on",
    "escalation", "version", "created_at", "updated_at",
]
MAJOR_TEXT = ("隐患现状：违规改建，原因是主体责任不落实", "可能造成群死群伤，整改需停业改造",
              "限期完成整改", "停产整顿，专项改造", "企业自筹资金", "企业负责人牵头",
              "按督办期限完成", "整改期间停用并专人值守")


def _hazards(rng: random.Random, loader: Loader, next_id: int, units: list[UnitInfo],
             count: int, start: dt.datetime, now: dt.datetime, counters: dict[int, int], tz
             ) -> Iterator[tuple]:
    """`count` hazards in order of discovery. The state follows the hazard's age: recent ones are
    still reported, assigned or being rectified; most older ones are closed, on time or late; a
    few are stuck open past their deadline (overdue, escalated); 3% were cancelled and about a
    third of ordinary ones fixed on the spot. Ids from `next_id`, as for _records."""
    pick_source = _picker(rng, HAZARD_SOURCES)
    pick_category = _picker(rng, HAZARD_CATEGORIES)
    pick_cause = _picker(rng, CAUSES)
    # A few units account for many hazards.
    weights = list(itertools.accumulate(rng.lognormvariate(0, 1.0) for _ in units))
    total = weights[-1]
    step = (now - start).total_seconds() / max(count, 1)
    names = [_person(rng) for _ in range(400)]
    rnd, bis, randint = rng.random, bisect.bisect_right, rng.randint
    as_dt, as_date = loader.datetime, loader.date
    td = dt.timedelta
    today = now.astimezone(tz).date()
    empty = ""
    for i in range(count):
        unit = units[bis(weights, rnd() * total)]
        discovered = start + td(seconds=(i + rnd()) * step)
        local_day = discovered.astimezone(tz).date()
        year = local_day.year
        counters[year] = seq = counters.get(year, 0) + 1
        category = pick_category()
        texts = DESCRIPTIONS[category]
        description = texts[i % len(texts)]
        major = rnd() < 0.01
        level = "major" if major else "ordinary"
        source = pick_source()
        person = names[i % 400]
        state = "reported"
        version = 1
        measures = responsible_party = responsible_person = responsible_phone = empty
        contingency = slip = rectification = acceptance = panel = empty
        cancel_reason = cancel_note = escalation = authority = empty
        deadline = funds = assigned_at = funds_spent = submitted_at = closed_at = None
        listed_on = lifted_on = None
        fixed = False
        dossier = (empty,) * 8
        r = rnd()
        age_days = (now - discovered).total_seconds() / 86400
        if r < 0.03 and age_days > 1:
            state, version = "cancelled", 2
            cancel_reason = CANCEL_REASONS[i % 3]
            cancel_note = "经核查"
        elif not major and r < 0.36 and age_days > 0.2:
            state, version, fixed = "closed", 2, True
            closed_at = discovered + td(minutes=randint(10, 240))
            rectification = "已当场整改"
        elif age_days < 1.5 and rnd() < 0.6:
            pass  # not assigned yet
        else:
            assigned_at = discovered + td(hours=rnd() * min(48.0, age_days * 24 * 0.5))
            span = randint(30, 120) if major else randint(7, 30)
            deadline = assigned_at.astimezone(tz).date() + td(days=span)
            measures = f"{description}，限期整改"
            responsible_party = "unit" if rnd() < 0.8 else "village"
            responsible_person = person
            responsible_phone = f"138{i % 100_000_000:08d}"
            contingency = "整改前设置警示，专人看守"
            funds = Decimal(randint(0, 50) * 100)
            slip = f"JB{year}-{seq:06d}"
            state, version = "assigned", 2
            if major:
                dossier = MAJOR_TEXT
                authority = "陕州区安全生产委员会"
                listed_on = assigned_at.astimezone(tz).date()
            u = rnd()
            if u < 0.83:  # on time
                close = assigned_at + (deadline - assigned_at.astimezone(tz).date()) * rnd()
            elif u < 0.985:  # late
                close = dt.datetime.combine(deadline, dt.time(10), tz) + td(days=randint(1, 60))
            else:  # stuck
                close = None
            acknowledged = assigned_at + td(hours=randint(2, 72))
            if close is not None and close <= acknowledged:
                close = acknowledged + td(hours=randint(4, 48))
            if now >= acknowledged:
                state, version = "rectifying", 3
            if close is not None and now >= close - td(days=2):
                submitted_at = close - td(days=2) * rnd()
                if submitted_at < acknowledged:
                    submitted_at = acknowledged
                state, version = "awaiting_acceptance", 4
                rectification = "已按要求完成整改"
                funds_spent = funds
            if close is not None and now >= close:
                state, version, closed_at = "closed", 5, close
                acceptance, panel = "整改到位，同意销号", "王强、李明"
                if major:
                    lifted_on = close.astimezone(tz).date()
            if state != "closed" and deadline < today:
                overdue_days = (today - deadline).days
                escalation = ESCALATIONS[min(3, overdue_days // 15)]
                version += 1
        yield (
            next_id + i, f"YH{year}-{seq:06d}", unit.id, unit.region_id, unit.sector_id,
            description, category, level, pick_cause(), source,
            "区安委办〔2025〕12号" if source == "higher_assignment" else empty, None, None, None,
            PLACES[i % 9], "16号令", state, as_dt(discovered), None, person,
            measures, responsible_party, responsible_person, responsible_phone, as_date(deadline),
            False, funds, contingency, as_dt(assigned_at), None, slip, empty, rectification,
            funds_spent, as_dt(submitted_at), None, fixed, acceptance, panel, None,
            as_dt(closed_at), cancel_reason, cancel_note, *dossier, authority, as_date(listed_on),
            as_date(lifted_on), escalation, version, as_dt(discovered),
            as_dt(closed_at or submitted_at or assigned_at or discovered),
        )


# --- users ----------------------------------------------------------------------------------------

def _users(layout: dict, units: list[UnitInfo]) -> dict:
    from anjian.accounts.choices import Role
    from anjian.accounts.models import RoleGrant, User
    from anjian.regions.models import Region

    town = layout["towns"][0]
    busiest: dict[int, int] = {}  # the town's villages by their number of units
    for unit in units:
        village = layout["village_of"].get(unit.region_id, unit.region_id)
        if layout["town_of"][village] == town:
            busiest[village] = busiest.get(village, 0) + 1
    village = max(busiest, key=busiest.get) if busiest else next(
        v for v, *_ in layout["villages"] if layout["town_of"][v] == town)
    regions = Region.objects.in_bulk([layout["county"], town, village])
    users = {}
    for key, role, region_id, display in [
        ("county_office", Role.SAFETY_OFFICE, layout["county"], "区应急管理局"),
        ("town_office", Role.SAFETY_OFFICE, town, f"{regions[town].name}应急办"),
        ("village", Role.VILLAGE, village, f"{regions[village].name}干部"),
    ]:
        user = User(username=f"bench_{key}", display_name=display)
        user.set_unusable_password()
        user.save()
        RoleGrant.objects.create(user=user, role=role, region=regions[region_id])
        users[key] = user
    return users


# --- the other ledgers the dashboard shows: daily reports, duty shifts, accidents ---------------------

AGENCIES = [("派出所", "police_station"), ("卫生院", "health_centre"), ("电管所", "power_office"),
            ("市场监管所", "market_supervision"), ("自然资源所", "natural_resources")]
PANEL_DAYS = 120  # daily reports and duty shifts: the last PANEL_DAYS days and the next 30


def generate_panels(county: County, *, seed: int = SEED) -> dict[str, int]:
    """Daily reports (日报告), duty shifts (值班) and accidents (事故) for every town of a county
    that `generate_county` wrote: each town gets its agencies (机关站所) and staff; every village
    and agency reports on most of the last PANEL_DAYS days (today too, some still missing); a
    24-hour shift with a leader and two people per town and day, from PANEL_DAYS days ago to 30
    days ahead; ~150 accidents a year. Skipped (returns {}) when the county already has daily
    reports. Written with bulk_create: a few tens of thousands of rows."""
    from django.db import transaction
    from django.utils import timezone

    from anjian.accidents import rules
    from anjian.accidents.models import Accident
    from anjian.accounts.choices import Duty
    from anjian.accounts.models import Person
    from anjian.dailyreports.models import DailyReport
    from anjian.duty.models import DutyShift
    from anjian.regions.choices import RegionLevel
    from anjian.regions.models import Organisation, Region

    if DailyReport.objects.filter(town__in=county.towns).exists():
        return {}
    rng = random.Random(seed + 7)
    tz = timezone.get_default_timezone()
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    counts = {"organisations": 0, "people": 0, "reports": 0, "shifts": 0, "accidents": 0}
    with transaction.atomic():
        people_of: dict[int, list[Person]] = {}
        reporters: list[tuple[Region, Region, Organisation | None]] = []  # (town, region, org)
        for town in county.towns:
            orgs = Organisation.objects.bulk_create([
                Organisation(region=town, name=f"{town.name}{name}", kind=kind,
                             phone=f"0398-{rng.randrange(10**7):07d}" if rng.random() < 0.6 else "")
                for name, kind in AGENCIES])
            counts["organisations"] += len(orgs)
            villages = list(Region.objects.filter(path__startswith=town.path,
                                                  level=RegionLevel.VILLAGE).order_by("pk"))
            people = [Person(name=_person(rng), phone=f"139{rng.randrange(10**8):08d}", region=town,
                             duty=Duty.LEADER if i < 3 else Duty.STAFF) for i in range(8)]
            people += [Person(name=_person(rng), phone=f"137{rng.randrange(10**8):08d}",
                              region=v, duty=Duty.VILLAGE_SECRETARY if rng.random() < 0.8
                              else Duty.CADRE) for v in villages]
            people += [Person(name=_person(rng), phone="" if rng.random() < 0.3 else
                              f"136{rng.randrange(10**8):08d}", region=town, organisation=o)
                       for o in orgs]
            people_of[town.pk] = Person.objects.bulk_create(people)[:8]
            counts["people"] += len(people)
            reporters += [(town, v, None) for v in villages] + [(town, town, o) for o in orgs]

        reports = []
        for days_ago in range(PANEL_DAYS, -1, -1):
            day = today - dt.timedelta(days=days_ago)
            share = 0.6 if days_ago == 0 else 0.93
            for town, region, org in reporters:
                if rng.random() >= share:
                    continue
                at = timezone.make_aware(dt.datetime.combine(day, dt.time(8)), tz) + dt.timedelta(
                    minutes=rng.randint(0, 660))
                zero = rng.random() < 0.4
                reports.append(DailyReport(
                    date=day, town=town, region=region, organisation=org,
                    inspections_count=0 if zero else rng.randint(1, 12),
                    hazards_count=0 if zero else rng.randint(0, 3),
                    measures="" if zero else "督促整改", is_zero=zero,
                    is_late=at.astimezone(tz).time() > dt.time(17), submitter_name=_person(rng),
                    first_submitted_at=min(at, now), submitted_at=min(at, now)))
        DailyReport.objects.bulk_create(reports, batch_size=5000)
        counts["reports"] = len(reports)

        shifts = []
        for town in county.towns:
            for days_ago in range(PANEL_DAYS, -31, -1):
                start = timezone.make_aware(dt.datetime.combine(
                    today - dt.timedelta(days=days_ago), dt.time(8, 30)), tz)
                shifts.append(DutyShift(region=town, start=start, end=start + dt.timedelta(days=1),
                                        leader=rng.choice(people_of[town.pk][:3])))
        shifts = DutyShift.objects.bulk_create(shifts, batch_size=5000)
        through = DutyShift.people.through
        through.objects.bulk_create([
            through(dutyshift_id=s.pk, person_id=p.pk) for s in shifts
            for p in rng.sample(people_of[s.region_id][3:], 2)], batch_size=5000)
        counts["shifts"] = len(shifts)

        villages = [v for _t, v, o in reporters if o is None]
        accidents = []
        for _i in range(150 * YEARS):
            at = now - dt.timedelta(seconds=rng.randrange(365 * YEARS * 86400))
            road = rng.random() < 0.5
            deaths = rng.choice((0, 0, 0, 1, 1, 2))
            loss = Decimal(rng.randint(1, 400) * 1000)
            version = rules.classification_version_for(at.astimezone(tz).date())
            accidents.append(Accident(
                occurred_at=at, place="国道310线" if road else "厂区", region=rng.choice(villages),
                road_traffic=road, fire=not road and rng.random() < 0.3,
                industrial=not road, classification_version=version,
                type_code=rules.TYPE_LISTS[version][0][0], deaths=deaths,
                serious_injuries=rng.randint(0, 3), minor_injuries=rng.randint(0, 5),
                direct_loss=loss, description="事故简要经过", grade=rules.grade(deaths, 0, loss),
                reported_at=at + dt.timedelta(hours=1)))
        Accident.objects.bulk_create(accidents, batch_size=5000)
        counts["accidents"] = len(accidents)
    return counts


# --- the whole county -----------------------------------------------------------------------------

def generate_county(*, scale: float = 1.0, seed: int = SEED, years: int = YEARS,
                    progress: Callable[[str], None] | None = None) -> County:
    """Write a county into the current (freshly migrated) database; returns what was made."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from anjian.hazards.models import Hazard, HazardCounter
    from anjian.inspections.models import InspectionRecord
    from anjian.regions.models import Region
    from anjian.units.models import Unit

    say = progress or (lambda _msg: None)
    sizes = {name: max(1, round(n * scale)) for name, n in FULL.items()}
    rng = random.Random(seed)
    loader = Loader()
    tz = timezone.get_default_timezone()
    now = timezone.now().replace(microsecond=0)
    start = now - dt.timedelta(days=365 * years)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(label: str, since: float) -> float:
        timings[label] = time.perf_counter() - since
        say(f"  {label}: {timings[label]:.1f} s")
        return time.perf_counter()

    say(f"generating a county at scale {scale:g}: {sizes['units']:,} units, "
        f"{sizes['records']:,} records, {sizes['hazards']:,} hazards "
        f"({connection.vendor}, {settings.DATABASES['default']['NAME']})")
    with loader.bulk_session():
        t = time.perf_counter()
        with transaction.atomic():
            region_rows, layout = _regions(rng, loader, now)
            loader.load("regions_region", REGION_COLUMNS, region_rows)
            unit_rows, units = _units(rng, loader, layout, sizes["units"], now)
            loader.load("units_unit", UNIT_COLUMNS, unit_rows)
            loader.reset_sequences([Region, Unit])
            users = _users(layout, units)
        t = lap("regions, units, users", t)

        templates = _template_of(units)
        with loader.without_indexes("inspections_inspectionrecord", timings, "records"):
            with transaction.atomic():
                first = loader.next_id("inspections_inspectionrecord")
                written = loader.load("inspections_inspectionrecord", RECORD_COLUMNS, _records(
                    rng, loader, first, units, templates, sizes["records"], start, now,
                    users["county_office"].pk))
            t = lap("records", t)
        if "records indexes" in timings:
            say(f"  records indexes: {timings['records indexes']:.1f} s")
            t = time.perf_counter()

        counters: dict[int, int] = {}
        with loader.without_indexes("hazards_hazard", timings, "hazards"):
            with transaction.atomic():
                first = loader.next_id("hazards_hazard")
                loader.load("hazards_hazard", HAZARD_COLUMNS, _hazards(
                    rng, loader, first, units, sizes["hazards"], start, now, counters, tz))
            t = lap("hazards", t)
        if "hazards indexes" in timings:
            say(f"  hazards indexes: {timings['hazards indexes']:.1f} s")
            t = time.perf_counter()
        with transaction.atomic():
            for year, last in counters.items():
                HazardCounter.objects.update_or_create(year=year, defaults={"last": last})
            loader.reset_sequences([InspectionRecord, Hazard])

    county = County(county=Region.objects.get(pk=layout["county"]),
                    towns=list(Region.objects.filter(pk__in=layout["towns"]).order_by("pk")),
                    users=users, regions=len(region_rows), units=len(units), records=written,
                    hazards=sum(counters.values()), timings=timings)
    panels = generate_panels(county, seed=seed)
    t = lap("daily reports, shifts, accidents", t)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        t = lap("VACUUM ANALYZE", t)
    county.seconds = time.perf_counter() - started
    say(f"generated {len(region_rows):,} regions, {len(units):,} units, {written:,} records, "
        f"{county.hazards:,} hazards, " + ", ".join(f"{v:,} {k}" for k, v in panels.items())
        + f" in {county.seconds:.1f} s")
    return county


def load_county() -> County | None:
    """What an earlier `generate_county()` wrote into this database, or None."""
    from anjian.accounts.models import User
    from anjian.hazards.models import Hazard
    from anjian.inspections.models import InspectionRecord
    from anjian.regions.models import Region
    from anjian.units.models import Unit

    users = {u.username.removeprefix("bench_"): u
             for u in User.objects.filter(username__in=[
                 "bench_county_office", "bench_town_office", "bench_village"])}
    county = Region.objects.filter(code=COUNTY[1], level=1).first()
    if county is None or len(users) < 3:
        return None
    towns = list(Region.objects.filter(parent=county).order_by("pk"))
    return County(county=county, towns=towns, users=users, regions=Region.objects.count(),
                  units=Unit.objects.count(), records=InspectionRecord.objects.count(),
                  hazards=Hazard.objects.count())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.generate_county", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=None,
                        help="share of the full county (default: 1 on PostgreSQL, 0.05 on SQLite)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    import os

    from bench.common import database_kind, setup_django

    if args.keep:
        os.environ["ANJIAN_BENCH_KEEP"] = "1"
    scale = args.scale if args.scale is not None else (
        1.0 if database_kind() == "postgresql" else 0.05)
    db = setup_django("generate", database="bench_hz_generate")
    print(f"{db.label}: {db.name}", flush=True)
    county = generate_county(scale=scale, seed=args.seed, progress=lambda m: print(m, flush=True))
    print(f"total {county.seconds:.1f} s; " + ", ".join(
        f"{k} {v:.1f} s" for k, v in county.timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
