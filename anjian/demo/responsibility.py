"""The demo year of the responsibility system (责任体系) of 西张村镇: a responsibility list for
each leader, agency head and village secretary, last year's and copied to this year (seed 002:
制定新一年度…班子成员安全生产责任清单); last year's and this year's agreements with every village,
department and most enterprises and schools, a few still missing this year (seed 000 §四:
层层签订安全生产责任书); leaders' visits to their linked units, about twice a month each (seed
004: 科级干部每半月一次到基层检查指导, 并留下工作记录); and about 45 meetings a year that studied
or deployed work safety, most with safety as the first agenda item (seed 000: 40余次, 第一议题).

Everything is bulk-created as the services would write it (the scans validated by `read_scan` and
stored by `core.attachments.attach`) and journaled with `journal.record_many`; the tests check the
rows against the services' own rules. Idempotent: a town that has lists gets nothing more."""

from __future__ import annotations

import datetime as dt
import random

from anjian.core import journal
from anjian.core.attachments import attach
from anjian.core.models import JournalAction
from anjian.demo import responsibility_texts as texts
from anjian.demo.logins import ENTERPRISE_UNIT
from anjian.demo.organisations import SAFETY_OFFICE
from anjian.demo.yearkit import YearKit
from anjian.regions.models import Region
from anjian.responsibility import selectors, services
from anjian.responsibility.choices import DutyCategory, MeetingKind
from anjian.responsibility.models import (
    Agreement,
    Duty,
    LinkageVisit,
    Meeting,
    ResponsibilityList,
)
from anjian.responsibility.scans import read_scan

SEED = "xizhangcun-responsibility"
MISSING_THIS_YEAR = 4  # enterprises and schools that have not signed yet this year
WITHOUT_SCAN = 3  # signed this year, scanned copy not uploaded yet


def build(kit: YearKit) -> None:
    town = kit.town
    if ResponsibilityList.objects.filter(region__path__startswith=town.path).exists():
        return
    rng = random.Random(SEED)
    office = kit.users.get("demo_office")
    this_year = kit.year.today.year
    _lists(kit, office, this_year)
    parties = _Parties(kit)
    _agreements(kit, rng, parties, this_year - 1, missing=0)
    _agreements(kit, rng, parties, this_year, missing=MISSING_THIS_YEAR)
    _visits(kit, rng, office)
    _meetings(kit, rng, town, office)


def _list_specs(kit: YearKit):
    """(region, post, holder, duties) of every list."""
    town = kit.town
    for i, leader in enumerate(kit.leaders):
        post = leader.position.rsplit("、", 1)[0]
        duties = texts.FIRST if i < 2 else texts.DEPUTY + (
            texts.SAFETY_DEPUTY if "安全生产" in post else [])
        yield town, post, leader, duties
    for org, staff in kit.staff.items():
        if not staff or staff[0].region_id != town.pk:
            continue
        head = staff[0]
        duties = texts.SAFETY_OFFICE if org == SAFETY_OFFICE else texts.AGENCY
        yield town, head.position.rsplit("、", 1)[0], head, duties
    villages = {r.code: r for r in Region.objects.filter(path__startswith=town.path, level=3)}
    for code, secretary in sorted(kit.secretaries.items()):
        yield villages[code], f"{villages[code].name}党支部书记", secretary, texts.VILLAGE


def _lists(kit: YearKit, office, year: int) -> None:
    """Last year's lists and this year's copies of them (as `responsibility_list_copy` makes
    them), bulk-created with their duties and journaled like the service journals them."""
    specs = list(_list_specs(kit))
    old = ResponsibilityList.objects.bulk_create([
        ResponsibilityList(region=region, year=year - 1, post=post, holder=holder)
        for region, post, holder, _duties in specs])
    new = ResponsibilityList.objects.bulk_create([
        ResponsibilityList(region=r.region, year=year, post=r.post, holder=r.holder, previous=r)
        for r in old])
    duties = [Duty(responsibility_list=rlist, order=i, category=c, text=t)
              for lists in (old, new) for rlist, (*_spec, rows) in zip(lists, specs, strict=True)
              for i, (c, t) in enumerate(rows, start=1)]
    Duty.objects.bulk_create(duties)
    texts_of = [[f"{DutyCategory(c).label}：{t}" for c, t in rows] for *_spec, rows in specs]
    journal.record_many([
        journal.build(office, rlist, JournalAction.CREATE,
                      journal.diff({}, journal.snapshot(rlist)) | {"duties": [None, lines]})
        for lists in (old, new) for rlist, lines in zip(lists, texts_of, strict=True)])
    kit.created["responsibility lists"] += len(old) + len(new)


class _Parties:
    """The town's villages, units and organisations by id, read once for both years."""

    def __init__(self, kit: YearKit) -> None:
        town = kit.town
        self.town = town
        self.villages = {r.pk: r for r in Region.objects.filter(path__startswith=town.path,
                                                                level=3)}
        self.units = {u.pk: u for u in kit.units}
        self.organisations = {o.pk: o for o in kit.organisations.values()}
        self.heads = {staff[0].organisation_id: staff[0].name for staff in kit.staff.values()
                      if staff}
        self.secretaries = {v.pk: kit.secretaries[v.code].name for v in self.villages.values()
                            if v.code in kit.secretaries}

    def fill(self, agreement: Agreement) -> None:
        """The counterparty's row, and the region and town `place_agreement` would set."""
        if agreement.village_id:
            agreement.village = self.villages[agreement.village_id]
        elif agreement.unit_id:
            agreement.unit = self.units[agreement.unit_id]
        else:
            agreement.organisation = self.organisations[agreement.organisation_id]
        party = agreement.village or agreement.unit or agreement.organisation
        agreement.region = agreement.village or party.region
        agreement.town = self.town

    def signatory(self, party) -> str:
        if party.village_id:
            return self.secretaries.get(party.village_id, "")
        if party.organisation_id:
            return self.heads.get(party.organisation_id, "")
        return self.units[party.unit_id].principal or "法定代表人"


