"""An office user imports a ledger with one bad row, sees the problem in Chinese, fixes it,
imports, and exports the list again — all through the browser."""

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from anjian.core.validators import credit_code_check_char
from anjian.units.models import Unit
from tests.e2e.conftest import login

pytestmark = pytest.mark.browser

HEADER = ["序号", "单位名称", "统一社会信用代码", "类别", "子类", "所在村", "地址", "负责人", "联系电话"]


def _ledger(tmp_path, credit_code: str) -> str:
    wb = Workbook()
    ws = wb.active
    ws.append(["西张村镇九小场所台账"])
    ws.merge_cells("A1:I1")
    ws.append(["填报单位：西张村镇应急管理办公室", None, None, None, None, "日期：2026年11月20日"])
    ws.append(HEADER)
    ws.append([1, "张一村红星理发店", "", "九小场所", "小美容洗浴场所", "张一村", "张一村中心街3号",
               "李红", "13912345678"])
    ws.append([2, "后关村福来小旅馆", credit_code, "九小场所", "小旅馆", "后关村", "后关村北街8号",
               "赵福", "13987654321"])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    return str(path)


def test_office_imports_a_ledger_fixes_a_bad_row_and_exports(page, world_tx, tmp_path):
    login(page, "office")
    page.goto(page.base_url + "/units/")
    page.click("text=导入Excel")

    page.set_input_files("#ledger-file", _ledger(tmp_path, "91350100M000100Y44"))
    page.click("text=上传并预览")
    errors = page.locator("#ledger-errors")
    expect(errors).to_contain_text("第5行")
    expect(errors).to_contain_text("校验位错误")
    assert page.locator("#ledger-confirm").count() == 0
    assert not Unit.objects.filter(name="张一村红星理发店").exists()  # nothing written

    page.click("text=重新上传")
    body = "91411203MA4K2L7Q8"
    page.set_input_files("#ledger-file", _ledger(tmp_path, body + credit_code_check_char(body)))
    page.click("text=上传并预览")
    expect(page.locator("#ledger-counts")).to_contain_text("新增 2")
    page.click("#ledger-confirm")
    expect(page.locator("#ledger-result")).to_contain_text("新增2个")
    assert Unit.objects.filter(name__in=["张一村红星理发店", "后关村福来小旅馆"]).count() == 2

    page.goto(page.base_url + "/units/?category=small_venue")
    with page.expect_download() as info:
        page.click("text=导出Excel")
    data = open(info.value.path(), "rb").read()
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    names = {str(cell) for row in sheet for cell in row}
    assert {"张一村红星理发店", "后关村福来小旅馆", "张一便民超市"} <= names
    assert "张一小学" not in names  # the export keeps the category filter
