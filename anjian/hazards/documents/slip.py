"""The assignment slip (安全隐患整改交办单) a hazard is assigned with: the unit, the hazard and its
五落实 (measures, responsible person, deadline, funds, contingency plan)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from anjian.core import word
from anjian.hazards.choices import HazardLevel
from anjian.hazards.models import Hazard
from anjian.regions.models import Region

PROVISIONAL_NOTE = "（按工作日计算，节假日安排未公布，期限待定）"


def town_of(hazard: Hazard) -> Region | None:
    """The town or street (level 2) the hazard lies in."""
    region = hazard.region
    if region.level == 2:
        return region
    return region.ancestors().filter(level=2).first()


def label(name: str) -> str:
    return str(Hazard._meta.get_field(name).verbose_name)


def money(value) -> str:
    return "" if value is None else f"{value:,.2f}元"


def deadline_text(hazard: Hazard) -> str:
    text = word.cn_date(hazard.deadline)
    if text and hazard.deadline_provisional:
        text += PROVISIONAL_NOTE
    return text


def responsible_text(hazard: Hazard) -> str:
    parts = [hazard.responsible_person]
    if hazard.responsible_party:
        parts[0] += f"（{hazard.get_responsible_party_display()}）"
    if hazard.responsible_phone:
        parts.append(_("电话：%(phone)s") % {"phone": hazard.responsible_phone})
    return "  ".join(p for p in parts if p)


def source_text(hazard: Hazard) -> str:
    text = hazard.get_source_display()
    return f"{text}（{hazard.source_reference}）" if hazard.source_reference else text


def five_assurance_rows(hazard: Hazard) -> list[tuple[str, str]]:
    """五落实: measures, responsible person, deadline, funds, contingency plan."""
    return [
        (label("measures"), hazard.measures),
        (label("responsible_person"), responsible_text(hazard)),
        (label("deadline"), deadline_text(hazard)),
        (_("整改资金"), money(hazard.funds)),
        (label("contingency_plan"), hazard.contingency_plan),
    ]


def hazard_rows(hazard: Hazard) -> list[tuple]:
    return [
        (label("number"), hazard.number, label("level"), hazard.get_level_display()),
        (label("category"), hazard.get_category_display(), label("cause_class"),
         hazard.get_cause_class_display()),
        (label("source"), source_text(hazard), label("discovered_at"),
         word.cn_datetime(hazard.discovered_at)),
        (_("发现人"), hazard.discoverer_name, label("location"), hazard.location),
        (label("description"), hazard.description),
    ]


def unit_rows(hazard: Hazard) -> list[tuple]:
    unit = hazard.unit
    return [
        (_("单位名称"), unit.name),
        (_("地址"), unit.address),
        (_("所在区划"), hazard.region.full_name()),
        (_("主要负责人"), unit.principal, _("联系电话"), unit.principal_phone),
    ]


def assignment_slip(hazard: Hazard) -> bytes:
    """The 交办单 as .docx; ValidationError for a hazard that was never assigned."""
    if hazard.assigned_at is None or not hazard.slip_number:
        raise ValidationError(_("该隐患尚未交办，没有交办单。"), code="not_assigned")
    with translation.override(settings.LANGUAGE_CODE):
        return _slip(hazard)


def _slip(hazard: Hazard) -> bytes:
    town = town_of(hazard)
    document = word.new_document(_("安全隐患整改交办单"))
    if town is not None:
        word.paragraph(document, town.name, font=word.TABLE_FONT, size=Pt(16),
                       align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(0))
    word.title(document, _("安全隐患整改交办单"))
    word.paragraph(document, _("编号：%(n)s") % {"n": hazard.slip_number}, size=word.TABLE_SIZE,
                   align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=Pt(0))
    word.paragraph(document, _("交办单位：%(town)s　　　　交办日期：%(date)s") % {
        "town": town.name if town else "", "date": word.cn_date(hazard.assigned_at)},
        size=word.TABLE_SIZE)

    word.heading(document, _("一、被交办单位"))
    word.form_table(document, unit_rows(hazard))
    word.heading(document, _("二、隐患情况"))
    word.form_table(document, hazard_rows(hazard))
    word.heading(document, _("三、整改要求（五落实）"))
    word.form_table(document, five_assurance_rows(hazard),
                    widths=(Cm(3.6), Cm(4.4), Cm(3), Cm(5)))

    word.paragraph(document, _("请于整改期限内完成整改并提交整改情况及整改后照片，逾期未整改的将依次"
                               "予以提醒、通报、约谈、督办。"), first_line_indent=True)
    if hazard.level == HazardLevel.MAJOR:
        word.paragraph(document, _(
            "本隐患为重大事故隐患，由%(authority)s挂牌督办。请由主要负责人组织制定并实施治理方案，"
            "整改期间落实安全防范措施，确保安全。") % {"authority": hazard.supervision_authority},
            first_line_indent=True)
    word.paragraph(document, space_after=Pt(12))
    word.paragraph(document, _("交办人（签字）：________________　　签收人（签字）：________________"))
    word.paragraph(document, _("日期：______年____月____日　　　　日期：______年____月____日"))
    word.paragraph(document, _("本交办单一式两份，交办单位、被交办单位各执一份。"),
                   size=Pt(10.5), space_after=Pt(0))
    return word.to_bytes(document)
