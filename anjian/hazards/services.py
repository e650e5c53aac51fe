"""Writes to the hazard closed loop. Every path (pages, API, inspection records, demo) goes through
`hazard_report` and `hazard_transition`; the named functions below are that one service with the
action filled in. Each call is atomic, locks the hazard row, refuses a stale `expected_version`
(a second user acting on the same hazard gets a conflict, never a lost update), checks the workflow
table and the actor's scope, applies the action's guard (`handlers.py`), writes a `HazardEvent` and
the journal, and changes nothing when it refuses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.photos import PhotoData, photo_save
from anjian.core.scope import grant_q
from anjian.hazards import handlers
from anjian.hazards.choices import HazardAction, HazardState, PhotoStage
from anjian.hazards.models import Hazard, HazardCounter, HazardEvent, HazardPhoto
from anjian.hazards.workflow import TRANSITIONS, Transition, roles_for
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

A = HazardAction


class HazardConflict(ValidationError):
    """Someone else changed the hazard since the user loaded it."""


@dataclass
class StagedPhoto:
    data: PhotoData
    stage: str


def _actor_may(actor, roles: frozenset[str], queryset, pk: int) -> bool:
    """Whether one of the actor's grants for `roles` reaches object `pk` (scope and sector)."""
    if actor is None:
        return False
    if actor.is_superuser:
        return True
    spec = queryset.model.scope_spec
    combined: Q | None = None
    for grant in actor.scope_grants:
        if grant.role not in roles:
            continue
        q = grant_q(grant, spec)
        if q is not None:
            combined = q if combined is None else combined | q
    return combined is not None and queryset.filter(combined, pk=pk).exists()


def may_take(actor, hazard: Hazard, transition: Transition) -> bool:
    roles = roles_for(transition, hazard.responsible_party)
    return _actor_may(actor, roles, Hazard.objects.all(), hazard.pk)


def allowed_actions(actor, hazard: Hazard) -> list[Transition]:
    """The next steps `actor` may take on `hazard` now (for buttons and the API)."""
    return [t for t in TRANSITIONS.values()
            if hazard.state in t.sources and may_take(actor, hazard, t)
            and handlers.precondition_error(hazard, t.action, actor) is None]


def _next_number(year: int) -> str:
    counter, _created = HazardCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"YH{year}-{counter.last:06d}"


def _save_photos(hazard: Hazard, photos: Sequence[StagedPhoto], actor) -> None:
    name = getattr(actor, "display_name", "") or getattr(actor, "username", "")
    for staged in photos:
        photo_save(model_cls=HazardPhoto, data=staged.data, actor=actor,
                   place=f"{hazard.unit.name} {hazard.location}".strip(),
                   photographer=name, hazard=hazard, stage=staged.stage)


def _event(hazard: Hazard, action: str, before: str, actor, comment: str = "",
           document_number: str = "", data: dict | None = None) -> HazardEvent:
    return HazardEvent.objects.create(
        hazard=hazard, action=action, from_state=before, to_state=hazard.state, actor=actor,
        actor_name=journal._actor_name(actor), comment=comment, document_number=document_number,
        data=data or {},
    )


@transaction.atomic
def hazard_report(*, actor, unit: Unit, data: dict, photos: Sequence[StagedPhoto] = (),
                  record=None, answer=None, previous: Hazard | None = None) -> Hazard:
    """上报/登记: a new hazard in state reported, from any intake channel."""
    transition = TRANSITIONS[A.REPORT]
    if not _actor_may(actor, transition.roles, Unit.objects.all(), unit.pk):
        raise PermissionDenied(_("该单位不在您的管辖范围内，不能上报隐患"))
    if unit.status != UnitStatus.ACTIVE:
        raise ValidationError(_("该单位已注销，不能再上报隐患"))
    if previous is not None and (previous.unit_id != unit.pk
                                 or previous.state != HazardState.CLOSED):
        raise ValidationError(_("复发只能关联同一单位已销号的隐患"))
    values = handlers.report_values(data, photos)
    now = timezone.now()
    hazard = Hazard(
        unit=unit, region_id=unit.region_id, sector_id=unit.sector_id, record=record,
        answer=answer, previous=previous, discovered_by=actor if actor and actor.pk else None,
        discoverer_name=values.pop("discoverer_name", "") or journal._actor_name(actor),
        state=HazardState.REPORTED, **values,
    )
    hazard.discovered_at = hazard.discovered_at or now
    hazard.number = _next_number(timezone.localtime(hazard.discovered_at).year)
    hazard.save()
    _save_photos(hazard, photos, actor)
    _event(hazard, A.REPORT, "", actor, comment=hazard.description[:200],
           data={"source": hazard.source, "record": record.pk if record else None})
    journal.record(actor, hazard, JournalAction.CREATE, journal.snapshot(hazard),
                   comment=str(A.REPORT.label))
    return hazard


