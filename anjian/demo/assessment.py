"""The demo year of the assessment ledger: the default village scheme (默认考核方案) for the town and
about ten accountability actions (问责记录) aimed at the villages the demo's own figures put behind;
an organisation scheme (机关站所) and a leader scheme (领导干部), each with its last quarter
published; and actions aimed at an organisation (with its issued document), a person and a unit
(linked to an accident). Each part is built once: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.assessment import services
from anjian.assessment.models import ActionKind, Scheme, TargetKind
from anjian.core.attachments import read_attachment
from anjian.dailyreports.selectors import compliance
from anjian.demo.responsibility_texts import pdf_scan
from anjian.demo.yearkit import YearKit
from anjian.hazards.choices import OPEN_STATES
from anjian.hazards.models import Hazard
from anjian.regions.models import Organisation, Region

SEED = 20260412
OFFICE = "demo_office"


def build(kit: YearKit) -> None:
    if not Scheme.objects.filter(region=kit.town, target=TargetKind.VILLAGE).exists():
        _villages(kit)
    if not Scheme.objects.filter(region=kit.town, target=TargetKind.ORGANISATION).exists():
        _organisations(kit)
    if not Scheme.objects.filter(region=kit.town, target=TargetKind.LEADER).exists():
        _leaders(kit)


def _villages(kit: YearKit) -> None:
    town = kit.town
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


def _organisations(kit: YearKit) -> None:
    """The organisation scheme, its last quarter published, and a 约谈 of the organisation that
    quarter puts last, with the issued notice as a PDF; a 问责 of the unit of the town's latest
    accident with a unit, linked to it."""
    office = kit.users[OFFICE]
    scheme = services.scheme_create_default(actor=office, town=kit.town, target=TargetKind.ORGANISATION)
    kit.created["assessment schemes"] += 1
    (start, end), = _last_quarters(kit.year.today, 1)
    snapshot = services.snapshot_freeze(actor=office, scheme=scheme, start=start, end=end)
    kit.created["assessment snapshots"] += 1
    made = 0
    if snapshot.rows:
        last = snapshot.rows[-1]
        organisation = Organisation.objects.get(pk=last["target"])
        number = f"西安办约〔{kit.year.today.year}〕1号"
        document = read_attachment(pdf_scan(f"约谈通知书 {number}"), name=f"约谈通知书{number}.pdf")
        services.action_create(
            actor=office, kind=ActionKind.INTERVIEW, organisation=organisation, snapshot=snapshot,
            reason=f"{start:%Y年%m月}至{end:%m月}机关站所考核排名末位（{last['total']}分），约谈主要负责人。",
            date=min(end + dt.timedelta(days=10), kit.year.last), document_number=number,
            document=document, outcome="已约谈，责令提交整改报告")
        made += 1
    accident = (Accident.objects.filter(region__path__startswith=kit.town.path, unit__isnull=False,
                                        occurred_at__date__lte=kit.year.last)
                .select_related("unit").order_by("-occurred_at", "-pk").first())
    if accident is not None:
        services.action_create(
            actor=office, kind=ActionKind.ACCOUNTABILITY, unit=accident.unit, accident=accident,
            reason=f"{accident.unit.name}发生生产安全事故，安全生产主体责任落实不到位，予以通报问责。",
            date=min(timezone.localdate(accident.occurred_at) + dt.timedelta(days=7), kit.year.last),
            document_number=f"西安委问〔{kit.year.today.year}〕2号",
            outcome="责令停产整顿，整改验收后复产")
        made += 1
    kit.created["accountability actions"] += made


def _leaders(kit: YearKit) -> None:
    """The leader scheme with its last quarter published, and a 督办 of the village secretary of
    the village last in the village ranking of that quarter."""
    office = kit.users[OFFICE]
    scheme = services.scheme_create_default(actor=office, town=kit.town, target=TargetKind.LEADER)
    kit.created["assessment schemes"] += 1
    (start, end), = _last_quarters(kit.year.today, 1)
    services.snapshot_freeze(actor=office, scheme=scheme, start=start, end=end)
    kit.created["assessment snapshots"] += 1
    village_snapshot = (Scheme.objects.filter(region=kit.town, target=TargetKind.VILLAGE).first()
                        .snapshots.filter(start=start, end=end).first())
    if village_snapshot is None or not village_snapshot.rows:
        return
    last = village_snapshot.rows[-1]
    code = Region.objects.get(pk=last["target"] if "target" in last else last["region"]).code
    secretary = kit.secretaries.get(code)
    if secretary is None:
        return
    services.action_create(
        actor=office, kind=ActionKind.SUPERVISE, person=secretary, snapshot=village_snapshot,
        reason=f"{last['name']}{start:%Y年%m月}至{end:%m月}考核排名末位，督办村支部书记限期整改。",
        date=min(end + dt.timedelta(days=12), kit.year.last),
        document_number=f"西安办督〔{kit.year.today.year}〕9号", outcome="")
    kit.created["accountability actions"] += 1


def _last_quarters(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The last `count` complete calendar quarters before `today`, oldest first."""
    first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    result = []
    for _ in range(count):
        end = first - dt.timedelta(days=1)
        first = dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        result.append((first, end))
    return result[::-1]
