"""Helpers for tests of inspections and hazards: real (tiny) photos and ready-made action data."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from anjian.core.photos import PhotoData, read_upload
from anjian.hazards.choices import PhotoStage
from anjian.hazards.services import StagedPhoto, hazard_report


def jpeg_bytes(colour=(200, 60, 40), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def photo_data(colour=(200, 60, 40)) -> PhotoData:
    return read_upload(SimpleUploadedFile("p.jpg", jpeg_bytes(colour), "image/jpeg"))


def staged(stage: str = PhotoStage.DISCOVERY, colour=(200, 60, 40)) -> StagedPhoto:
    return StagedPhoto(photo_data(colour), stage)


def report_data(**extra) -> dict:
    return {"description": "安全出口被货物堵塞", "cause_class": "condition",
            "source": "grid_patrol", "category": "fire", **extra}


def report(actor, unit, **extra):
    return hazard_report(actor=actor, unit=unit, data=report_data(**extra), photos=[staged()])


def assign_data(**extra) -> dict:
    return {"measures": "清理安全出口货物，保持畅通", "responsible_person": "王强",
            "responsible_phone": "13800000001", "responsible_party": "unit",
            "deadline": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
            "funds": "500", "contingency_plan": "整改前安排专人值守，张贴警示", **extra}


MAJOR_DOSSIER = {
    "current_state_cause": "库房与宿舍未分隔，原因是违规改建",
    "harm_difficulty": "一旦起火可能造成群死群伤，整改需停业改造",
    "plan_goal": "30 日内完成防火分隔改造", "plan_methods": "砌筑防火墙，增设疏散出口",
    "plan_funds_materials": "企业自筹 5 万元", "plan_organisation": "企业负责人牵头，安全员落实",
    "plan_time_limit": "2026 年 12 月底前完成并申请验收",
    "plan_safety_measures": "整改期间停用库房，24 小时值守，备足灭火器",
    "supervision_authority": "西张村镇安全生产委员会",
}


def answer_all(template, *, nonconforming: int = 0, raise_hazard: bool = False):
    """Answers to every item of `template`: the first `nonconforming` verdict items 不符合 (with a
    photo, raising a hazard when asked), the rest 符合; photo items get a photo."""
    from anjian.inspections.choices import AnswerType, Verdict
    from anjian.inspections.services import AnswerInput

    answers, left = [], nonconforming
    for item in template.items.all():
        if item.answer_type == AnswerType.PHOTO:
            answers.append(AnswerInput(item.pk, photos=[photo_data()]))
        elif item.answer_type == AnswerType.NUMBER:
            answers.append(AnswerInput(item.pk, number="12"))
        elif item.answer_type == AnswerType.TEXT:
            answers.append(AnswerInput(item.pk, text="情况正常"))
        elif left > 0:
            left -= 1
            answers.append(AnswerInput(item.pk, verdict=Verdict.NONCONFORMS, photos=[photo_data()],
                                       raise_hazard=raise_hazard))
        else:
            answers.append(AnswerInput(item.pk, verdict=Verdict.CONFORMS))
    return answers


def submit_record(actor, unit, *, nonconforming: int = 0, raise_hazard: bool = False, **data):
    """An inspection record of `unit` through the real service, on its best-fitting checklist."""
    from anjian.inspections.services import record_submit, template_for_unit

    template = data.pop("template", None) or template_for_unit(unit)
    answers = answer_all(template, nonconforming=nonconforming, raise_hazard=raise_hazard)
    return record_submit(actor=actor, unit=unit, data={"template": template, **data},
                         answers=answers)
