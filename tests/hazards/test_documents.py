"""The Word documents of the closed loop, generated from hazards built through the real services
and read back with python-docx: the assignment slip (交办单) and the major-hazard dossier (一患一档)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from anjian.hazards import services as hs
from anjian.hazards.choices import HazardAction
from anjian.hazards.documents import assignment_slip, hazard_dossier
from anjian.hazards.documents.slip import PROVISIONAL_NOTE
from anjian.hazards.models import GOVERNANCE_PLAN_FIELDS, Hazard
from anjian.testing.documents import docx_text, libreoffice_pdf
from anjian.testing.hazards import MAJOR_DOSSIER, assign_data, report, staged

pytestmark = pytest.mark.django_db

BULLETIN_NUMBER = "西张安办〔2026〕3号"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


text_of = docx_text


def closed_major(world) -> Hazard:
    """A major hazard through the whole loop, with an escalation on the way: reported with a
    discovery photo, assigned with its dossier, acknowledged, overdue and bulletined, submitted
    with an after photo, accepted by a panel with an acceptance photo."""
    u = world.users
    hazard = report(u["office"], world.units["shop_a"], level="major")
    hazard = hs.hazard_assign(actor=u["office"], hazard=hazard, data=assign_data(**MAJOR_DOSSIER))
    hazard = hs.hazard_acknowledge(actor=u["enterprise_a"], hazard=hazard,
                                   data={"comment": "已签收"})
    Hazard.objects.filter(pk=hazard.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1))
    hazard = hs.hazard_escalate(actor=u["office"], hazard=hazard.pk, data={
        "step": "bulletin", "document_number": BULLETIN_NUMBER})
    hazard = hs.rectification_submit(actor=u["enterprise_a"], hazard=hazard,
                                     data={"rectification_note": "已砌筑防火墙", "funds_spent": "48000"},
                                     photos=[staged("after", (10, 200, 10))])
    return hs.rectification_accept(
        actor=u["office"], hazard=hazard,
        data={"acceptance_opinion": "防火分隔到位，同意销号", "acceptance_panel": "张三、李四、王五"},
        photos=[staged("acceptance", (10, 10, 200))])


def test_the_slip_carries_the_hazard_the_unit_and_the_five_assurances(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"], location="后门通道")
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    text = text_of(assignment_slip(hazard))
    assert "安全隐患整改交办单" in text
    assert hazard.number in text and hazard.slip_number in text
    assert "张一便民超市" in text and "王强" in text and "后门通道" in text
    assert "西张村镇" in text  # the issuing town
    for value in ("清理安全出口货物，保持畅通", "王强", "13800000001", "500.00元",
                  "整改前安排专人值守，张贴警示"):
        assert value in text
    deadline = hazard.deadline
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in text
    assert PROVISIONAL_NOTE not in text
    assert "逾期未整改的将依次予以提醒、通报、约谈、督办" in text
    assert "交办人" in text and "签收人" in text


def test_a_provisional_deadline_says_so_on_the_slip(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    Hazard.objects.filter(pk=hazard.pk).update(deadline_provisional=True)
    hazard.refresh_from_db()
    assert PROVISIONAL_NOTE in text_of(assignment_slip(hazard))


def test_the_slip_sets_chinese_fonts_on_its_runs(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    document = Document(io.BytesIO(assignment_slip(hazard)))
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs
    for run in runs:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in {"仿宋", "宋体", "黑体"}
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_a_hazard_never_assigned_has_no_slip(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    with pytest.raises(ValidationError):
        assignment_slip(hazard)


def test_the_dossier_has_the_report_the_plan_the_supervision_and_the_history(world):
    hazard = closed_major(world)
    text = text_of(hazard_dossier(hazard))
    assert hazard.number in text and "张一便民超市" in text
    for name in ("current_state_cause", "harm_difficulty", *GOVERNANCE_PLAN_FIELDS):
        assert MAJOR_DOSSIER[name] in text, name
    for heading in ("治理的目标和任务", "采取的方法和措施", "经费和物资的落实", "负责治理的机构和人员",
                    "治理的时限和要求", "安全措施和应急预案"):
        assert heading in text
    assert MAJOR_DOSSIER["supervision_authority"] in text
    actions = hazard.events.values_list("action", flat=True)
    assert list(actions) == ["report", "assign", "acknowledge", "escalate", "submit", "accept"]
    for action in actions:
        assert str(HazardAction(action).label) in text
    assert BULLETIN_NUMBER in text
    assert "张三、李四、王五" in text and "防火分隔到位，同意销号" in text
    lifted = hazard.lifted_on
    assert f"{lifted.year}年{lifted.month}月{lifted.day}日" in text


def test_every_photo_is_embedded_as_its_stamped_rendering(world):
    hazard = closed_major(world)
    photos = list(hazard.photos.all())
    assert len(photos) == 3
    data = hazard_dossier(hazard)
    document = Document(io.BytesIO(data))
    assert len(document.inline_shapes) == len(photos)
    images = [rel.target_part.blob for rel in document.part.rels.values()
              if rel.reltype == RT.IMAGE]
    assert len(images) == len(photos)
    originals = set()
    for photo in photos:
        with photo.original.open("rb") as handle:
            originals.add(handle.read())
    assert not originals & set(images)  # stamped renderings, never the original bytes
    assert all(blob.startswith(b"\xff\xd8") for blob in images)
    text = text_of(data)
    assert "发现照片" in text and "整改后照片" in text and "验收照片" in text


def test_a_tampered_photo_is_named_in_the_dossier_not_embedded(world):
    hazard = closed_major(world)
    photo = hazard.photos.get(stage="after")
    with open(photo.original.path, "wb") as handle:
        handle.write(b"\xff\xd8 not the photo that was received")
    data = hazard_dossier(hazard)
    assert len(Document(io.BytesIO(data)).inline_shapes) == 2
    assert "照片原件与登记的SHA-256摘要不一致" in text_of(data)


def test_control_characters_and_line_breaks_in_user_text_do_not_break_the_slip(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"],
                    description="第一行\x0b隐患\r\n第二行")
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    document = Document(io.BytesIO(assignment_slip(hazard)))
    text = "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))
    assert "第一行隐患" in text and "第二行" in text
    assert any(True for _ in document.element.body.iter(qn("w:br")))


def test_an_ordinary_hazard_has_no_dossier(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    with pytest.raises(ValidationError):
        hazard_dossier(hazard)


def test_libreoffice_opens_both_documents(world, tmp_path):
    hazard = closed_major(world)
    for name, data in (("slip.docx", assignment_slip(hazard)),
                       ("dossier.docx", hazard_dossier(hazard))):
        libreoffice_pdf(data, tmp_path, name)
