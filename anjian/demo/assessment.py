"""The demo year of the assessment ledger: the default scheme (默认考核方案) for the town and about
ten accountability actions (问责记录) aimed at the villages the demo's own figures put behind."""

from __future__ import annotations

import datetime as dt
import random

from anjian.assessment import services
from anjian.assessment.models import ActionKind, Scheme
from anjian.dailyreports.selectors import compliance
from anjian.demo.yearkit import YearKit
from anjian.hazards.choices import OPEN_STATES
from anjian.hazards.models import Hazard
from anjian.regions.models import Region

SEED = 20260412
OFFICE = "demo_office"


def build(kit: YearKit) -> None:
    town = kit.town
    if Scheme.objects.filter(region=town).exists():
        return
    office = kit.users[OFFICE]
    rng = random.Random(SEED)
    scheme = services.scheme_create_default(actor=office, town=town)
    kit.created["assessment schemes"] += 1
    snapshot = None
    for start, end in _last_quarters(kit.year.today, 2):
        snapshot = services.snapshot_freeze(actor=office, scheme=scheme, start=start, end=end)
        kit.created["assessment snapshots"] += 1
    made = 0
    # 通报: the villages furthest behind on daily reports over the last quarter.
    start = kit.year.today - dt.timedelta(days=91)
    rows = [r for r in compliance(town, start, kit.year.last) if r.reporter.key.startswith("v") and r.due]
    for number, row in enumerate(sorted(rows, key=lambda r: r.rate)[:4], start=1):
        services.action_create(
            actor=office, kind=ActionKind.NOTICE, region=row.reporter.region,
            reason=f"近一季度安全生产日报应报{row.due}天，实报{row.filed}天，报送率{row.rate:.0%}，予以通报。",
            date=kit.year.last - dt.timedelta(days=rng.randint(3, 20)),
            document_number=f"西安办通〔{kit.year.today.year}〕{number}号", cause="日报报送率偏低",
            snapshot=snapshot)
        made += 1
    # 约谈 and 督办: the villages of overdue hazards, linked to the hazard.
    overdue = (Hazard.objects.filter(region__path__startswith=town.path, state__in=OPEN_STATES,
                                     deadline__lt=kit.year.today).select_related("region", "unit")
               .order_by("deadline", "pk"))
    seen: set[int] = set()
    for hazard in overdue:
        village = Region.objects.filter(pk__in=hazard.region.ancestor_ids, level=3).first()
        if village is None or village.pk in seen:
            continue
        seen.add(village.pk)
        kind = ActionKind.INTERVIEW if len(seen) % 2 else ActionKind.SUPERVISE
        services.action_create(
            actor=office, kind=kind, region=village, hazard=hazard,
            reason=f"{hazard.unit.name}隐患{hazard.number}超过整改期限仍未整改。",
            date=max(hazard.deadline + dt.timedelta(days=3), kit.year.start),
            document_number=f"西安办督〔{kit.year.today.year}〕{len(seen)}号",
            outcome="已约谈村支部书记，限期一周整改" if kind == ActionKind.INTERVIEW else "")
        made += 1
        if len(seen) >= 5:
            break
    # 问责: one, with a free-text cause.
    villages = list(Region.objects.filter(parent=town).order_by("code"))
    if villages:
        services.action_create(
            actor=office, kind=ActionKind.ACCOUNTABILITY, region=rng.choice(villages),
            reason="汛期值班期间脱岗，未按要求巡查危险区域。", date=kit.year.day(60),
            document_number=f"西安委问〔{kit.year.today.year}〕1号", cause="汛期值班检查发现",
            outcome="责令书面检查，年度考核扣分")
        made += 1
    kit.created["accountability actions"] += made


def _last_quarters(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The last `count` complete calendar quarters before `today`, oldest first."""
    first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    result = []
    for _ in range(count):
        end = first - dt.timedelta(days=1)
        first = dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        result.append((first, end))
    return result[::-1]
