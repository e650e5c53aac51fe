"""Benchmark: importing a 100,000-row unit ledger (监管对象台账) from Excel.

Measures, on the same generated .xlsx and the same table (emptied and re-seeded before each run),
the median of 3 runs of:
- Anjian's importer: parse + validate (the registry's rules, scope, matching) + commit with
  update-or-create semantics and one journal entry per written unit (`ledger_import`, what the
  import page's confirm button runs);
- a raw insert of the same rows with no validation: calamine read, label → code dicts, then
  executemany (SQLite) or COPY (PostgreSQL);
- django-import-export's default ModelResource import (row by row), when installed, on a slice.

Each run is a separate process, so each peak memory figure (ru_maxrss) is that run's own, and
CPU time is printed beside wall time (on a busy shared machine it shows the work apart from waiting
for a core). The bench never touches the user's data: its database is bench/common.py's "import"
one (bench/out/import.sqlite3, or a database anjian_bench_import created and dropped on the
PostgreSQL server DATABASE_URL names). django-import-export runs with its defaults, given only what
it needs to read this file: the Chinese column names, label → code widgets for the coded columns,
the grid by name, and credit code as its import id (rows without a code, written "无", therefore
all match one another there; the first 10,000 rows hold few).

    .venv/bin/python -m bench.bench_import [--rows 100000] [--repeat 3] [--die-rows 10000]
    .venv/bin/python -m bench import            (through bench/__main__.py, with the others)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
GENERATOR_VERSION = 2
BENCH = "import"  # bench/common.py: bench/out/import.sqlite3 or database anjian_bench_import

HEADER = ["序号", "单位名称", "统一社会信用代码", "类别", "子类", "所在村", "网格", "地址", "经度", "纬度",
          "主要负责人", "联系电话", "安全管理员", "安全管理员电话", "从业人数", "规模以上", "风险等级",
          "安全生产标准化等级", "行业门类", "建筑面积（㎡）", "备注"]
VILLAGES = ["张二村", "张一村", "张三村", "张四村", "后关村", "前关村", "人马村", "庙上村", "水淆村", "西阳村",
            "凡村村", "辛庄村", "沟东村", "陈村村", "赵村村", "庙洼村", "东沟村", "坡头村", "王村村", "南沟村",
            "北岭村", "窑头村", "杜村村", "马岭村", "宜村村", "石门村", "柳沟村", "上河村", "下河村", "槐树村",
            "桃园村", "杨家村", "李家村", "刘家村", "郭家村", "程村村", "孟村村", "寺前村", "土桥村", "新华村",
            "五里村"]
GRIDS_PER_VILLAGE = 3
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌鹏辉海波宁"
STREETS = ["人民路", "建设路", "中心街", "东大街", "西大街", "南街", "北街", "团结路", "振兴路", "文化路"]
# (category label, subcategory label, share, name suffixes, industry section label, size range)
KINDS = [
    ("九小场所", "小商店", 16, ["便民超市", "日杂店", "副食店", "烟酒店"], "F 批发和零售业", (1, 6)),
    ("九小场所", "小餐馆", 8, ["饭店", "面馆", "小吃店", "烩面馆"], "H 住宿和餐饮业", (2, 15)),
    ("九小场所", "小生产加工企业", 7, ["加工厂", "木器加工点", "粮油加工坊"], "C 制造业", (3, 40)),
    ("九小场所", "小诊所", 3, ["诊所", "卫生室"], "Q 卫生和社会工作", (1, 6)),
    ("九小场所", "小美容洗浴场所", 2, ["理发店", "美容院"], "O 居民服务、修理和其他服务业", (1, 5)),
    ("九小场所", "小旅馆", 1, ["旅社", "宾馆"], "H 住宿和餐饮业", (2, 10)),
    ("沿街门店", "沿街门店", 25, ["五金店", "农资店", "电动车行", "服装店", "手机店"], "F 批发和零售业", (1, 5)),
    ("企业", "机械", 6, ["机械厂", "农机修造厂"], "C 制造业", (10, 300)),
    ("企业", "建材", 5, ["砖厂", "预制件厂", "石料厂"], "C 制造业", (10, 200)),
    ("企业", "食品加工", 4, ["食品厂", "果品加工厂"], "C 制造业", (5, 120)),
    ("企业", "商贸", 4, ["商贸有限公司", "物流公司"], "F 批发和零售业", (3, 60)),
    ("人员密集场所", "商超", 3, ["购物中心", "超市"], "F 批发和零售业", (10, 80)),
    ("人员密集场所", "集贸市场", 2, ["集贸市场"], "F 批发和零售业", (2, 20)),
    ("加油加气站", "加油站", 2, ["加油站"], "F 批发和零售业", (4, 15)),
    ("燃气销售点", "瓶装燃气供应点", 2, ["液化气供应点"], "D 电力、热力、燃气及水生产和供应业", (1, 5)),
    ("烟花爆竹经营点", "烟花爆竹零售点", 2, ["烟花爆竹零售点"], "F 批发和零售业", (1, 3)),
    ("废弃坑口", "废弃坑口", 4, ["废弃坑口"], "", (0, 0)),
    ("企业", "其他企业", 2, ["种植合作社", "养殖场"], "A 农、林、牧、渔业", (3, 30)),
]
RISKS = ["低风险（蓝）"] * 5 + ["一般风险（黄）"] * 3 + ["较大风险（橙）"] + ["重大风险（红）"] * 0
GRADES = ["", "", "", "小微企业", "三级", "未达标"]
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]


def credit_code(i: int) -> str:
    body = "92411203" if i % 3 else "91411203"
    n, serial = i + 7_000_000, ""
    for _ in range(9):
        n, r = divmod(n, 31)
        serial = CHARSET[r] + serial
    first17 = body + serial
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return first17 + CHARSET[(31 - total % 31) % 31]


def _kind_table() -> list[int]:
    table = []
    for index, kind in enumerate(KINDS):
        table += [index] * kind[2]
    return table


def ledger_row(i: int, changed: bool = False) -> list:
    """Row i of the ledger, deterministic. `changed` gives the version that differs from the
    registry (phone, staff, risk) for rows that update an existing unit."""
    rnd = random.Random(i * 7919 + 17)
    cat, sub, _share, suffixes, section, (lo, hi) = KINDS[rnd.choice(_KINDS)]
    village = VILLAGES[i % len(VILLAGES)]
    grid = f"{village}第{rnd.randint(1, GRIDS_PER_VILLAGE)}网格"
    person = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < .6 else "")
    officer = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
    phone = f"1{rnd.choice('35789')}{rnd.randint(0, 999_999_999):09d}"
    if rnd.random() < 0.05:
        phone += f"、1{rnd.choice('35789')}{rnd.randint(0, 999_999_999):09d}"
    employees = rnd.randint(lo, hi) if hi else None
    new_phone = f"13{rnd.randint(0, 999_999_999):09d}"
    risk = rnd.randrange(len(RISKS))
    street, lng, lat = rnd.choice(STREETS), 111.10 + rnd.random() * 0.2, 34.60 + rnd.random() * 0.15
    officer_phone, grade = f"15{rnd.randint(0, 999_999_999):09d}", rnd.choice(GRADES)
    area, suffix = round(rnd.uniform(20, 2000), 2), rnd.choice(suffixes)
    if changed:
        phone, employees, risk = new_phone, (employees or 0) + 3, risk + 1
    no_code = i >= 10_000 and i % 40 == 7 or cat == "废弃坑口"
    name = f"{village[:-1] if village.endswith('村村') else village}{person[0]}记{suffix}"
    if cat == "废弃坑口":
        name = f"{village}废弃坑口{i}号"
    return [
        i + 1, name, "无" if no_code else credit_code(i), cat, sub, village, grid,
        f"陕州区西张村镇{village}{street}{i + 1}号", round(lng, 6), round(lat, 6),
        "" if cat == "废弃坑口" else person, "" if cat == "废弃坑口" else phone,
        officer if cat == "企业" else "", officer_phone if cat == "企业" else "",
        employees if employees is not None else "", "是" if (employees or 0) > 150 else "否",
        RISKS[risk % len(RISKS)], grade if cat == "企业" else "", section,
        area if cat != "废弃坑口" else "", "沿街" if cat == "沿街门店" else "",
    ]


_KINDS = _kind_table()


def is_existing(i: int) -> bool:
    return i % 5 == 0


def is_changed(i: int) -> bool:
    return i % 10 == 0


def write_ledger(path: Path, rows: int) -> None:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    workbook = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    sheet = workbook.add_worksheet("监管对象台账")
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, HEADER, bold)
    for i in range(rows):
        values = ledger_row(i, changed=is_existing(i) and is_changed(i))
        for j, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(i + 1, j, value)
            else:
                sheet.write_number(i + 1, j, value)
    workbook.close()
    tmp.replace(path)


def ledger_path(rows: int) -> Path:
    path = OUT / f"ledger_{rows}_v{GENERATOR_VERSION}.xlsx"
    if not path.exists():
        write_ledger(path, rows)
    return path


# --- database: bench/common.py's, named "import" -------------------------------------------------

def run_worker(mode: str, args) -> dict:
    """One measurement in a process of its own (its own peak memory; Django set up once)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "bench.bench_import", "--worker", mode,
           "--rows", str(args.rows), "--die-rows", str(args.die_rows)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"bench worker {mode} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_import", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--die-rows", type=int, default=10_000,
                        help="rows of the slice django-import-export imports (0: skip it)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args)))
        return 0
    return orchestrate(args)


