"""Helpers for assessment tests: an overdue hazard in a village, and closing it."""

import datetime as dt

from django.utils import timezone

from anjian.hazards import services as hs
from anjian.hazards.models import Hazard
from anjian.testing.hazards import assign_data, report, staged


def overdue_hazard(world, unit_key: str = "shop_a"):
    """A hazard assigned (and acknowledged by enterprise_a at shop_a), its deadline passed yesterday."""
    u = world.users
    hazard = report(u["office"], world.units[unit_key])
    hazard = hs.hazard_assign(actor=u["office"], hazard=hazard, data=assign_data())
    if unit_key == "shop_a":
        hazard = hs.hazard_acknowledge(actor=u["enterprise_a"], hazard=hazard)
    Hazard.objects.filter(pk=hazard.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    return Hazard.objects.get(pk=hazard.pk)


def close_hazard(world, hazard):
    u = world.users
    hazard = hs.rectification_submit(actor=u["enterprise_a"], hazard=hazard,
                                     data={"rectification_note": "已清理", "funds_spent": "300"},
                                     photos=[staged("after", (10, 200, 10))])
    return hs.rectification_accept(actor=u["office"], hazard=hazard, data={"acceptance_opinion": "整改到位，同意销号"})
