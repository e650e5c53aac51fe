"""The demo year of the training and publicity ledgers (seed 001 §五, seed 000 §四, seed 004).

- The town's 开工第一课 (seed 001: 2月16日, "各类人群共1000余人次"), cadres' training every quarter,
  the fire-safety on-site trainings for 九小场所 and street shops in 张村街道 and 宜村街道.
- Every enterprise's monthly training (每月一次) with its principal and safety officer signing in,
  a few months missed; three-level education (三级安全教育) of new workers.
- Publicity on the national dates inside the window (安全生产月 with the handbooks of seed 004:
  870 and 1,236 copies, 防灾减灾日, 消防日, 交通安全日 …), door-to-door visits, village meetings and
  loudspeakers in every village, pushes to village WeChat groups, summer education for pupils.

Deterministic, bulk-created and journaled with `journal.record_many`; adds nothing when the town
already has demo trainings."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.demo.organisations import SAFETY_OFFICE
from anjian.demo.yearkit import YearKit
from anjian.regions.models import Region
from anjian.training.models import Attendance, PublicityActivity, PublicityMaterial, TrainingSession
from anjian.training.selectors import MONTHLY_CATEGORIES, publicity_dates

SEED = "xizhangcun-2023:training"
MONTHLY_TOPICS = ["安全生产责任制和岗位操作规程", "有限空间作业安全", "电气安全和临时用电", "消防器材使用和疏散逃生",
                  "机械设备防护和检维修作业", "危险作业审批和现场监护", "事故案例警示教育", "应急预案和现场处置",
                  "劳动防护用品正确佩戴", "冬季防火防冻防中毒", "夏季防暑降温和防汛", "隐患自查自纠"]
VILLAGE_KINDS = [("door_to_door", "入户面对面宣讲安全政策"), ("village_meeting", "召开群众大会讲解安全注意事项"),
                 ("loudspeaker", "乡村大喇叭循环播放安全提示")]
PUSHES = ["春季森林防火：严禁野外用火、上坟烧纸", "防溺水：不到水库、河塘游泳嬉水", "冬季取暖防一氧化碳中毒",
          "农用车不得载人，骑摩托车须戴头盔", "燃气使用安全常识"]


def build(kit: YearKit) -> None:
    town = kit.town
    if TrainingSession.objects.filter(region__path__startswith=town.path).exists():
        return
    rng = random.Random(SEED)
    actor = kit.users.get("demo_office")
    villages = {r.code: r for r in Region.objects.filter(path__startswith=town.path, level=3)}
    sessions: list[TrainingSession] = []
    links: list[tuple[TrainingSession, list[int]]] = []
    roster: list[tuple[TrainingSession, list[Attendance]]] = []
    enterprises = [u for u in kit.units if u.category in MONTHLY_CATEGORIES]
    _town_sessions(kit, rng, actor, villages, enterprises, sessions, links, roster)
    _monthly(kit, rng, enterprises, sessions, roster)
    TrainingSession.objects.bulk_create(sessions, batch_size=1000)
    through = TrainingSession.participating_units.through
    through.objects.bulk_create([through(trainingsession_id=s.pk, unit_id=u)
                                 for s, units in links for u in units], batch_size=2000)
    attendances = []
    for session, rows in roster:
        for row in rows:
            row.session_id = session.pk
            attendances.append(row)
    Attendance.objects.bulk_create(attendances, batch_size=2000)
    activities, materials = _publicity(kit, rng, actor, villages)
    PublicityActivity.objects.bulk_create(activities, batch_size=1000)
    for activity, rows in materials:
        for m in rows:
            m.activity_id = activity.pk
    PublicityMaterial.objects.bulk_create([m for _a, rows in materials for m in rows])
    _journal(actor, sessions, TrainingSession)
    _journal(actor, activities, PublicityActivity)
    kit.created["training sessions"] += len(sessions)
    kit.created["training attendances"] += sum(s.attendance_count for s in sessions)
    kit.created["publicity activities"] += len(activities)


def _journal(actor, rows, model) -> None:
    content_type = ContentType.objects.get_for_model(model)
    journal.record_many([journal.build(actor, row, JournalAction.CREATE, journal.snapshot(row),
                                       content_type=content_type) for row in rows])


def _session(kit: YearKit, day: dt.date, **values) -> TrainingSession:
    return TrainingSession(held_on=day, created_by=kit.users.get("demo_office"), **values)


def _latest(kit: YearKit, month: int, day: int) -> dt.date | None:
    """The latest `month`/`day` inside the window (None if not inside)."""
    for year in (kit.year.today.year, kit.year.today.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if kit.year.inside(candidate):
            return candidate
    return None


def _town_sessions(kit, rng, actor, villages, enterprises, sessions, links, roster) -> None:
    town = kit.town
    first = _latest(kit, 2, 16)
    if first:
        s = _session(kit, first, region=town, topic="安全生产开工第一课", kind="first_lesson",
                     audience="全体机关干部、村两委监委干部及所有企业", trainer="视频收看",
                     place="镇政府会议室及各村、各企业分会场", hours=Decimal(2),
                     attendance_count=1036, materials="开工第一课视频、签到表、宣传册")
        sessions.append(s)
        links.append((s, [u.pk for u in enterprises]))
    for months_ago in (1, 4, 7, 10):
        day = kit.year.day(months_ago * 30 + rng.randint(0, 10))
        s = _session(kit, day, region=town, topic="镇村两级干部安全生产业务培训", kind="cadre",
                     audience="镇村两级干部、镇直单位负责人", trainer=kit.head(SAFETY_OFFICE).name,
                     place="镇政府三楼会议室", hours=Decimal(3), attendance_count=0,
                     materials="《安全生产法》解读课件")
        people = [kit.secretaries[code] for code in sorted(kit.secretaries)]
        rows = [Attendance(person=p, name=p.name, role="cadre", hours=s.hours) for p in people]
        s.attendance_count = len(rows) + rng.randint(15, 30)
        sessions.append(s)
        roster.append((s, rows))
    for name, street in (("张二村", "张村街道"), ("宜村村", "宜村街道")):
        day = kit.year.day(rng.randint(200, 300))
        code = kit.village_code.get(name)
        region = villages.get(code, town)
        s = _session(kit, day, region=region, topic=f"{street}九小场所和沿街门店消防安全现场培训会",
                     kind="fire_drill", audience="九小场所和沿街门店经营者",
                     trainer="镇消防服务中心", place=street, hours=Decimal(2),
                     attendance_count=rng.randint(110, 160),
                     materials="现场教学灭火器使用、自救和逃生方法")
        sessions.append(s)
        shops = [u.pk for u in kit.units if u.category in ("small_venue", "street_shop")
                 and u.region.path.startswith(region.path)]
        links.append((s, shops))


def _monthly(kit, rng, enterprises, sessions, roster) -> None:
    """每月一次 per enterprise; about one unit in five misses a month or two."""
    months = kit.year.months()
    for unit in enterprises:
        missing = set(rng.sample(range(len(months)), rng.choice((0, 0, 0, 0, 1, 2))))
        staff = rng.randint(8, 60)
        for i, period in enumerate(months):
            if i in missing or period.start > kit.year.last:
                continue
            day = min(period.start + dt.timedelta(days=rng.randint(0, 20)), kit.year.last)
            if not kit.year.inside(day):
                continue
            three_level = i % 4 == 0
            s = _session(kit, day, region=unit.region, unit=unit,
                         topic=("新员工三级安全教育" if three_level else
                                MONTHLY_TOPICS[(day.month - 1) % len(MONTHLY_TOPICS)]),
                         kind="three_level" if three_level else "all_staff",
                         audience="新上岗从业人员" if three_level else "全体员工",
                         trainer=unit.safety_officer or unit.principal, place="本单位会议室",
                         hours=Decimal(8 if three_level else 2), attendance_count=0,
                         materials="培训课件、签到表、考试试卷")
            rows = []
            if unit.principal:
                rows.append(Attendance(name=unit.principal, unit=unit, role="principal",
                                       hours=s.hours))
            if unit.safety_officer and unit.safety_officer != unit.principal:
                rows.append(Attendance(name=unit.safety_officer, unit=unit,
                                       role="safety_manager", hours=s.hours))
            if three_level:
                rows += [Attendance(name=f"新员工{i + 1}-{n}", unit=unit, role="new_worker",
                                    hours=s.hours) for n in range(1, rng.randint(2, 4))]
            s.attendance_count = max(len(rows), 3 if three_level else staff - rng.randint(0, 5))
            sessions.append(s)
            roster.append((s, rows))


def _activity(kit, day, region, kind, title, rng, **values) -> PublicityActivity:
    return PublicityActivity(region=region, held_on=day, kind=kind, title=title,
                             created_by=kit.users.get("demo_office"), **values)


def _publicity(kit, rng, actor, villages):
    town = kit.town
    activities, materials = [], []
    for date in publicity_dates(kit.year.today.year) + publicity_dates(kit.year.today.year - 1):
        day = date.start if date.kind != "safety_month" else date.start + dt.timedelta(days=15)
        if not kit.year.inside(day) or date.kind == "other":
            continue
        a = _activity(kit, day, town, date.kind, f"{day.year}年{date.name}集中宣传活动", rng,
                      place="张村街道集会", participants=rng.randint(300, 800),
                      summary="设立咨询台，发放宣传资料，现场解答群众问题")
        rows = [PublicityMaterial(name="安全生产知识宣传册", quantity=rng.randint(300, 600))]
        if date.kind == "safety_month":
            rows += [PublicityMaterial(name="《政府部门工作手册》", quantity=870),
                     PublicityMaterial(name="《生产经营单位工作手册》", quantity=1236)]
        activities.append(a)
        materials.append((a, rows))
    summer = _latest(kit, 7, 10)
    if summer:
        a = _activity(kit, summer, town, "summer_education", "学生暑期安全教育暨家长会", rng,
                      place="西张村镇中心校", participants=rng.randint(600, 900),
                      summary="应急管理办、派出所对学生进行防溺水、交通安全再教育，并向家长宣讲暑期监护责任；"
                              "在事故易发的公路、水库设立警示标志")
        activities.append(a)
        materials.append((a, [PublicityMaterial(name="致家长的一封信", quantity=850)]))
    for code in sorted(villages):
        village = villages[code]
        for quarter in range(4):
            kind, summary = VILLAGE_KINDS[(quarter + int(code[-2:])) % 3]
            day = kit.year.day(quarter * 90 + rng.randint(5, 80))
            households = rng.randint(40, 160) if kind == "door_to_door" else 0
            a = _activity(kit, day, village, kind, f"{village.name}安全生产宣传", rng,
                          participants=households * 2 or rng.randint(60, 300),
                          households=households, summary=summary)
            activities.append(a)
            materials.append((a, [PublicityMaterial(name="安全生产知识宣传册",
                                                    quantity=rng.randint(30, 120))]
                              if kind != "loudspeaker" else []))
    for i, text in enumerate(PUSHES):
        day = kit.year.day(40 + i * 70)
        for code in sorted(villages):
            a = _activity(kit, day, villages[code], "group_push", text.split("：")[0], rng,
                          message=text, recipients=rng.randint(2, 5),
                          summary="推送至村干部和网格员，转发各村民微信群、朋友圈")
            activities.append(a)
            materials.append((a, []))
    return activities, materials