def orchestrate(args) -> int:
    from bench.common import bench_database

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    path = ledger_path(args.rows)
    if args.die_rows:
        ledger_path(args.die_rows)
    db = bench_database(BENCH)
    db.create()
    try:
        db.version = run_worker("prepare", args)["version"]
        results: dict[str, list[dict]] = {"anjian": [], "raw": [], "die": []}
        die_available = _die_installed()
        for _round in range(args.repeat):
            results["anjian"].append(run_worker("anjian", args))
            results["raw"].append(run_worker("raw", args))
            if args.die_rows and die_available:
                results["die"].append(run_worker("die", args))
    finally:
        if db.vendor == "postgresql" and os.environ.get("ANJIAN_BENCH_KEEP") != "1":
            _drop(db)
    report(args, db, path, results, die_available, time.perf_counter() - started)
    return 0


def _drop(db) -> None:
    import psycopg

    admin = db.admin_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)')


def _die_installed() -> bool:
    try:
        import import_export  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def report(args, db, path, results, die_available, elapsed) -> None:
    from bench.common import save_results

    existing = sum(1 for i in range(args.rows) if is_existing(i))
    changed = sum(1 for i in range(args.rows) if is_existing(i) and is_changed(i))
    print(f"Excel ledger import — {args.rows:,} rows × {len(HEADER)} columns ({path.name}, "
          f"{path.stat().st_size / 2**20:.1f} MiB); {existing:,} rows match existing units, "
          f"{changed:,} of them with changes; {db.label}; median of {args.repeat}")
    insert = "COPY" if db.vendor == "postgresql" else "executemany"
    labels = {"anjian": "Anjian ledger_import (parse + validate + commit)",
              "raw": f"raw insert, no validation (calamine + {insert})",
              "die": f"django-import-export default ({args.die_rows:,}-row slice)"}
    rates, cpu, summary = {}, {}, []
    for key, label in labels.items():
        runs = results[key]
        if not runs:
            continue
        seconds, rows = _median(runs, "seconds"), runs[0]["rows"]
        rates[key], cpu[key] = rows / seconds, rows / _median(runs, "cpu_seconds")
        peak = max(r["maxrss_kib"] for r in runs) / 1024
        print(f"  {label:<62} {rows:>7,} rows {seconds:8.2f} s {rates[key]:>9,.0f} rows/s"
              f"  (CPU {cpu[key]:,.0f} rows/s)  peak {peak:,.0f} MiB")
        summary.append({"name": label, "value": f"{rates[key]:,.0f} rows/s ({seconds:.1f} s)",
                        "rows_per_s": rates[key], "cpu_rows_per_s": cpu[key], "peak_mib": peak,
                        "runs": runs})
        if key == "anjian":
            r = runs[0]
            print(f"    (created {r['created']:,}, updated {r['updated']:,}, "
                  f"unchanged {r['unchanged']:,}; journal entries {r['journal']:,})")
    if not die_available:
        print("  django-import-export is not installed: that part was skipped "
              "(pip install django-import-export==4.4.3 into the venv to measure it).")
    if "die" in rates:
        ratio = rates["anjian"] / rates["die"]
        print(f"  Anjian vs django-import-export: {ratio:.1f}× faster "
              f"(aim ≥ 20×; by CPU time {cpu['anjian'] / cpu['die']:.1f}×)")
        summary.append({"name": "Anjian ÷ django-import-export (aim ≥ 20×)", "value": f"{ratio:.1f}×"})
    ratio = rates["raw"] / rates["anjian"]
    print(f"  raw insert vs Anjian: {ratio:.2f}× (aim ≤ 2×; by CPU time {cpu['raw'] / cpu['anjian']:.2f}×)")
    summary.append({"name": "raw insert ÷ Anjian (aim ≤ 2×)", "value": f"{ratio:.2f}×"})
    peak = max(r["maxrss_kib"] for r in results["anjian"]) / 1024
    print(f"  Anjian peak memory: {peak:,.0f} MiB (aim < 1024 MiB); bench took {elapsed:.0f} s")
    summary.append({"name": "Anjian peak memory (aim < 1024 MiB)", "value": f"{peak:,.0f} MiB"})
    save_results(BENCH, db, summary)


