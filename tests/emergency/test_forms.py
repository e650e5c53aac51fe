"""Writing through the pages: every form calls its service; refusals come back as Chinese errors."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anjian.emergency import services
from anjian.emergency.models import EmergencyPlan, SupplyItem
from anjian.hazards.models import Hazard
from anjian.testing.emergency import fake_docx_bytes, pdf_bytes
from anjian.testing.hazards import jpeg_bytes

pytestmark = pytest.mark.django_db


def plan_post(world, file):
    return {"title": "西张村镇防汛专项应急预案", "kind": "special", "region": world.town.pk,
            "is_active": "on", "v-number": "2025版", "v-approved_by": "西张村镇人民政府",
            "v-approved_on": "2025-05-01", "v-effective_on": "2025-05-01",
            "v-review_interval_years": "3", "v-file": file}


def test_office_registers_a_plan_with_a_pdf(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("emergency:plan_create"), plan_post(
        world, SimpleUploadedFile("防汛预案.pdf", pdf_bytes())))
    plan = EmergencyPlan.objects.get()
    assert response.status_code == 302 and plan.current_version.original_name == "防汛预案.pdf"
    download = client.get(reverse("emergency:version_download",
                                  args=[plan.current_version.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    client.force_login(world.users["village_b"])
    assert client.get(reverse("emergency:version_download",
                              args=[plan.current_version.pk])).status_code == 404


def test_a_fake_word_file_is_refused_with_a_message(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("emergency:plan_create"), plan_post(
        world, SimpleUploadedFile("预案.docx", fake_docx_bytes())))
    assert response.status_code == 200 and not EmergencyPlan.objects.exists()
    assert "不是有效的 Word (.docx) 文件" in response.content.decode()


def test_problem_then_hazard_in_one_step_and_no_second_time(client, world, ledgers):
    client.force_login(world.users["office"])
    drill = ledgers["drill_town"]
    client.post(reverse("emergency:problem_add", args=[drill.pk]), {
        "description": "应急物资库钥匙无人保管", "measures": "明确专人保管"})
    problem = drill.problems.get()
    url = reverse("emergency:problem_to_hazard", args=[problem.pk])
    page = client.get(url).content.decode()
    assert "应急物资库钥匙无人保管" in page
    missing = client.post(url, {"unit": world.units["school_a"].pk, "description": "x",
                                "cause_class": "management", "category": "other",
                                "level": "ordinary"})
    assert "请至少上传一张现场照片" in missing.content.decode() and not Hazard.objects.exists()
    done = client.post(url, {"unit": world.units["school_a"].pk,
                             "description": "应急物资库钥匙无人保管", "cause_class": "management",
                             "category": "other", "level": "ordinary",
                             "photos": SimpleUploadedFile("p.jpg", jpeg_bytes(), "image/jpeg")})
    hazard = Hazard.objects.get()
    assert done.status_code == 302 and hazard.source == "drill"
    again = client.get(url)
    assert again.status_code == 302 and again.url == reverse("hazards:detail", args=[hazard.pk])


def test_village_cannot_open_the_town_drill_problem(client, world, ledgers):
    problem = services.drill_problem_add(actor=world.users["office"], drill=ledgers["drill_town"],
                                         data={"description": "x"})
    client.force_login(world.users["village_a"])
    assert client.get(reverse("emergency:problem_to_hazard",
                              args=[problem.pk])).status_code == 404


def test_stock_out_through_the_page(client, world, ledgers):
    client.force_login(world.users["office"])
    item = ledgers["supply_a"]
    client.post(reverse("emergency:supply_stock", args=[item.pk]),
                {"direction": "out", "quantity": "12", "reason": "防汛领用"})
    assert SupplyItem.objects.get(pk=item.pk).quantity == 8
    response = client.post(reverse("emergency:supply_stock", args=[item.pk]),
                           {"direction": "out", "quantity": "100", "reason": "领用"}, follow=True)
    assert "库存不足" in response.content.decode()
    assert SupplyItem.objects.get(pk=item.pk).quantity == 8


def test_incident_timeline_through_the_page(client, world, ledgers):
    client.force_login(world.users["office"])
    incident = ledgers["incident_a"]
    client.post(reverse("emergency:event_add", args=[incident.pk]),
                {"kind": "instruction", "text": "镇长要求立即转移受威胁群众"})
    page = client.get(reverse("emergency:incident_detail", args=[incident.pk])).content.decode()
    assert "镇长要求立即转移受威胁群众" in page and page.count("timeline-event") == 2


def test_team_member_through_the_page(client, world, ledgers):
    client.force_login(world.users["office"])
    team = ledgers["team_town"]
    client.post(reverse("emergency:member_add", args=[team.pk]),
                {"person": world.people["police_staff"].pk, "role": "队员"})
    assert team.members.get().name == "赵卫东"


def test_drills_behind_page_and_requirement_editing(client, world, ledgers):
    client.force_login(world.users["office"])
    page = client.get(reverse("emergency:drills_behind")).content.decode()
    assert world.units["school_a"].name in page and "从未演练" in page
    client.post(reverse("emergency:requirement_create"), {
        "target": "unit", "category": "abandoned_pit", "subcategory": "",
        "interval_months": "12", "basis": "本镇规定"})
    page = client.get(reverse("emergency:drills_behind")).content.decode()
    assert world.units["pit_b"].name in page
    client.force_login(world.users["village_a"])
    assert client.get(reverse("emergency:requirement_create")).status_code == 403
    page = client.get(reverse("emergency:drills_behind")).content.decode()
    assert world.units["pit_b"].name not in page and world.town.name not in page.split(
        "演练频次要求")[0].split("<h1")[1]


def test_drill_form_creates_with_participants(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("emergency:drill_create"), {
        "title": "防汛演练", "held_on": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        "kind": "special", "form": "live", "region": world.town.pk, "scenario": "强降雨",
        "participants": "51", "organisers": [world.police.pk],
        "participating_regions": [world.village_a.pk]})
    assert response.status_code == 302


def test_a_file_changed_on_disk_is_not_handed_out(client, world, ledgers):
    version = ledgers["plan_town"].current_version
    with open(version.file.path, "ab") as handle:
        handle.write(b"tampered")
    client.force_login(world.users["office"])
    response = client.get(reverse("emergency:version_download", args=[version.pk]), follow=True)
    assert "附件内容与登记的摘要不一致" in response.content.decode()
