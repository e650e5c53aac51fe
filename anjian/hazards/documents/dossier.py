"""A major hazard's dossier (一患一档): the report contents of 16号令 Art. 14 ¶2 (现状及原因, 危害程度和
整改难易程度), the six-item governance plan of Art. 15, listed supervision (挂牌督办), the whole
history of the hazard, the acceptance, and every photo as its stamped rendering."""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt
from PIL import Image

from anjian.core import word
from anjian.core.photos import PhotoIntegrityError, render_stamped
from anjian.hazards.choices import HazardAction, HazardLevel
from anjian.hazards.documents.slip import (
    deadline_text,
    label,
    money,
    responsible_text,
    source_text,
    town_of,
)
from anjian.hazards.models import GOVERNANCE_PLAN_FIELDS, Hazard

logger = logging.getLogger(__name__)

PHOTO_SIDE = 1200  # pixels of the stamped rendering embedded in the document
MAX_PHOTO_WIDTH, MAX_PHOTO_HEIGHT = Cm(15), Cm(11)
NUMERALS = "一二三四五六七八九十"
EVENT_WIDTHS = (Cm(3.2), Cm(2.4), Cm(2.6), Cm(5.6), Cm(2.2))


def hazard_dossier(hazard: Hazard) -> bytes:
    """一患一档 as .docx; ValidationError for an ordinary hazard (it has no dossier)."""
    if hazard.level != HazardLevel.MAJOR:
        raise ValidationError(_("一般隐患不建立“一患一档”，只有重大隐患有档案。"), code="not_major")
    with translation.override(settings.LANGUAGE_CODE):
        return _dossier(hazard)


def _text(value) -> str:
    return value if value not in (None, "") else _("（未填写）")


def _cover(document, hazard: Hazard) -> None:
    town = town_of(hazard)
    unit = hazard.unit
    region = hazard.region.full_name()
    word.form_table(document, [
        (label("number"), hazard.number, label("state"), hazard.get_state_display()),
        (_("单位名称"), unit.name),
        (_("所在区划"), region),
        (_("主要负责人"), unit.principal, _("联系电话"), unit.principal_phone),
        (label("category"), hazard.get_category_display(), label("cause_class"),
         hazard.get_cause_class_display()),
        (label("source"), source_text(hazard), label("rule_version"), hazard.rule_version),
        (label("discovered_at"), word.cn_datetime(hazard.discovered_at), _("发现人"),
         hazard.discoverer_name),
        (label("location"), hazard.location),
        (label("description"), hazard.description),
        (_("交办单编号"), hazard.slip_number, _("交办日期"), word.cn_date(hazard.assigned_at)),
        (label("measures"), hazard.measures),
        (label("responsible_person"), responsible_text(hazard)),
        (label("deadline"), deadline_text(hazard), _("整改资金"), money(hazard.funds)),
        (label("contingency_plan"), hazard.contingency_plan),
        (_("建档单位"), town.name if town else ""),
    ])


def _events(document, hazard: Hazard) -> None:
    rows = []
    for event in hazard.events.order_by("at", "pk"):
        try:
            action = str(HazardAction(event.action).label)
        except ValueError:
            action = event.action
        rows.append((word.cn_datetime(event.at), action, event.actor_name, event.comment,
                     event.document_number))
    word.grid_table(document, (_("时间"), _("操作"), _("操作人"), _("说明"), _("文号")), rows,
                    EVENT_WIDTHS)


def _picture_width(jpeg: bytes) -> Emu:
    with Image.open(io.BytesIO(jpeg)) as image:
        width, height = image.size
    return Emu(int(min(MAX_PHOTO_WIDTH, MAX_PHOTO_HEIGHT * width / max(1, height))))


def _photos(document, hazard: Hazard) -> None:
    photos = list(hazard.photos.order_by("received_at", "pk"))
    if not photos:
        word.paragraph(document, _("（无照片）"))
        return
    for number, photo in enumerate(photos, start=1):
        caption = _("图%(n)s　%(stage)s照片　上传于%(time)s") % {
            "n": number, "stage": photo.get_stage_display(),
            "time": word.cn_datetime(photo.received_at)}
        try:
            jpeg = render_stamped(photo, max_side=PHOTO_SIDE)
        except PhotoIntegrityError:
            word.paragraph(document, _("%(caption)s：照片原件与登记的SHA-256摘要不一致，未导出。")
                           % {"caption": caption}, bold=True)
            continue
        except (OSError, ValueError):  # the stored file is missing or unreadable
            logger.exception("hazard %s: photo %s cannot be read", hazard.pk, photo.pk)
            word.paragraph(document, _("%(caption)s：照片文件缺失，未导出。") % {"caption": caption},
                           bold=True)
            continue
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(jpeg), width=_picture_width(jpeg))
        word.paragraph(document, caption, size=Pt(10.5), align=WD_ALIGN_PARAGRAPH.CENTER,
                       space_after=Pt(10))


def _dossier(hazard: Hazard) -> bytes:
    document = word.new_document(_("重大事故隐患档案（一患一档）"))
    word.title(document, _("重大事故隐患档案（一患一档）"))
    _cover(document, hazard)

    word.heading(document, _("一、隐患现状及其产生原因"))
    word.paragraph(document, _text(hazard.current_state_cause), first_line_indent=True)
    word.heading(document, _("二、危害程度和整改难易程度分析"))
    word.paragraph(document, _text(hazard.harm_difficulty), first_line_indent=True)
    word.heading(document, _("三、治理方案"))
    for number, name in enumerate(GOVERNANCE_PLAN_FIELDS):
        word.paragraph(document, f"（{NUMERALS[number]}）{label(name)}", bold=True,
                       space_after=Pt(2))
        word.paragraph(document, _text(getattr(hazard, name)), first_line_indent=True)
    if hazard.interim_measures:
        word.paragraph(document, label("interim_measures"), bold=True, space_after=Pt(2))
        word.paragraph(document, hazard.interim_measures, first_line_indent=True)

    word.heading(document, _("四、挂牌督办"))
    word.form_table(document, [
        (label("supervision_authority"), hazard.supervision_authority),
        (label("listed_on"), word.cn_date(hazard.listed_on), label("lifted_on"),
         word.cn_date(hazard.lifted_on) or _("未摘牌")),
        (label("escalation"), hazard.get_escalation_display()),
    ])
    word.heading(document, _("五、处理过程"))
    _events(document, hazard)
    word.heading(document, _("六、验收"))
    word.form_table(document, [
        (label("rectification_note"), hazard.rectification_note),
        (_("实际投入资金"), money(hazard.funds_spent), _("提交整改时间"),
         word.cn_datetime(hazard.submitted_at)),
        (label("acceptance_panel"), hazard.acceptance_panel),
        (label("acceptance_opinion"), hazard.acceptance_opinion),
        (label("closed_at"), word.cn_datetime(hazard.closed_at)),
    ])
    word.heading(document, _("七、照片"))
    word.paragraph(document, _("照片均加盖拍摄（上传）时间、地点、检查人和原件摘要水印，原件存档备查。"),
                   size=Pt(10.5))
    _photos(document, hazard)
    return word.to_bytes(document)