def _signed_on(kit: YearKit, rng: random.Random, year: int) -> dt.date:
    """Early in the year (January to March), or late December before it when that has not come."""
    day = dt.date(year, 1, 5) + dt.timedelta(days=rng.randint(0, 80))
    if day > kit.year.last:
        day = dt.date(year - 1, 12, rng.randint(20, 30))
    return day


def _agreements(kit: YearKit, rng: random.Random, known: _Parties, year: int,
                missing: int) -> None:
    coverage = selectors.agreement_coverage(known.town, year)
    parties = coverage.parties
    units = [p for p in parties if p.unit_id and p.name != ENTERPRISE_UNIT]
    skip = {id(p) for p in rng.sample(units, min(missing, len(units)))}
    signed = [p for p in parties if id(p) not in skip]
    no_scan = {id(p) for p in rng.sample(signed, WITHOUT_SCAN)} if missing else set()
    head = kit.leaders[1]  # the town head signs for the town
    rows = []
    for party in signed:
        agreement = Agreement(
            year=year, kind=party.kind, village_id=party.village_id, unit_id=party.unit_id,
            organisation_id=party.organisation_id, title=f"{year}年度安全生产目标责任书（{party.name}）",
            first_signatory=head.name, second_signatory=known.signatory(party),
            signed_on=_signed_on(kit, rng, year),
            tasks="杜绝较大及以上事故，减少一般事故，减少人员伤亡（一杜绝、两减少）")
        known.fill(agreement)
        if id(party) not in no_scan:
            attach(agreement, read_scan(texts.pdf_scan(agreement.title),
                                        name=f"{year}年责任书-{party.name}.pdf"))
        rows.append(agreement)
    Agreement.objects.bulk_create(rows)
    journal.record_many([journal.build(kit.users.get("demo_office"), a, JournalAction.CREATE,
                                       journal.diff({}, services.agreement_snapshot(a))) for a in rows])
    kit.created["responsibility agreements"] += len(rows)


def _visits(kit: YearKit, rng: random.Random, office) -> None:
    """Each leader visits linked units about twice a month, the higher-risk ones first."""
    by_leader: dict[int, list] = {}
    for unit in kit.units:
        if unit.linked_leader_id and unit.is_active:
            by_leader.setdefault(unit.linked_leader_id, []).append(unit)
    order = {"red": 0, "orange": 1, "yellow": 2, "blue": 3, "": 4}
    rows = []
    for leader in kit.leaders:
        units = sorted(by_leader.get(leader.pk, []), key=lambda u: (order[u.risk_level], u.pk))
        if not units:
            continue
        last = {u.pk: None for u in units}
        day = kit.year.start + dt.timedelta(days=rng.randint(0, 10))
        while day <= kit.year.last:
            unit = min(units, key=lambda u: (last[u.pk] or dt.date.min, order[u.risk_level]))
            last[unit.pk] = day
            problem = rng.random() < 0.3
            rows.append(LinkageVisit(
                leader=leader, unit=unit, visited_on=day, checked=rng.choice(texts.VISIT_CHECKS),
                problems=rng.choice(texts.VISIT_PROBLEMS) if problem else "",
                follow_up=rng.choice(texts.VISIT_FOLLOW_UPS) if problem else "",
                recorded_by=office))
            day += dt.timedelta(days=rng.randint(11, 19))
    LinkageVisit.objects.bulk_create(rows)
    journal.record_many([journal.build(office, v, JournalAction.CREATE,
                                       journal.diff({}, journal.snapshot(v))) for v in rows])
    kit.created["leader linkage visits"] += len(rows)


def _meetings(kit: YearKit, rng: random.Random, town, office) -> None:
    secretary, head = kit.leaders[0], kit.leaders[1]
    rows = []
    span = (kit.year.last - kit.year.start).days
    for kind, count, title, always_first in texts.MEETINGS:
        for i in range(count):
            day = kit.year.start + dt.timedelta(
                days=min(span, int((i + rng.random()) * span / count)))
            rows.append(Meeting(
                region=town, held_on=day, kind=kind, title=title,
                chaired_by=secretary if kind in (MeetingKind.PARTY_COMMITTEE,
                                                 MeetingKind.THEORY_STUDY) else head,
                attendees=rng.randint(12, 60), safety_first=always_first or rng.random() < 0.85,
                topics="；".join(rng.sample(texts.TOPICS, 2)),
                decisions="；".join(rng.sample(texts.DECISIONS, 2)), recorded_by=office))
    village = Region.objects.get(code=kit.home_village)
    chair = kit.secretaries[kit.home_village]
    for i in range(texts.VILLAGE_MEETINGS):
        day = kit.year.start + dt.timedelta(days=60 + i * 110 + rng.randint(0, 20))
        rows.append(Meeting(
            region=village, held_on=min(day, kit.year.last), kind=MeetingKind.VILLAGE_COMMITTEE,
            title=f"{village.name}村两委会议（安全生产）", chaired_by=chair,
            attendees=rng.randint(6, 12), safety_first=True, topics=texts.TOPICS[3],
            decisions=texts.DECISIONS[3], recorded_by=office))
    Meeting.objects.bulk_create(rows)
    journal.record_many([journal.build(office, m, JournalAction.CREATE,
                                       journal.diff({}, journal.snapshot(m))) for m in rows])
    kit.created["safety meetings"] += len(rows)