# --- workers: each run is its own process ----------------------------------------------------------

def _setup() -> str:
    """Django on the benchmark's database (created by the orchestrator); its version."""
    from bench.common import setup_django

    return setup_django(BENCH, reuse=True).label


def _reset(seed: bool) -> None:
    """Empty the unit table (and what refers to it), then seed the units the ledger will match."""
    from django.db import connection, transaction

    from anjian.units.models import Unit

    tables = ["units_unitaccess", "units_ledgerimport", "core_journalentry", "units_unit"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # CASCADE: inspections and hazards refer to units too (empty in this benchmark).
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
    if seed:
        from anjian.units.services import SectorResolver

        sector = SectorResolver().sector_id
        rows = []
        for i in range(ROWS_CACHE["rows"]):
            if is_existing(i):
                row = _model_row(ledger_row(i))
                rows.append((*row, sector(row[2], row[3], row[16])))
        with transaction.atomic():
            _raw_insert(rows, [*RAW_FIELDS, "sector_id"])
        assert Unit.objects.count() == len(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


ROWS_CACHE: dict = {}


def _maps() -> dict:
    """Label → code dicts for the raw insert (what a hand-written loader would use)."""
    if "maps" not in ROWS_CACHE:
        from django.utils import timezone

        from anjian.regions.models import Region
        from anjian.units import choices

        def by_label(c):
            return {str(label): value for value, label in c.choices}

        ROWS_CACHE["maps"] = {
            "cat": by_label(choices.Category), "sub": by_label(choices.Subcategory),
            "risk": by_label(choices.RiskLevel), "grade": by_label(choices.StandardisationGrade),
            "section": by_label(choices.IndustrySection),
            "grid": dict(Region.objects.filter(level=4).values_list("name", "pk")),
            "now": timezone.now(),
        }
    return ROWS_CACHE["maps"]


RAW_FIELDS = ["name", "credit_code", "category", "subcategory", "region_id", "address", "longitude",
              "latitude", "principal", "principal_phone", "safety_officer", "safety_officer_phone",
              "employees", "above_designated_size", "risk_level", "standardisation_grade",
              "industry_section", "floor_area", "notes", "industry_code", "warning_signs", "status",
              "deregistered_reason", "created_at", "updated_at"]


def _model_row(cells: list) -> tuple:
    m = _maps()
    now = m["now"]
    (_seq, name, code, cat, sub, _village, grid, address, lng, lat, principal, phone, officer,
     officer_phone, employees, above, risk, grade, section, area, notes) = cells
    return (name, "" if code == "无" else code, m["cat"][cat], m["sub"][sub], m["grid"][grid],
            address, lng, lat, principal, phone, officer, officer_phone,
            None if employees == "" else int(employees), above == "是", m["risk"].get(risk, ""),
            m["grade"].get(grade, ""), m["section"].get(section, ""), None if area == "" else area,
            notes, "", "", "active", "", now, now)


def _raw_insert(rows: list[tuple], fields=RAW_FIELDS) -> None:
    from django.db import connection

    columns = ", ".join(fields)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY units_unit ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    stamp = connection.ops.adapt_datetimefield_value(_maps()["now"])
    at = fields.index("created_at")
    marks = ", ".join("?" * len(fields))
    connection.ensure_connection()
    connection.connection.executemany(
        f"INSERT INTO units_unit ({columns}) VALUES ({marks})",
        [(*row[:at], stamp, stamp, *row[at + 2:]) for row in rows])


def _result(started: tuple[float, float], rows: int, **extra) -> dict:
    return {"seconds": time.perf_counter() - started[0], "cpu_seconds": time.process_time() - started[1],
            "rows": rows, "maxrss_kib": maxrss_kib(), **extra}


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def worker_prepare(args) -> dict:
    version = _setup()

    from anjian.accounts.choices import Role
    from anjian.accounts.models import RoleGrant, User
    from anjian.regions.services import region_create

    county = region_create(actor=None, parent=None, name="陕州区", code="411203", kind="district")
    town = region_create(actor=None, parent=county, name="西张村镇", code="411203102", kind="town")
    for n, name in enumerate(VILLAGES):
        village = region_create(actor=None, parent=town, name=name, code=f"411203102{200 + n}",
                                kind="village")
        for g in range(1, GRIDS_PER_VILLAGE + 1):
            region_create(actor=None, parent=village, name=f"{name}第{g}网格",
                          code=f"411203102{200 + n}-{g:02d}", kind="grid")
    office = User.objects.create_user("bench_office", display_name="应急办（基准测试）")
    RoleGrant.objects.create(user=office, role=Role.SAFETY_OFFICE, region=town)
    return {"version": version.split(" ", 1)[-1]}


def worker_anjian(args) -> dict:
    _setup()
    from anjian.accounts.models import User
    from anjian.core.models import JournalEntry
    from anjian.units.imports import ledger_import

    ROWS_CACHE["rows"] = args.rows
    _reset(seed=True)
    from django.db import transaction

    office = User.objects.get(username="bench_office")
    path = ledger_path(args.rows)
    started = _clock()
    # What the import page's confirm button runs: read, check and write in one transaction.
    with transaction.atomic():
        preview, record = ledger_import(actor=office, data=path.read_bytes(), file_name=path.name)
        if record is None:
            raise SystemExit(f"unexpected errors: {[(r.row, r.messages) for r in preview.error_rows[:5]]}")
    result = _result(started, len(preview.rows), created=record.created, updated=record.updated,
                     unchanged=record.unchanged)
    result["journal"] = JournalEntry.objects.filter(source="import").count()
    return result


def worker_raw(args) -> dict:
    _setup()
    import python_calamine
    from django.db import transaction

    ROWS_CACHE["rows"] = args.rows
    _reset(seed=False)
    _maps()
    path = ledger_path(args.rows)
    started = _clock()
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    rows = [_model_row(cells) for cells in sheet.to_python()[1:]]
    with transaction.atomic():
        _raw_insert(rows)
    return _result(started, len(rows))


def worker_die(args) -> dict:
    _setup()
    import tablib
    from import_export import fields, resources, widgets

    from anjian.regions.models import Region
    from anjian.units import choices
    from anjian.units.models import Unit

    ROWS_CACHE["rows"] = args.rows
    _reset(seed=True)

    class Label(widgets.Widget):
        def __init__(self, choice_class):
            super().__init__()
            self.codes = {str(label): value for value, label in choice_class.choices}

        def clean(self, value, row=None, **kwargs):
            return self.codes.get(value or "", "")

    class Flag(widgets.BooleanWidget):
        def clean(self, value, row=None, **kwargs):
            return value == "是"

    columns = {"name": "单位名称", "credit_code": "统一社会信用代码", "category": "类别", "subcategory": "子类",
               "region": "网格", "address": "地址", "longitude": "经度", "latitude": "纬度",
               "principal": "主要负责人", "principal_phone": "联系电话", "safety_officer": "安全管理员",
               "safety_officer_phone": "安全管理员电话", "employees": "从业人数",
               "above_designated_size": "规模以上", "risk_level": "风险等级",
               "standardisation_grade": "安全生产标准化等级", "industry_section": "行业门类",
               "floor_area": "建筑面积（㎡）", "notes": "备注"}
    decimal = widgets.DecimalWidget()
    special = {"category": Label(choices.Category), "subcategory": Label(choices.Subcategory),
               "region": widgets.ForeignKeyWidget(Region, "name"), "longitude": decimal,
               "latitude": decimal, "floor_area": decimal, "employees": widgets.IntegerWidget(),
               "above_designated_size": Flag(), "risk_level": Label(choices.RiskLevel),
               "standardisation_grade": Label(choices.StandardisationGrade),
               "industry_section": Label(choices.IndustrySection)}
    meta = type("Meta", (), {"model": Unit, "import_id_fields": ("credit_code",),
                             "fields": tuple(columns)})
    declared = {name: fields.Field(attribute=name, column_name=column, widget=special.get(name))
                for name, column in columns.items()}
    resource_class = type("UnitResource", (resources.ModelResource,), {**declared, "Meta": meta})

    path = ledger_path(args.die_rows)
    started = _clock()
    dataset = tablib.Dataset().load(path.read_bytes(), format="xlsx")
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    totals = result.totals
    return _result(started, len(dataset), created=totals.get("new", 0), updated=totals.get("update", 0))


WORKERS = {"prepare": worker_prepare, "anjian": worker_anjian, "raw": worker_raw, "die": worker_die}


def maxrss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    raise SystemExit(main())
