"""One inspection visit of the demo year and the data `record_submit` takes for it: the answers
(all conforming, 不适用 where an item does not apply, or one item not conforming with its hazard)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from anjian.accounts.models import Person
from anjian.demo.photos import photo
from anjian.demo.yearkit import Checklist, YearKit
from anjian.inspections.choices import AnswerType, Verdict
from anjian.inspections.models import InspectionPlan
from anjian.inspections.services import AnswerInput
from anjian.units.models import Unit

# Answers "不适用" by checklist and unit: keywords of items that do not apply.
NOT_APPLICABLE = {
    ("mine-pit-patrol", "abandoned_pit"): ("尾矿库", "矿山"),
    ("mine-pit-patrol", "tailings_pond"): ("封闭情况", "非法开采", "矿山"),
    ("mine-pit-patrol", "mine"): ("封闭情况", "尾矿库"),
    ("crowded-place", "kindergarten"): ("火灾自动报警",),
    ("crowded-place", "poverty_relief_workshop"): ("火灾自动报警",),
    ("small-venue-fire", "street_shop"): ("室内消火栓",),
    ("small-venue-fire", "small_shop"): ("室内消火栓",),
}


@dataclass
class Visit:
    when: dt.datetime
    unit: Unit
    kind: str
    actor: str  # demo username that submits the record
    plan: InspectionPlan | None = None
    inspectors: list[Person] = field(default_factory=list)
    leader: Person | None = None
    spot: tuple | None = None  # a small problem fixed on the spot (a hazard_cases.SPOT_POOL row)


def answers_for(kit: YearKit, unit: Unit, checklist: Checklist, rng: random.Random, *,
                wrong: tuple | None = None, with_photo: bool = False,
                when: dt.datetime | None = None) -> list[AnswerInput]:
    """All conforming answers (不适用 where an item does not apply), the photo item sometimes
    answered; `wrong` = (item, text, hazard overrides, photos) marks one item 不符合 with a hazard."""
    na = NOT_APPLICABLE.get((checklist.template.family, unit.subcategory)) or \
        NOT_APPLICABLE.get((checklist.template.family, unit.category)) or ()
    answers = []
    for item in checklist.items:
        if wrong and item.pk == wrong[0].pk:
            answers.append(AnswerInput(item.pk, Verdict.NONCONFORMS, text=wrong[1], raise_hazard=True,
                                       hazard=wrong[2], photos=wrong[3]))
        elif item.answer_type == AnswerType.VERDICT:
            skip = any(k in item.text or k == item.section for k in na)
            answers.append(AnswerInput(item.pk, Verdict.NOT_APPLICABLE if skip else Verdict.CONFORMS))
        elif item.answer_type == AnswerType.NUMBER:
            answers.append(AnswerInput(item.pk, number=rng.randint(6, 420)))
        elif item.answer_type == AnswerType.PHOTO and with_photo:
            answers.append(AnswerInput(item.pk, photos=[photo(
                f"record:{unit.name}:{when:%Y%m%d%H%M}", "record", when, unit)]))
    return answers


def record_data(kit: YearKit, visit: Visit, checklist: Checklist | None, summary: str) -> dict:
    """`record_submit`'s data for a visit; takes the plan's task for the unit if still open."""
    task = kit.tasks.pop((visit.plan.pk, visit.unit.pk), None) if visit.plan else None
    names = [p.name for p in visit.inspectors] or [visit.unit.safety_officer or visit.unit.principal
                                                   or str(kit.users[visit.actor])]
    return {
        "kind": visit.kind, "plan": visit.plan, "task": task,
        "template": checklist.template if checklist else None, "inspected_at": visit.when,
        "inspectors": visit.inspectors, "inspector_names": "、".join(names), "leader": visit.leader,
        "latitude": visit.unit.latitude, "longitude": visit.unit.longitude, "summary": summary,
        "signature": names[0],
    }
