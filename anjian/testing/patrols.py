"""Test helpers of the patrol ledgers: a ranger, a persuasion point, a record, a check-in."""

from __future__ import annotations

from anjian.accounts.choices import Duty
from anjian.accounts.services import person_create
from anjian.patrols import services


def make_ranger(region, name: str = "李护林", phone: str = "13900000001"):
    return person_create(actor=None, data={"name": name, "region": region,
                                           "duty": Duty.FOREST_RANGER, "position": "护林员",
                                           "phone": phone})


def make_point(region, name: str = "张一村路口劝导点", actor=None):
    return services.point_create(actor=actor, data={"region": region, "name": name,
                                                    "road": "省道318"})


def make_record(point, actor=None, **extra):
    data = {"point": point, "vehicle_type": extra.pop("vehicle_type", "tricycle"),
            "violation": extra.pop("violation", "farm_passengers"),
            "education": "当场讲解农用车载人的危害", **extra}
    return services.record_create(actor=actor, data=data)
