"""The demo year's hazards (`hazard_cases.CASES`) through the real services, then back-dated.

Every hazard is reported with `hazard_report` (directly, or by `record_submit` raising it from a
non-conforming answer) and moved with the workflow services by the demo login whose role the
workflow table asks for: the office assigns, extends, regrades, cancels and escalates (or the police
station on its sectors); the responsible party acknowledges, records interim measures and submits
(demo_enterprise for its own works, demo_village in 张一村, demo_police for the units of its
sectors); someone other than the submitter accepts. Photos are small real JPEGs (`demo.photos`).

Demo-only back-dating: services stamp every row with the current time and refuse deadlines before
today, so each hazard is first played out now, with valid deadlines, and then its own rows are moved
to the dates of the case with `QuerySet.update`: the events' `at`, the hazard's `created_at`,
`assigned_at`, `submitted_at`, `closed_at`, `deadline` (computed in working days from the day of
assignment or extension, so some are now overdue), `lifted_on`, and the photos' `received_at`.
Escalations are played after the deadline has been moved into the past, as the workflow requires.
The journal is not rewritten: it records when the demo was built.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from anjian.demo.hazard_cases import CASES, SPOT_POOL, Case, Step
from anjian.demo.logins import ENTERPRISE_UNIT
from anjian.demo.organisations import EXPERT_AGENCY, POLICE, SAFETY_OFFICE
from anjian.demo.photos import photo
from anjian.demo.records import Visit, answers_for, record_data
from anjian.demo.yearkit import SEED, Checklist, YearKit
from anjian.hazards import services as hs
from anjian.hazards.choices import HazardLevel, PhotoStage, ResponsibleParty
from anjian.hazards.models import Hazard, HazardEvent, HazardPhoto
from anjian.inspections.choices import PlanKind
from anjian.inspections.services import record_submit
from anjian.units.models import Unit
from anjian.workdays.selectors import add_workdays

__all__ = ["CASES", "SPOT_POOL", "run_case", "spot_fix", "timed_cases"]

PARTY_USERS = {ResponsibleParty.UNIT: "demo_enterprise", ResponsibleParty.VILLAGE: "demo_village",
               ResponsibleParty.AGENCY: "demo_police"}
CONTINGENCY = {
    "fire": "整改完成前落实专人看护，配足灭火器材，严禁违规用火用电，发现险情立即报警并组织人员疏散。",
    "gas": "整改期间关闭气源阀门，加强通风，禁止明火，张贴警示标志。",
    "electrical": "整改前停用问题线路和设备并挂牌警示，由持证电工作业。",
    "mining": "整改期间设置警戒区和警示标志，禁止无关人员进入，安排专人巡查，汛期加密巡查。",
    "special_equipment": "停止使用该设备并挂牌警示，整改并检验合格后方可使用。",
    "road_traffic": "设置临时警示标志，安排劝导员在高峰时段值守。",
    "hazardous_chemicals": "整改期间停止相关作业，清点危险物品，设专人看管，严禁烟火。",
}
DEFAULT_CONTINGENCY = "整改期间落实临时防范措施，安排专人盯守，发现异常立即上报。"
OPINIONS = ("经现场复查，{done}，整改到位，同意销号。", "复查确认：{done}。符合要求，予以销号。",
            "现场核实{done}，隐患已消除，同意验收销号。")


@dataclass
class TimedCase:
    when: dt.datetime
    case: Case


def timed_cases(kit: YearKit) -> list[TimedCase]:
    """Every case with its time of discovery (the steps follow from it)."""
    result = []
    for case in CASES:
        rng = random.Random(f"{SEED}:case:{case.key}")
        result.append(TimedCase(kit.year.at(kit.year.day(case.days_ago), rng, (8, 15)), case))
    return result


# Units and people -----------------------------------------------------------------------------------

def _unit(kit: YearKit, case: Case) -> Unit:
    ref = case.unit
    if ref.same_as:
        unit = kit.case_units[ref.same_as]
    elif ref.name:
        unit = kit.by_name[ref.name]
    else:
        village = kit.village_code[ref.village] if ref.village else ""
        used = set(kit.case_units.values())

        def fits(u: Unit, contains: bool) -> bool:
            return ((not ref.sub or u.subcategory == ref.sub)
                    and (not ref.category or u.category == ref.category)
                    and (not village or kit.village_of(u) == village)
                    and (not ref.grid or kit.grid_of(u) == f"{village}-{ref.grid:02d}")
                    and (not ref.street or ref.street in u.address)
                    and (not ref.away or not kit.in_home_village(u))
                    and (not ref.police or kit.police_may(u))
                    and (not contains or not ref.contains or ref.contains in u.name))

        candidates = [u for u in kit.units if fits(u, True) and u not in used] or \
                     [u for u in kit.units if fits(u, False) and u not in used]
        if not candidates:
            raise LookupError(f"demo hazard case {case.key}: no unit for {ref}")
        unit = candidates[ref.nth % len(candidates)]
    kit.case_units[case.key] = unit
    return unit


def _party(kit: YearKit, case: Case, unit: Unit) -> str:
    if case.party:
        return case.party
    if unit.name == ENTERPRISE_UNIT:
        return ResponsibleParty.UNIT
    if kit.in_home_village(unit):
        return ResponsibleParty.VILLAGE
    if kit.police_may(unit):
        return ResponsibleParty.AGENCY
    return ResponsibleParty.UNIT


def _inspectors(kit: YearKit, actor: str, kind: str, unit: Unit, rng: random.Random) -> list:
    if actor == "demo_grid":
        return [kit.grid_workers[kit.home_grid]]
    if actor == "demo_village":
        return [kit.secretaries[kit.home_village]]
    if actor == "demo_police":
        return [kit.member(POLICE, rng)]
    if actor == "demo_expert":
        return kit.experts[:2]
    if actor == "demo_leader":
        return [kit.leaders[0], kit.member(SAFETY_OFFICE, rng)]
    if actor == "demo_enterprise":
        return []
    if kind == PlanKind.GRID_PATROL:
        return [kit.patroller(unit, rng)]
    if kind == PlanKind.JOINT_ENFORCEMENT:
        return [kit.member(POLICE, rng), kit.member("西张村镇消防服务中心", rng),
                kit.member("陕州区市场监督管理局西张村市场监管所", rng)]
    return [kit.member(SAFETY_OFFICE, rng)]


# Reporting ------------------------------------------------------------------------------------------

def _staged(seed: str, stage: str, when: dt.datetime, unit: Unit) -> hs.StagedPhoto:
    return hs.StagedPhoto(photo(seed, stage, when, unit), stage)


def _report(kit: YearKit, case: Case, unit: Unit, when: dt.datetime, rng) -> Hazard:
    actor = kit.users[case.by]
    overrides = {"description": case.text, "category": case.category, "cause_class": case.cause,
                 "level": case.level}
    if case.source:
        overrides["source"] = case.source
    if case.reference:
        overrides["source_reference"] = case.reference.format(y=when.year)
    if case.discoverer:
        overrides["discoverer_name"] = case.discoverer
    if not case.kind:
        overrides["location"] = unit.address
    discovery = photo(f"{case.key}:discovery", PhotoStage.DISCOVERY, when, unit)
    if case.kind:
        checklist = kit.checklist(unit)
        inspectors = _inspectors(kit, case.by, case.kind, unit, rng)
        leader = kit.leaders[0] if case.kind == PlanKind.LEADER_LED else None
        plan_kind = PlanKind.ROUTINE if case.kind == PlanKind.GRID_PATROL else case.kind
        visit = Visit(when, unit, case.kind, case.by, kit.plan_for(plan_kind, when.date(), unit),
                      inspectors, leader)
        wrong = (checklist.item(case.item), "", overrides, [discovery])
        answers = answers_for(kit, unit, checklist, rng, wrong=wrong, when=when)
        done = "，已督促现场整改" if case.steps and case.steps[0].action == "spot" else "，已登记上报"
        summary = f"发现隐患1处：{case.text}{done}。"
        if leader:
            summary = f"{leader.name}带队督导检查：{summary}"
        data = record_data(kit, visit, checklist, summary)
        record = record_submit(actor=actor, unit=unit, data=data, answers=answers)
        kit.created["records"] += 1
        return record.hazards.get()
    data = {**overrides, "discovered_at": when}
    photos = [hs.StagedPhoto(discovery, PhotoStage.DISCOVERY)]
    if case.level == HazardLevel.MAJOR:
        photos.append(_staged(f"{case.key}:discovery:2", PhotoStage.DISCOVERY, when, unit))
    return hs.hazard_report(actor=actor, unit=unit, data=data, photos=photos)


# Steps ----------------------------------------------------------------------------------------------

class _Play:
    """One case played through the services, remembering the dates each row must be moved to."""

    def __init__(self, kit: YearKit, timed: TimedCase) -> None:
        self.kit, self.case, self.found = kit, timed.case, timed.when
        self.rng = random.Random(f"{SEED}:case:{self.case.key}:steps")
        self.unit = _unit(kit, self.case)
        self.party = _party(kit, self.case, self.unit)
        self.times = [self.found + dt.timedelta(minutes=self.rng.randint(5, 30))]
        self.photo_times: dict[int, dt.datetime] = {}
        self.stamps: dict[str, object] = {"created_at": self.times[0]}
        self.deadline: dt.date | None = None
        self.event_data: dict[int, dict] = {}  # step index -> event data to write back

    def run(self) -> Hazard:
        hazard = _report(self.kit, self.case, self.unit, self.found, self.rng)
        self._photos(hazard, self.times[0])
        for step in self.case.steps:
            when = self._when(step)
            hazard = self._step(hazard, step, when)
            self.times.append(when)
            self._photos(hazard, when)
        self._back_date(hazard)
        return hazard

    def _when(self, step: Step) -> dt.datetime:
        day = self.found.date() + dt.timedelta(days=step.after)
        # Working days move with the holidays of the build year: keep escalations after the
        # deadline and extensions before it.
        if step.action == "escalate" and self.deadline and day <= self.deadline:
            day = self.deadline + dt.timedelta(days=2)
        if step.action == "extend" and self.deadline and day >= self.deadline:
            day = max(self.deadline - dt.timedelta(days=2), self.times[-1].date())
        if day > self.kit.year.last:
            raise ValueError(f"demo hazard case {self.case.key}: step {step.action} after yesterday")
        when = self.kit.year.at(day, self.rng, (8, 17))
        if when <= self.times[-1]:
            when = self.times[-1] + dt.timedelta(minutes=self.rng.randint(20, 90))
        return when

    def _photos(self, hazard: Hazard, when: dt.datetime) -> None:
        for pk in hazard.photos.exclude(pk__in=list(self.photo_times)).values_list("pk", flat=True):
            self.photo_times[pk] = when + dt.timedelta(minutes=2)

    def _deadline(self, day: dt.date, workdays: int):
        """(deadline to give the service, the real one): the service only takes today or later."""
        real = add_workdays(day, workdays)
        return max(real.date, self.kit.year.today).isoformat(), real

    def _move_deadline(self, hazard: Hazard, real) -> None:
        if hazard.deadline != real.date:
            Hazard.objects.filter(pk=hazard.pk).update(deadline=real.date,
                                                       deadline_provisional=real.provisional)
            hazard.deadline = real.date
        self.deadline = real.date

    def _secretary(self):
        return self.kit.secretaries[self.kit.village_of(self.unit)]

    def _user(self, username: str):
        return self.kit.users[username]

    def _step(self, hazard: Hazard, step: Step, when: dt.datetime) -> Hazard:
        case, unit, d = self.case, self.unit, step.data
        day, index = when.date(), len(self.times)
        party_user = self._user(PARTY_USERS[self.party])
        office = self._user(d.get("by", "demo_office"))
        if step.action == "assign":
            given, real = self._deadline(day, d["wd"])
            data = {
                "measures": case.measures, "responsible_party": self.party,
                "responsible_person": unit.principal or self._secretary().name,
                "responsible_phone": unit.principal_phone if unit.principal else "",
                "deadline": given, "funds": str(case.funds or 0),
                "contingency_plan": CONTINGENCY.get(case.category, DEFAULT_CONTINGENCY),
            }
            if case.level == HazardLevel.MAJOR:
                data.update(case.dossier, listed_on=day.isoformat())
            hazard = hs.hazard_assign(actor=office, hazard=hazard, data=data)
            self._move_deadline(hazard, real)
            self.event_data[index] = {"deadline": str(real.date)}
            self.stamps["assigned_at"] = when
        elif step.action == "regrade":
            data = {"level": HazardLevel.MAJOR, "reason": d["reason"], **case.dossier,
                    "listed_on": day.isoformat()}
            hazard = hs.hazard_regrade(actor=self._user("demo_office"), hazard=hazard, data=data)
        elif step.action == "ack":
            hazard = hs.hazard_acknowledge(actor=party_user, hazard=hazard,
                                           data={"comment": "已签收，立即组织整改"})
        elif step.action == "interim":
            hazard = hs.hazard_record_interim_measures(actor=party_user, hazard=hazard,
                                                       data={"interim_measures": d["text"]})
        elif step.action == "extend":
            old = self.deadline
            given, real = self._deadline(day, d["wd"])
            if old is None or real.date <= old or day > old:
                raise ValueError(f"demo hazard case {case.key}: extension must come before the old "
                                 f"deadline and move it later")
            hazard = hs.hazard_extend_deadline(actor=self._user("demo_office"), hazard=hazard,
                                               data={"deadline": given, "reason": d["reason"]})
            self._move_deadline(hazard, real)
            self.event_data[index] = {"old_deadline": str(old), "new_deadline": str(real.date)}
        elif step.action == "submit":
            n = sum(1 for s in case.steps[:case.steps.index(step)] if s.action == "submit")
            photos = [_staged(f"{case.key}:after:{n}:{i}", PhotoStage.AFTER, when, unit)
                      for i in range(self.rng.randint(1, 2))]
            spent = d.get("funds_spent", case.funds)
            hazard = hs.rectification_submit(actor=party_user, hazard=hazard, photos=photos, data={
                "rectification_note": case.done, "funds_spent": str(spent)})
            self.stamps["submitted_at"] = when
        elif step.action == "reject":
            hazard = hs.rectification_reject(actor=office, hazard=hazard, data={"reason": d["reason"]})
        elif step.action == "accept":
            photos = []
            if d.get("panel") or self.rng.random() < 0.4:
                photos.append(_staged(f"{case.key}:acceptance", PhotoStage.ACCEPTANCE, when, unit))
            data = {"acceptance_opinion": self.rng.choice(OPINIONS).format(done=case.done)}
            if d.get("panel"):
                panel = [*self.kit.experts[:2], self.kit.head(SAFETY_OFFICE)]
                data["acceptance_panel"] = "、".join(p.name for p in panel)
                data["acceptance_opinion"] = (
                    f"经{EXPERT_AGENCY}专家和镇应急管理办公室组成的验收组现场验收：{case.done}，"
                    "报警和联锁试验正常，整改到位，同意销号、摘牌。")
            hazard = hs.rectification_accept(actor=office, hazard=hazard, data=data, photos=photos)
            self.stamps["closed_at"] = when
            if hazard.listed_on:
                self.stamps["lifted_on"] = day
        elif step.action == "spot":
            photos = [_staged(f"{case.key}:after", PhotoStage.AFTER, when, unit)]
            hazard = hs.hazard_fix_on_spot(actor=self._user(case.by), hazard=hazard, photos=photos,
                                           data={"rectification_note": case.done})
            self.stamps["closed_at"] = when
        elif step.action == "cancel":
            note = d["note"].format(**{k: Hazard.objects.get(pk=self.kit.case_hazards[k]).number
                                       for k in self.kit.case_hazards})
            hazard = hs.hazard_cancel(actor=self._user("demo_office"), hazard=hazard,
                                      data={"cancel_reason": d["reason"], "cancel_note": note})
        elif step.action == "escalate":
            if self.deadline is None or day <= self.deadline:
                raise ValueError(f"demo hazard case {case.key}: escalation before the deadline")
            hazard = hs.hazard_escalate(actor=office, hazard=hazard, data={
                "step": d["step"], "document_number": d.get("doc", "").format(y=day.year),
                "comment": d.get("comment", "")})
        else:
            raise ValueError(f"unknown demo hazard step {step.action}")
        return hazard

    def _back_date(self, hazard: Hazard) -> None:
        events = list(HazardEvent.objects.filter(hazard=hazard).order_by("pk"))
        if len(events) != len(self.times):
            raise ValueError(f"demo hazard case {self.case.key}: {len(events)} events, "
                             f"{len(self.times)} steps")
        for index, (event, when) in enumerate(zip(events, self.times, strict=True)):
            event.at = when
            event.data = {**event.data, **self.event_data.get(index, {})}
        HazardEvent.objects.bulk_update(events, ["at", "data"])
        for pk, when in self.photo_times.items():
            HazardPhoto.objects.filter(pk=pk).update(received_at=when)
        Hazard.objects.filter(pk=hazard.pk).update(**self.stamps)


def run_case(kit: YearKit, timed: TimedCase) -> Hazard:
    hazard = _Play(kit, timed).run()
    kit.case_hazards[timed.case.key] = hazard.pk
    kit.created["hazards"] += 1
    return hazard


# Spot fixes during ordinary records -----------------------------------------------------------------

def spot_fix(kit: YearKit, visit, checklist: Checklist, rng: random.Random):
    """An ordinary record that found one small problem, fixed at once by the inspector."""
    keyword, text, done, category, cause = visit.spot
    unit, when = visit.unit, visit.when
    seed = f"spot:{unit.name}:{when:%Y%m%d%H%M}"
    overrides = {"description": text, "category": category, "cause_class": cause}
    found = photo(f"{seed}:discovery", PhotoStage.DISCOVERY, when, unit)
    wrong = (checklist.item(keyword), "", overrides, [found])
    answers = answers_for(kit, unit, checklist, rng, wrong=wrong, when=when)
    actor = kit.users[visit.actor]
    record = record_submit(actor=actor, unit=unit, answers=answers, data=record_data(
        kit, visit, checklist, f"发现问题1处：{text}，{done}。"))
    hazard = record.hazards.get()
    reported = when + dt.timedelta(minutes=rng.randint(3, 10))
    fixed = reported + dt.timedelta(minutes=rng.randint(10, 40))
    hs.hazard_fix_on_spot(actor=actor, hazard=hazard, data={"rectification_note": done},
                          photos=[_staged(f"{seed}:after", PhotoStage.AFTER, fixed, unit)])
    for event, at in zip(HazardEvent.objects.filter(hazard=hazard).order_by("pk"), (reported, fixed),
                         strict=True):
        HazardEvent.objects.filter(pk=event.pk).update(at=at)
    for p in HazardPhoto.objects.filter(hazard=hazard):
        HazardPhoto.objects.filter(pk=p.pk).update(
            received_at=(fixed if p.stage == PhotoStage.AFTER else reported) + dt.timedelta(minutes=1))
    Hazard.objects.filter(pk=hazard.pk).update(created_at=reported, closed_at=fixed)
    kit.created["records"] += 1
    kit.created["hazards"] += 1
    return record
