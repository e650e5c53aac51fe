"""Downloads read back: the filtered list, compliance and the day's summary as Excel, the summary
as Word."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from anjian.testing.dailyreports import file


def _rows(response) -> list[list]:
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def filed(world, reps, yesterday):
    file(world.users["office"], reps["village_a"], yesterday, hour=19, inspections_count=2,
         events="小火情", measures="已扑灭")
    file(world.users["office"], reps["police"], yesterday)
    file(world.users["office"], reps["village_b"], yesterday)


def test_the_list_export_keeps_the_filter_and_the_scope(client, world, filed):
    client.force_login(world.users["office"])
    rows = _rows(client.get(reverse("dailyreports:export"), {"is_zero": "false"}))
    assert rows[1][:5] == ["报告日期", "报告单位", "类型", "开展检查（次）", "发现隐患（条）"]
    assert [r[1] for r in rows[2:]] == ["张一村"]
    assert rows[2][3:9] == [2, 0, "小火情", "已扑灭", "否", "是"]
    client.force_login(world.users["village_b"])
    assert [r[1] for r in _rows(client.get(reverse("dailyreports:export")))[2:]] == ["后关村"]


def test_the_compliance_export(client, world, filed, yesterday):
    client.force_login(world.users["office"])
    rows = _rows(client.get(reverse("dailyreports:compliance_export"), {
        "start": yesterday.isoformat(), "end": yesterday.isoformat()}))
    by_name = {r[0]: r for r in rows[2:]}
    assert set(by_name) == {"张一村", "后关村", "西张村派出所", "西张村镇中心校"}
    assert by_name["张一村"][4:9] == [1, 1, 0, 1, 0]  # due, filed, on time, late, missing
    assert by_name["西张村镇中心校"][8] == 1 and by_name["西张村镇中心校"][10] == 0


def test_the_summary_as_excel_and_word(client, world, filed, yesterday):
    client.force_login(world.users["leader"])
    query = {"date": yesterday.isoformat()}
    rows = _rows(client.get(reverse("dailyreports:summary_xlsx"), query))
    states = {r[0]: r[2] for r in rows[2:]}
    assert states["西张村镇中心校"] == "未报" and states["张一村"] == "已报（迟报）"
    assert states["后关村"] == "零报告" and rows[-1][0] == "合计" and rows[-1][3] == 2
    response = client.get(reverse("dailyreports:summary_docx"), query)
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "已报送 3 个" in text and "西张村镇中心校" in text
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"张一村", "小火情", "已扑灭"} <= cells
