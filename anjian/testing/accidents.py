"""Helpers for accident tests: one accident through the service with sensible defaults."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from anjian.accidents import rules
from anjian.accidents.models import Accident
from anjian.accidents.services import accident_create


def local(year, month, day, hour=10, minute=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def default_type(occurred_at: dt.datetime) -> str:
    """物体打击 in the list that applies on the day."""
    version = rules.classification_version_for(timezone.localtime(occurred_at))
    return f"{version}:{rules.TYPE_LISTS[version][0][0]}"


def accident(actor, *, region=None, unit=None, occurred_at=None, deaths=0, serious=0, minor=0,
             loss=0, **extra) -> Accident:
    occurred_at = occurred_at or timezone.now() - dt.timedelta(days=1)
    data = {"occurred_at": occurred_at, "place": extra.pop("place", "测试地点"),
            "region": region, "unit": unit, "deaths": deaths, "serious_injuries": serious,
            "minor_injuries": minor, "direct_loss": Decimal(loss),
            "type_code": extra.pop("type_code", default_type(occurred_at)),
            "description": extra.pop("description", "测试事故经过"), **extra}
    return accident_create(actor=actor, data=data)