@transaction.atomic
def hazard_transition(*, actor, hazard: Hazard | int, action: str, data: dict | None = None,
                      photos: Sequence[StagedPhoto] = (),
                      expected_version: int | None = None) -> Hazard:
    """Take one workflow action on a hazard, or refuse with a clear message and change nothing."""
    data = dict(data or {})
    pk = hazard.pk if isinstance(hazard, Hazard) else hazard
    locked = Hazard.objects.select_for_update().select_related("unit").get(pk=pk)
    if expected_version is not None and locked.version != expected_version:
        raise HazardConflict(_(
            "该隐患刚刚已被他人处理（当前状态：%(state)s），请刷新页面查看最新情况后再操作。"
        ) % {"state": locked.get_state_display()}, code="conflict")
    transition = TRANSITIONS.get(action)
    if transition is None or action == A.REPORT:
        raise ValidationError(_("未知的操作"))
    if locked.state not in transition.sources:
        raise ValidationError(_("隐患当前状态为“%(state)s”，不能执行“%(action)s”。") % {
            "state": locked.get_state_display(), "action": A(action).label})
    if not may_take(actor, locked, transition):
        raise PermissionDenied(_("您无权对该隐患执行“%(action)s”。") % {"action": A(action).label})
    before_state = locked.state
    before = journal.snapshot(locked)
    outcome = handlers.apply(locked, action, data, photos, actor)
    if transition.target is not None:
        locked.state = transition.target
    locked.version += 1
    locked.save()
    _save_photos(locked, photos, actor)
    _event(locked, action, before_state, actor, comment=outcome.comment,
           document_number=outcome.document_number, data=outcome.data)
    journal.record(actor, locked, JournalAction.UPDATE, journal.diff(before, journal.snapshot(locked)),
                   comment=str(A(action).label))
    if action == A.ASSIGN:
        transaction.on_commit(lambda: _announce_assignment(locked.pk))
    return locked


def _announce_assignment(hazard_id: int) -> None:
    from anjian.hazards.tasks import hazard_assigned_task

    hazard_assigned_task(hazard_id)


def _action(action: str):
    def service(*, actor, hazard, data=None, photos=(), expected_version=None) -> Hazard:
        return hazard_transition(actor=actor, hazard=hazard, action=action, data=data,
                                 photos=photos, expected_version=expected_version)

    service.__name__ = f"hazard_{action}"
    service.__doc__ = f"{A(action).label}: hazard_transition with action={action!r}."
    return service


hazard_fix_on_spot = _action(A.FIX_ON_SPOT)
hazard_assign = _action(A.ASSIGN)
hazard_acknowledge = _action(A.ACKNOWLEDGE)
hazard_extend_deadline = _action(A.EXTEND_DEADLINE)
hazard_record_interim_measures = _action(A.INTERIM_MEASURES)
rectification_submit = _action(A.SUBMIT)
rectification_accept = _action(A.ACCEPT)
rectification_reject = _action(A.REJECT)
hazard_regrade = _action(A.REGRADE)
hazard_cancel = _action(A.CANCEL)
hazard_escalate = _action(A.ESCALATE)

__all__ = ["HazardConflict", "StagedPhoto", "PhotoStage", "allowed_actions", "hazard_report",
           "hazard_transition"]
