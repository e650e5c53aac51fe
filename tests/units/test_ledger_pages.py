"""The ledger pages: upload → preview → confirm, upload checks, export with the list's filters,
export → import round trip, the template, and that an upload belongs to its uploader."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from anjian.core.models import JournalEntry
from anjian.units.models import LedgerImport, Unit
from anjian.units.services import unit_update

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _chinese():
    """Messages are checked in Chinese, whatever language an earlier test left active."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture(autouse=True)
def _upload_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def upload(client, data: bytes, name="台账.xlsx"):
    return client.post("/units/ledger/import/", {"file": SimpleUploadedFile(name, data, XLSX)})


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def read_sheet(data: bytes) -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


GOOD = [["单位名称", "类别", "子类", "所在村", "联系电话"],
        ["张一新店", "沿街门店", "", "张一村", "13800000071"]]


def test_upload_preview_confirm_and_result(world, client):
    client.force_login(world.users["office"])
    assert "导入Excel" in client.get("/units/").content.decode()
    response = upload(client, xlsx(GOOD))
    body = response.content.decode()
    assert response.status_code == 200 and "确认导入" in body and "张一新店" in body
    assert not Unit.objects.filter(name="张一新店").exists()  # a preview writes nothing
    response = client.post("/units/ledger/import/confirm/", {"token": token_of(response)})
    record = LedgerImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/units/ledger/imports/{record.pk}/"
    assert "新增1个，更新0个，未变化0个" in client.get(response["Location"]).content.decode()
    assert Unit.objects.get(name="张一新店").principal_phone == "13800000071"
    assert record.actor == world.users["office"] and len(record.sha256) == 64
    again = client.post("/units/ledger/import/confirm/", {"token": token_of(upload(client, xlsx(GOOD)))})
    assert LedgerImport.objects.get(pk=again["Location"].split("/")[-2]).unchanged == 1


def test_preview_with_a_bad_row_shows_chinese_errors_and_no_confirm_button(world, client):
    client.force_login(world.users["office"])
    rows = GOOD + [["坏店", "沿街门店", "", "火星村", "123"]]
    body = upload(client, xlsx(rows)).content.decode()
    assert "确认导入" not in body and "table-danger" in body
    assert "第3行" in body and "未知的村（社区）“火星村”" in body
    assert not Unit.objects.filter(name="张一新店").exists()


def test_a_text_file_renamed_xlsx_is_refused(world, client):
    client.force_login(world.users["office"])
    response = upload(client, "单位名称,类别\n张一店,沿街门店\n".encode(), name="台账.xlsx")
    assert response.status_code == 400
    assert "“台账.xlsx”的内容不是Excel表格（可能只是改了扩展名）" in response.content.decode()


def test_other_extensions_empty_and_oversized_files_are_refused(world, client, settings):
    client.force_login(world.users["office"])
    body = upload(client, xlsx(GOOD), name="台账.csv").content.decode()
    assert "只能导入Excel文件（.xlsx或.xls）" in body
    assert "文件是空的" in upload(client, b"").content.decode()
    settings.ANJIAN_MAX_LEDGER_BYTES = 1000
    assert "文件过大" in upload(client, xlsx(GOOD)).content.decode()
    assert "请选择要导入的Excel文件" in client.post("/units/ledger/import/", {}).content.decode()


def test_a_corrupt_workbook_and_a_sheet_without_header_are_explained(world, client):
    client.force_login(world.users["office"])
    body = upload(client, b"PK\x03\x04" + b"\0" * 100).content.decode()
    assert "内容不是Excel表格" in body
    body = upload(client, xlsx([["地址", "电话"], ["东街", "138"]])).content.decode()
    assert "没有找到表头" in body


def test_an_upload_can_only_be_confirmed_by_its_uploader(world, client):
    client.force_login(world.users["office"])
    token = token_of(upload(client, xlsx(GOOD)))
    client.force_login(world.users["village_a"])
    response = client.post("/units/ledger/import/confirm/", {"token": token})
    assert response.status_code == 302 and response["Location"] == "/units/ledger/import/"
    assert not Unit.objects.filter(name="张一新店").exists()
    assert client.post("/units/ledger/import/confirm/", {"token": "../../etc/passwd"}).status_code == 302


def test_users_without_add_or_change_rights_cannot_import(world, client):
    client.force_login(world.users["leader"])
    assert client.get("/units/ledger/import/").status_code == 403
    assert "导入Excel" not in client.get("/units/").content.decode()


def test_export_keeps_the_list_filters_and_the_scope(world, client):
    client.force_login(world.users["office"])
    response = client.get("/units/ledger/export/?category=small_venue")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = read_sheet(b"".join(response.streaming_content))
    assert rows[0][:3] == ["序号", "单位名称", "统一社会信用代码"]
    assert sorted(r[1] for r in rows[1:]) == ["后关小饭馆", "张一便民超市"]
    client.force_login(world.users["village_a"])
    rows = read_sheet(b"".join(client.get("/units/ledger/export/").streaming_content))
    assert sorted(r[1] for r in rows[1:]) == ["张一便民超市", "张一小学"]


def test_export_then_import_changes_nothing(world, client):
    unit_update(actor=None, unit=world.units["shop_a"], data={
        "longitude": "111.123456", "latitude": "34.654321", "employees": 12, "floor_area": "88.50",
        "above_designated_size": True, "industry_section": "F", "industry_code": "5292",
        "safety_officer": "李四、王五", "safety_officer_phone": "13900000001，0398-2345678",
        "standardisation_grade": "small_micro", "warning_signs": "禁止吸烟", "notes": "沿街\n二层"})
    client.force_login(world.users["office"])
    exported = b"".join(client.get("/units/ledger/export/?status=").streaming_content)
    entries = JournalEntry.objects.count()
    response = upload(client, exported, name="导出.xlsx")
    body = response.content.decode()
    assert "确认导入" in body and "未变化 4" in body, body
    client.post("/units/ledger/import/confirm/", {"token": token_of(response)})
    record = LedgerImport.objects.get()
    assert (record.created, record.updated, record.unchanged) == (0, 0, 4)
    assert JournalEntry.objects.count() == entries


def test_blank_template_has_the_header_and_is_recognised(world, client):
    client.force_login(world.users["office"])
    response = client.get("/units/ledger/template/")
    data = b"".join(response.streaming_content)
    assert read_sheet(data)[0][1] == "单位名称"
    body = upload(client, data, name="模板.xlsx").content.decode()
    assert "表格中没有数据行" in body


def test_every_problem_can_be_downloaded_as_a_list(world, client):
    client.force_login(world.users["office"])
    rows = GOOD + [["坏店", "沿街门店", "", "火星村", "123"]]
    body = upload(client, xlsx(rows)).content.decode()
    link = re.search(r'id="ledger-problems" href="([^"]+)"', body).group(1)
    sheet = read_sheet(b"".join(client.get(link).streaming_content))
    assert sheet[0] == ["行号", "单位名称", "列", "问题"]
    assert [3, "坏店", "所在村（社区）/网格", "未知的村（社区）“火星村”"] in sheet
    assert [3, "坏店", "负责人电话", "电话号码格式不正确：123（手机11位，座机如0398-1234567）"] in sheet
    client.force_login(world.users["village_a"])
    assert client.get(link).status_code == 404  # someone else's list
