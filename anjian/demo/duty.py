"""The demo year of the duty ledger (24小时值班值守, 领导带班): the town's full roster from the start of
the demo year to four weeks ahead (a day shift 08:30–17:30 and a night shift 17:30–08:30, two
people each from the safety office and the town's offices, a leader on duty each day rotating
among the town leaders), a believable duty log of a few entries a week and a handover after every
shift that has ended.

Bulk-created (about 800 shifts): the pattern (`duty.services.plan_shifts`, the generator's own)
never puts a person on two overlapping shifts, so the service's per-shift checks are not repeated;
every row is journaled with `journal.record_many`.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.demo.organisations import GOVERNMENT_OFFICE, SAFETY_OFFICE
from anjian.demo.yearkit import YearKit
from anjian.duty.choices import LogKind
from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift
from anjian.duty.services import DEFAULT_PATTERN, plan_shifts

SEED = "xizhangcun-2023:duty"
DAYS_AHEAD = 28
# Town offices whose heads also take turns on duty, besides the safety and government offices.
ROTA_HEADS = ("西张村镇农业服务中心", "西张村镇民政所", "西张村镇规划建设办公室", "西张村镇水利站",
              "西张村镇文化服务中心")
ENTRIES_PER_WEEK = (2, 5)

# (kind, source, content, handling, who was told); {village} and {unit} are filled in.
LOG_TEMPLATES = [
    (LogKind.CALL, "{village}村民", "反映{unit}门口堆放杂物，堵塞消防通道",
     "通知{village}网格员到场核实，督促清理", "{village}党支部书记、应急办"),
    (LogKind.CALL, "{village}网格员", "巡查发现{unit}电线私拉乱接",
     "登记隐患，交办整改", "应急办主任"),
    (LogKind.INSTRUCTION, "陕州区应急管理局", "转发气象台大风蓝色预警，要求加强户外作业和林区防火巡查",
     "已在各村工作群转发，通知护林员加密巡查", "各村党支部书记、林业站"),
    (LogKind.INSTRUCTION, "陕州区防汛抗旱指挥部", "暴雨黄色预警：做好地质灾害隐患点和废弃坑口巡查",
     "通知相关村对隐患点24小时盯守，转移危险区群众", "带班领导、各村党支部书记、自然资源所"),
    (LogKind.EVENT, "交管站", "{village}路段发生一起三轮车侧翻事故，一人轻伤",
     "派出所、交管站到场处置，伤者送卫生院", "带班领导、派出所、卫生院"),
    (LogKind.EVENT, "{village}护林员", "{village}北山发现农户焚烧秸秆冒烟",
     "护林员和村干部到场扑灭，对农户批评教育", "林业站、带班领导"),
    (LogKind.CALL, "{village}村民", "反映{unit}液化气钢瓶存放在厨房内，有异味",
     "通知综合行政执法队检查，督促更换减压阀并移出钢瓶", "综合行政执法队"),
    (LogKind.INSTRUCTION, "陕州区安委会办公室", "通知开展节前安全生产大检查，周五前报送检查情况",
     "已报带班领导，安排应急办牵头组织", "镇长、分管副镇长"),
    (LogKind.CALL, "三门峡市12345热线", "群众反映{unit}夜间施工噪音大，担心脚手架安全",
     "转规划建设办核查，已回复热线", "规划建设办"),
    (LogKind.OTHER, "县应急局值班室", "抽查值班在岗情况", "值班人员在岗，带班领导在岗", ""),
]
QUIET = ["本班无异常情况，值班电话畅通。", "本班情况平稳，各村无突发情况报告。",
         "本班无来电，按时巡查值班室及院内消防设施。"]


def build(kit: YearKit) -> None:
    """The roster, the log and the handovers of the demo town (nothing if it has a roster)."""
    if DutyShift.objects.filter(region=kit.town).exists():
        return
    rng = random.Random(SEED)
    with transaction.atomic():
        shifts = _roster(kit, rng)
        entries = _log(kit, rng, shifts)
        _handovers(kit, rng, shifts, entries)


def _rota(kit: YearKit, rng: random.Random) -> list:
    staff = list(kit.staff[SAFETY_OFFICE]) + list(kit.staff[GOVERNMENT_OFFICE][:2])
    staff += [kit.head(name) for name in ROTA_HEADS if name in kit.staff]
    rng.shuffle(staff)
    return staff


def _roster(kit: YearKit, rng: random.Random) -> list[DutyShift]:
    office = kit.users.get("demo_office")
    first = kit.year.start
    last = kit.year.today + dt.timedelta(days=DAYS_AHEAD)
    planned = list(plan_shifts(first, last, DEFAULT_PATTERN, _rota(kit, rng), kit.leaders, 2))
    shifts = [DutyShift(region=kit.town, start=start, end=end, leader=leader, created_by=office)
              for start, end, _people, leader in planned]
    DutyShift.objects.bulk_create(shifts, batch_size=500)
    Through = DutyShift.people.through
    Through.objects.bulk_create([
        Through(dutyshift_id=shift.pk, person_id=person.pk)
        for shift, (_s, _e, people, _l) in zip(shifts, planned, strict=True) for person in people
    ], batch_size=1000)
    journal.record_many([journal.build(office, s, JournalAction.CREATE, {
        "region": [None, kit.town.pk], "start": [None, s.start.isoformat()],
        "end": [None, s.end.isoformat()], "leader": [None, s.leader_id],
        "people": [None, sorted(p.pk for p in people)]})
        for s, (_s, _e, people, _l) in zip(shifts, planned, strict=True)])
    for shift, (_s, _e, people, _l) in zip(shifts, planned, strict=True):
        shift.on_duty = people  # for the handovers below
    kit.created["duty shifts"] += len(shifts)
    return shifts


def _log(kit: YearKit, rng: random.Random, shifts: list[DutyShift]) -> list[DutyLogEntry]:
    """A few entries a week in the shifts that have ended or are running; the newest stay open."""
    office = kit.users.get("demo_office")
    now = kit.year.now
    past = [s for s in shifts if s.start < now]
    villages = list(kit.village_name.values())
    units = [u.name for u in kit.units]
    entries = []
    for week in range(0, len(past), 14):
        for shift in rng.sample(past[week:week + 14], min(rng.randint(*ENTRIES_PER_WEEK),
                                                         len(past[week:week + 14]))):
            kind, source, content, handling, notified = rng.choice(LOG_TEMPLATES)
            fill = {"village": rng.choice(villages), "unit": rng.choice(units)}
            latest = min(shift.end, now) - dt.timedelta(minutes=30)
            span = max(int((latest - shift.start).total_seconds() // 60), 1)
            received = shift.start + dt.timedelta(minutes=rng.randrange(span))
            recent = now - received < dt.timedelta(days=2)
            entries.append(DutyLogEntry(
                shift=shift, received_at=received, kind=kind, source=source.format(**fill),
                source_phone=f"1{rng.randint(3, 8)}{rng.randint(0, 999999999):09d}"
                if kind == LogKind.CALL else "",
                content=content.format(**fill), handling="" if recent else handling.format(**fill),
                notified=notified.format(**fill), closed=not recent,
                closed_at=None if recent else received + dt.timedelta(minutes=rng.randint(20, 240)),
                logged_by=office))
    DutyLogEntry.objects.bulk_create(entries, batch_size=500)
    journal.record_many([journal.build(office, e, JournalAction.CREATE,
                                       journal.diff({}, journal.snapshot(e))) for e in entries])
    kit.created["duty log entries"] += len(entries)
    return entries


def _handovers(kit: YearKit, rng: random.Random, shifts: list[DutyShift],
               entries: list[DutyLogEntry]) -> None:
    """After every shift that has ended, to the next one; open entries are carried over."""
    office = kit.users.get("demo_office")
    now = kit.year.now
    by_shift: dict[int, list[DutyLogEntry]] = {}
    for entry in entries:
        by_shift.setdefault(entry.shift_id, []).append(entry)
    handovers, carried = [], []
    for before, after in zip(shifts, shifts[1:], strict=False):
        if before.end > now:
            break
        logged = by_shift.get(before.pk, [])
        still_open = [e for e in logged if not e.closed]
        summary = (f"本班接报{len(logged)}起，已办结{len(logged) - len(still_open)}起。"
                   if logged else rng.choice(QUIET))
        handovers.append(DutyHandover(
            from_shift=before, to_shift=after, summary=summary,
            open_matters="\n".join(f"{e.source}：{e.content}" for e in still_open),
            handed_over_by=before.on_duty[0], taken_over_by=after.on_duty[0],
            handed_over_at=before.end + dt.timedelta(minutes=rng.randint(-10, 5)),
            recorded_by=office))
        carried.append(still_open)
    DutyHandover.objects.bulk_create(handovers, batch_size=500)
    Through = DutyHandover.carried_entries.through
    Through.objects.bulk_create([Through(dutyhandover_id=h.pk, dutylogentry_id=e.pk)
                                 for h, open_ in zip(handovers, carried, strict=True)
                                 for e in open_])
    journal.record_many([journal.build(office, h, JournalAction.CREATE,
                                       journal.diff({}, journal.snapshot(h))) for h in handovers])
    kit.created["duty handovers"] += len(handovers)
