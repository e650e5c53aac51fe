"""Hazards raised from inspection records: a non-conforming answer becomes a hazard pre-filled from
its checklist item, in the same transaction as the record (registered as a record hook) or later from
the record page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.core.photos import read_upload
from anjian.hazards.choices import HazardSource, PhotoStage
from anjian.hazards.services import StagedPhoto, hazard_report
from anjian.inspections.choices import PlanKind, Verdict
from anjian.inspections.models import InspectionAnswer

SOURCE_OF_KIND = {
    PlanKind.SELF_CHECK: HazardSource.SELF_CHECK,
    PlanKind.GRID_PATROL: HazardSource.GRID_PATROL,
    PlanKind.EXPERT_MONTHLY: HazardSource.EXPERT_CHECK,
    PlanKind.JOINT_ENFORCEMENT: HazardSource.JOINT_ENFORCEMENT,
    PlanKind.LEADER_LED: HazardSource.LEADER_INSPECTION,
}
SOURCE_OF_ROLE = [
    (Role.ENTERPRISE, HazardSource.SELF_CHECK),
    (Role.EXPERT, HazardSource.EXPERT_CHECK),
    (Role.GRID_WORKER, HazardSource.GRID_PATROL),
    (Role.VILLAGE, HazardSource.GRID_PATROL),
]


def source_for(record, actor) -> str:
    """The intake channel of a hazard found by `record`: by the inspection kind, else by who."""
    if record.kind in SOURCE_OF_KIND:
        return SOURCE_OF_KIND[record.kind]
    for role, source in SOURCE_OF_ROLE:
        if actor is not None and not actor.is_superuser and actor.has_role(role):
            return source
    return HazardSource.AGENCY_INSPECTION


def prefilled(record, answer, actor) -> dict:
    """Hazard fields pre-filled from a non-conforming answer and its checklist item."""
    item = answer.item
    description = item.hazard_text or _("%(text)s（检查不符合）") % {"text": item.text}
    if answer.text:
        description = f"{description}：{answer.text}"
    return {"description": description, "cause_class": item.cause_class,
            "category": item.hazard_category, "source": source_for(record, actor),
            "location": record.location, "discovered_at": record.inspected_at,
            "discoverer_name": record.inspector_names}


def raise_from_submission(*, record, answers, actor) -> None:
    """Record hook: raise a hazard for each answer the inspector marked for it. Their ids are
    noted on the record, so the submission's receipt lists them without a query."""
    raised = []
    for answer, given in answers:
        if given.raise_hazard:
            data = {**prefilled(record, answer, actor), **given.hazard}
            photos = [StagedPhoto(p, PhotoStage.DISCOVERY) for p in given.photos]
            raised.append(hazard_report(actor=actor, unit=record.unit, data=data, photos=photos,
                                        record=record, answer=answer).pk)
    record.raised_hazard_ids = raised


@transaction.atomic
def hazard_raise_from_answer(*, actor, answer, overrides: dict | None = None):
    """From the record page afterwards: the answer's photos become the hazard's discovery photos.
    The answer row is locked, so two clicks at once raise one hazard."""
    answer = InspectionAnswer.objects.select_for_update().select_related("record__unit", "item") \
        .get(pk=answer.pk)
    if answer.verdict != Verdict.NONCONFORMS:
        raise ValidationError(_("只有“不符合”的检查项可以生成隐患"))
    if answer.hazards.exists():
        raise ValidationError(_("该检查项已生成隐患，不能重复生成"))
    photos = []
    for photo in answer.photos.all():
        with photo.original.open("rb") as handle:
            photos.append(StagedPhoto(read_upload(handle), PhotoStage.DISCOVERY))
    data = {**prefilled(answer.record, answer, actor), **(overrides or {})}
    return hazard_report(actor=actor, unit=answer.record.unit, data=data, photos=photos,
                         record=answer.record, answer=answer)
