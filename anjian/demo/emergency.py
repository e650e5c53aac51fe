"""The demo year of the emergency ledgers (应急管理): seed 000's plans and its drill with the police
station, the health centre and a village, special and site plans (one past its review date), drills
through the year with problems found (one turned into a hazard), the teams, about thirty supplies
(a few low or expiring) and incidents with their timelines. Everything goes through the services;
nothing is added when the town already has the demo's plans."""

from __future__ import annotations

import datetime as dt
import random

from anjian.core.attachments import read_attachment
from anjian.demo import emergency_data as D
from anjian.demo.emergency_files import plan_pdf
from anjian.demo.photos import photo
from anjian.demo.yearkit import YearKit
from anjian.emergency import services
from anjian.emergency.models import EmergencyPlan
from anjian.hazards.choices import PhotoStage
from anjian.hazards.services import StagedPhoto

SEED = "xizhangcun-2023:emergency"


def build(kit: YearKit) -> None:
    if EmergencyPlan.objects.filter(region=kit.town, title=D.TOWN_PLANS[0][0]).exists():
        return
    rng = random.Random(SEED)
    office = kit.users.get("demo_office")
    plans = _plans(kit, office)
    _drills(kit, office, plans, rng)
    _teams(kit, office, rng)
    _supplies(kit, office, rng)
    _incidents(kit, office)


def _version(kit: YearKit, days_ago: int, years: int, number: str, by: str) -> dict:
    day = kit.year.day(days_ago)
    return {"number": number, "approved_by": by, "approved_on": day, "effective_on": day,
            "document_number": f"西政〔{day.year}〕{days_ago % 40 + 1}号",
            "review_interval_years": years}


def _file(index: int):
    return read_attachment(plan_pdf(f"Xizhangcun emergency plan No. {index}"),
                           name=f"plan-{index}.pdf")


def _plans(kit: YearKit, office) -> dict[str, EmergencyPlan]:
    plans = {}
    for index, (title, kind, department, days_ago, years, summary) in enumerate(D.TOWN_PLANS):
        plan = services.plan_create(
            actor=office, data={"title": title, "kind": kind, "region": kit.town,
                                "department": kit.organisations.get(department),
                                "summary": summary},
            version=_version(kit, days_ago, years, f"{kit.year.day(days_ago).year}版",
                             "西张村镇人民政府"), file=_file(index))
        plans[title] = plan
        kit.created["emergency plans"] += 1
    for index, (unit_name, days_ago) in enumerate(D.SITE_PLANS, start=len(plans)):
        unit = kit.by_name[unit_name]
        plans[unit_name] = services.plan_create(
            actor=office, data={"title": f"{unit_name}现场处置方案", "kind": "site", "unit": unit},
            version=_version(kit, days_ago, 3, "V1.0", unit_name), file=_file(index))
        kit.created["emergency plans"] += 1
    return plans


def _village(kit: YearKit, name: str):
    from anjian.regions.models import Region

    return Region.objects.get(code=kit.village_code[name])


def _drills(kit: YearKit, office, plans, rng: random.Random) -> None:
    seed = D.SEED_DRILL
    orgs = kit.organisations
    drill = services.drill_create(actor=office, data={
        "title": seed["title"], "held_on": kit.year.day(seed["days_ago"]), "kind": seed["kind"],
        "form": seed["form"], "plan": plans[seed["plan"]], "region": kit.town,
        "location": seed["location"], "scenario": seed["scenario"],
        "participants": seed["participants"], "evaluation": seed["evaluation"],
        "organisers": [orgs[D.SAFETY_OFFICE], orgs[D.GOVERNMENT_OFFICE]],
        "participating_organisations": [orgs[D.POLICE], orgs[D.HEALTH_CENTRE]],
        "participating_regions": [_village(kit, D.DRILL_VILLAGE)]})
    kit.created["drills"] += 1
    for index, (text, measures, unit_name) in enumerate(seed["problems"]):
        problem = services.drill_problem_add(actor=office, drill=drill, data={
            "description": text, "measures": measures,
            "unit": kit.by_name.get(unit_name) if unit_name else None})
        kit.created["drill problems"] += 1
        if index == 0:  # the first became a hazard in one step
            when = kit.year.at(drill.held_on + dt.timedelta(days=1), rng)
            services.drill_problem_to_hazard(
                actor=office, problem=problem, unit=problem.unit,
                data={"cause_class": "condition", "category": "fire", "discovered_at": when},
                photos=[StagedPhoto(photo(f"drill-problem-{index}", "discovery", when,
                                          problem.unit), PhotoStage.DISCOVERY)])
            kit.created["hazards from drills"] += 1
    for title, days_ago, kind, form, plan, unit_name, people, scenario in D.DRILLS:
        owner = {"unit": kit.by_name[unit_name]} if unit_name else {"region": kit.town}
        services.drill_create(actor=office, data={
            "title": title, "held_on": kit.year.day(days_ago), "kind": kind, "form": form,
            "plan": plans.get(plan or unit_name), "scenario": scenario, "participants": people,
            "location": unit_name or "西张村镇", **owner,
            "organisers": [] if unit_name else [orgs[D.SAFETY_OFFICE]],
            "evaluation": "演练达到预期目的，参演人员熟悉职责和处置流程。"})
        kit.created["drills"] += 1


