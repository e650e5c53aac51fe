"""Writes to the incident log (突发事件): the event, its timeline, closing it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.records import (
    apply,
    check_owner,
    journal_create,
    journal_update,
    recheck,
    set_owner,
    snapshot,
    validate,
)
from anjian.core.scope import ADD, CHANGE
from anjian.emergency.choices import IncidentEventKind, IncidentStatus
from anjian.emergency.models import Incident, IncidentEvent

INCIDENT_FIELDS = ("title", "kind", "occurred_at", "place", "summary")
EVENT_FIELDS = ("at", "kind", "text", "by")


def _check_time(value, field: str) -> None:
    if value and value > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({field: _("时间不能晚于现在")})


@transaction.atomic
def incident_create(*, actor, data: dict) -> Incident:
    """Log an incident; its first timeline row is the initial report (信息报告)."""
    incident = Incident()
    set_owner(incident, data)
    apply(incident, data, INCIDENT_FIELDS)
    check_owner(actor, incident, ADD)
    _check_time(incident.occurred_at, "occurred_at")
    validate(incident)
    incident.save()
    journal_create(actor, incident)
    incident_event_add(actor=actor, incident=incident, data={
        "at": incident.occurred_at, "kind": IncidentEventKind.REPORT,
        "text": incident.summary, "by": data.get("reported_by") or journal._actor_name(actor)},
        action=ADD)
    recheck(actor, incident, ADD)
    return incident


@transaction.atomic
def incident_update(*, actor, incident: Incident, data: dict) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    check_owner(actor, incident, CHANGE)
    before = snapshot(incident)
    set_owner(incident, data)
    apply(incident, data, INCIDENT_FIELDS)
    check_owner(actor, incident, CHANGE)
    _check_time(incident.occurred_at, "occurred_at")
    validate(incident)
    incident.save()
    journal_update(actor, incident, before)
    recheck(actor, incident, CHANGE)
    return incident


@transaction.atomic
def incident_event_add(*, actor, incident: Incident, data: dict, action: str = CHANGE
                       ) -> IncidentEvent:
    """One row of the timeline: a report, an action taken or a leader's instruction."""
    check_owner(actor, incident, action)
    event = IncidentEvent(incident=incident, actor=actor if actor and actor.pk else None)
    apply(event, data, EVENT_FIELDS)
    event.at = event.at or timezone.now()
    event.by = event.by or journal._actor_name(actor)
    _check_time(event.at, "at")
    if incident.occurred_at and event.at < incident.occurred_at:
        raise ValidationError({"at": _("进展时间不能早于事件发生时间")})
    validate(event, exclude=["incident", "actor"])
    event.save()
    journal_update(actor, incident, None, {"timeline": [None, f"{event.get_kind_display()}："
                                                       f"{event.text[:100]}"]},
                   comment=_("事件进展"))
    return event


@transaction.atomic
def incident_close(*, actor, incident: Incident, outcome: str, at=None) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    check_owner(actor, incident, CHANGE)
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError(_("该事件已处置完毕"))
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("请填写处置结果")})
    before = snapshot(incident)
    incident.status, incident.outcome = IncidentStatus.CLOSED, outcome.strip()
    incident.closed_at = at or timezone.now()
    incident.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    IncidentEvent.objects.create(incident=incident, at=incident.closed_at,
                                 kind=IncidentEventKind.ACTION,
                                 text=_("处置完毕：%(o)s") % {"o": incident.outcome},
                                 by=journal._actor_name(actor),
                                 actor=actor if actor and actor.pk else None)
    journal_update(actor, incident, before, comment=_("处置完毕"))
    return incident