def _teams(kit: YearKit, office, rng: random.Random) -> None:
    for name, kind, leader_org, member_orgs, size, duties in D.TEAMS:
        leader = kit.head(leader_org)
        pool = [p for org in member_orgs for p in kit.staff.get(org, []) if p != leader]
        members = [{"person": leader, "role": "队长"}] + [
            {"person": p, "role": "队员"} for p in rng.sample(pool, min(size - 1, len(pool)))]
        services.team_create(actor=office, data={
            "name": name, "kind": kind, "region": kit.town, "leader": leader.name,
            "phone": leader.phone, "duties": duties}, members=members)
        kit.created["emergency teams"] += 1
        kit.created["team members"] += len(members)
    name, kind, duties = D.RANGER_TEAM
    rangers = [p for people in kit.rangers.values() for p in people][:20]
    head = kit.head("西张村镇林业站")
    services.team_create(actor=office, data={
        "name": name, "kind": kind, "region": kit.town, "leader": head.name, "phone": head.phone,
        "duties": duties}, members=[{"person": head, "role": "队长"}] + [
            {"person": p, "role": "护林员"} for p in rangers])
    kit.created["emergency teams"] += 1
    kit.created["team members"] += len(rangers) + 1


def _supplies(kit: YearKit, office, rng: random.Random) -> None:
    keeper = kit.staff[D.SAFETY_OFFICE][1 if len(kit.staff[D.SAFETY_OFFICE]) > 1 else 0]
    today = kit.year.today
    for name, category, spec, quantity, uom, minimum, location, expires in D.SUPPLIES:
        item = services.supply_create(actor=office, data={
            "name": name, "category": category, "specification": spec,
            "quantity": quantity, "unit_of_measure": uom, "minimum_stock": minimum,
            "region": kit.town, "location": location, "custodian": keeper.name,
            "custodian_phone": keeper.phone,
            "expires_on": today + dt.timedelta(days=expires) if expires is not None else None})
        kit.created["emergency supplies"] += 1
        if category in ("fire_fighting", "flood_control") and rng.random() < 0.4:
            issued = max(1, quantity // 10)
            services.supply_stock_change(actor=office, item=item, direction="out",
                                         quantity=issued, reason="演练及防汛值守领用",
                                         at=kit.year.at(kit.year.day(rng.randint(20, 200)), rng))


def _incidents(kit: YearKit, office) -> None:
    for title, kind, days_ago, place, summary, events, outcome in D.INCIDENTS:
        occurred = kit.year.at(kit.year.day(days_ago), random.Random(title), (7, 16))
        incident = services.incident_create(actor=office, data={
            "title": title, "kind": kind, "occurred_at": occurred, "place": place,
            "region": kit.town, "summary": summary, "reported_by": events[0][3]})
        for hours, event_kind, text, by in events[1:]:
            at = min(occurred + dt.timedelta(hours=hours), kit.year.now)
            services.incident_event_add(actor=office, incident=incident, data={
                "at": at, "kind": event_kind, "text": text, "by": by})
        if outcome:
            services.incident_close(actor=office, incident=incident, outcome=outcome,
                                    at=min(occurred + dt.timedelta(hours=events[-1][0] + 1),
                                           kit.year.now))
        kit.created["incidents"] += 1
