"""The hazard ledger and statistics workbooks, read back with openpyxl, and the download views
(slip, dossier, ledger export, statistics report, report schedule) with their scope."""

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from anjian.hazards import services as hs
from anjian.hazards.exports import LEDGER_COLUMNS, STAT_COLUMNS, ledger_xlsx, statistics_xlsx
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import hazard_statistics
from anjian.hazards.views.downloads import Period, _schedule
from anjian.testing.hazards import MAJOR_DOSSIER, assign_data, report, staged

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["序号", "隐患编号", "乡镇", "村（社区）", "网格", "单位名称", "单位类别", "隐患描述",
           "隐患类别", "隐患等级", "成因类别", "来源", "发现时间", "发现人", "整改措施", "责任人",
           "联系电话", "整改期限", "整改资金（元）", "状态", "是否逾期", "督促级别", "挂牌督办单位",
           "销号时间", "验收意见"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hazards(world):
    """Hazards of every kind in 西张村镇 and one in 观音堂镇 (outside every 西张村镇 persona)."""
    u, units = world.users, world.units
    reported = report(u["grid_a"], units["shop_a"], category="electrical")
    assigned = hs.hazard_assign(actor=u["office"], hazard=report(u["village_b"], units["shop_b"]),
                                data=assign_data(responsible_party="village"))
    overdue = hs.hazard_assign(actor=u["office"], hazard=report(u["office"], units["school_a"]),
                               data=assign_data())
    Hazard.objects.filter(pk=overdue.pk).update(deadline=timezone.localdate() - dt.timedelta(days=3))
    major = report(u["office"], units["shop_a"], level="major", source="expert_check")
    major = hs.hazard_assign(actor=u["office"], hazard=major, data=assign_data(**MAJOR_DOSSIER))
    major = hs.hazard_acknowledge(actor=u["enterprise_a"], hazard=major)
    major = hs.rectification_submit(actor=u["enterprise_a"], hazard=major,
                                    data={"rectification_note": "已改造", "funds_spent": "50000"},
                                    photos=[staged("after", (0, 200, 0))])
    major = hs.rectification_accept(actor=u["office"], hazard=major, data={
        "acceptance_opinion": "同意销号", "acceptance_panel": "张三、李四"})
    cancelled = hs.hazard_cancel(actor=u["office"], hazard=report(u["grid_a"], units["shop_a"]),
                                 data={"cancel_reason": "duplicate"})
    outside = report(u["office_b"], units["shop_c"])
    return {"reported": reported, "assigned": assigned, "overdue": overdue, "major": major,
            "cancelled": cancelled, "outside": outside}


def ledger_rows(data: bytes) -> tuple[list, dict[str, dict]]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[1])
    by_number = {row[1]: dict(zip(header, row, strict=True)) for row in rows[2:]}
    return rows, by_number


# --- Ledger ------------------------------------------------------------------------------------


def test_the_ledger_has_the_offices_columns_a_title_and_a_frozen_header(world, hazards):
    data = ledger_xlsx(Hazard.objects.for_user(world.users["office"], "view"))
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[2]] == HEADERS == [str(c.header) for c in LEDGER_COLUMNS]
    assert "共 5 条" in sheet["A1"].value and "导出时间" in sheet["A1"].value
    assert sheet.freeze_panes == "C3"
    assert sheet.column_dimensions["H"].width > sheet.column_dimensions["A"].width


def test_the_ledger_holds_one_row_per_hazard_in_scope_and_none_outside(world, hazards):
    rows, by_number = ledger_rows(ledger_xlsx(Hazard.objects.for_user(world.users["office"], "view")))
    inside = {h.number for k, h in hazards.items() if k != "outside"}
    assert set(by_number) == inside and len(rows) == 2 + len(inside)
    assert hazards["outside"].number not in by_number
    assert [row[0] for row in rows[2:]] == list(range(1, len(inside) + 1))
    rows_b, by_number_b = ledger_rows(
        ledger_xlsx(Hazard.objects.for_user(world.users["office_b"], "view")))
    assert set(by_number_b) == {hazards["outside"].number}
    assert by_number_b[hazards["outside"].number]["乡镇"] == "观音堂镇"


def test_the_ledger_values_are_labels_with_the_region_path_and_the_overdue_mark(world, hazards):
    _rows, rows = ledger_rows(ledger_xlsx(Hazard.objects.for_user(world.users["office"], "view")))
    reported = rows[hazards["reported"].number]
    assert (reported["乡镇"], reported["村（社区）"], reported["网格"]) == (
        "西张村镇", "张一村", "张一村第1网格")
    assert reported["状态"] == "已上报" and reported["是否逾期"] == "否"
    assert reported["隐患类别"] == "用电安全"
    assert reported["单位类别"] == "九小场所" and reported["来源"] == "网格巡查"
    assert reported["成因类别"] == "物的危险状态" and reported["隐患等级"] == "一般隐患"
    school = rows[hazards["overdue"].number]
    assert (school["村（社区）"], school["网格"]) == ("张一村", None)  # a unit on the village
    assert school["状态"] == "已交办" and school["是否逾期"] == "是"
    assert school["责任人"] == "王强" and school["联系电话"] == "13800000001"
    assert school["整改资金（元）"] == 500
    assert school["整改期限"].date() == timezone.localdate() - dt.timedelta(days=3)
    major = rows[hazards["major"].number]
    assert major["状态"] == "已销号" and major["是否逾期"] == "否"
    assert major["隐患等级"] == "重大隐患" and major["来源"] == "专家检查"
    assert major["挂牌督办单位"] == MAJOR_DOSSIER["supervision_authority"]
    assert major["验收意见"] == "同意销号" and major["销号时间"] is not None
    local = timezone.localtime(hazards["major"].discovered_at).replace(tzinfo=None, second=0,
                                                                      microsecond=0)
    assert abs(major["发现时间"] - local) < dt.timedelta(minutes=1)
    assert rows[hazards["cancelled"].number]["状态"] == "已撤销"


def test_the_ledger_export_takes_a_fixed_number_of_queries(world, hazards,
                                                           django_assert_max_num_queries):
    queryset = Hazard.objects.for_user(world.users["office"], "view")
    with django_assert_max_num_queries(6):
        ledger_xlsx(queryset)


# --- Statistics ----------------------------------------------------------------------------------


def _figures(stats) -> list:
    result = []
    for _header, attr, kind in STAT_COLUMNS:
        value = getattr(stats, attr)
        result.append("—" if value is None else (round(value / 100, 6) if kind == "rate" else value))
    return result


def _sheet_rows(sheet) -> list[list]:
    rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
    table = []
    for row in rows:
        if row[0] is None or str(row[0]).startswith("注："):
            break
        table.append([row[0], *(round(v, 6) if isinstance(v, float) else v
                                for v in row[1:len(STAT_COLUMNS) + 1])])
    return table


def test_statistics_sheets_equal_the_selector(world, hazards):
    queryset = Hazard.objects.for_user(world.users["office"], "view")
    data = statistics_xlsx(queryset, title="2026年第四季度隐患排查治理统计分析表",
                           period_label="2026年第四季度", within=world.town,
                           due=dt.date(2027, 1, 15))
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["按区划", "按隐患类别", "按来源", "按隐患等级", "按单位类别"]
    total = hazard_statistics(queryset)[0]
    for name, by in zip(workbook.sheetnames, ("region", "category", "source", "level",
                                              "unit_category"), strict=True):
        sheet = workbook[name]
        assert sheet["A1"].value == "2026年第四季度隐患排查治理统计分析表"
        assert [c.value for c in sheet[3]][1:] == [str(h) for h, _a, _k in STAT_COLUMNS]
        expected = [[s.label, *_figures(s)] for s in hazard_statistics(queryset, by=by,
                                                                       within=world.town)]
        assert _sheet_rows(sheet) == [*expected, ["合计", *_figures(total)]], name
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        assert "主要负责人（签字）" in text and "2027年1月15日" in text
    by_region = _sheet_rows(workbook["按区划"])
    assert [row[0] for row in by_region] == ["后关村", "张一村", "合计"]
    assert by_region[-1][1] == 5 and by_region[-1][2] == 1  # found, cancelled


# --- Views ---------------------------------------------------------------------------------------


def _login(client, user):
    client.force_login(user)
    return client


def test_slip_and_dossier_download_in_scope(client, world, hazards):
    _login(client, world.users["office"])
    for name, hazard in (("hazards:slip", hazards["assigned"]), ("hazards:dossier", hazards["major"])):
        response = client.get(reverse(name, args=[hazard.pk]))
        assert response.status_code == 200, name
        assert response["Content-Type"] == DOCX
        assert "filename*=utf-8''" in response["Content-Disposition"]
        assert b"".join(response.streaming_content)[:2] == b"PK"


def test_slip_and_dossier_are_404_out_of_scope(client, world, hazards):
    _login(client, world.users["office_b"])
    for name, hazard in (("hazards:slip", hazards["assigned"]), ("hazards:dossier", hazards["major"])):
        assert client.get(reverse(name, args=[hazard.pk])).status_code == 404
    _login(client, world.users["village_b"])  # shop_a lies in village A
    assert client.get(reverse("hazards:dossier", args=[hazards["major"].pk])).status_code == 404


def test_a_document_that_does_not_apply_sends_the_user_back_with_the_reason(client, world, hazards):
    _login(client, world.users["office"])
    for name, hazard, reason in (("hazards:slip", hazards["reported"], "尚未交办"),
                                 ("hazards:dossier", hazards["assigned"], "只有重大隐患有档案")):
        response = client.get(reverse(name, args=[hazard.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("hazards:detail", args=[hazard.pk])
        assert any(reason in str(m) for m in get_messages(response.wsgi_request))


def test_the_ledger_export_is_the_filtered_list_in_scope(client, world, hazards):
    _login(client, world.users["office"])
    response = client.get(reverse("hazards:export"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "filename*=utf-8''" in response["Content-Disposition"]
    _rows, by_number = ledger_rows(b"".join(response.streaming_content))
    assert hazards["outside"].number not in by_number and len(by_number) == 5
    response = client.get(reverse("hazards:export"), {"state": "closed"})
    _rows, by_number = ledger_rows(b"".join(response.streaming_content))
    assert set(by_number) == {hazards["major"].number}


def test_the_ledger_export_needs_a_hazard_role(client, world, hazards):
    _login(client, world.users["auditor"])
    assert client.get(reverse("hazards:export")).status_code == 403
    client.logout()
    assert client.get(reverse("hazards:export")).status_code == 302  # to the login page


def test_the_statistics_report_covers_the_period_in_scope(client, world, hazards):
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    _login(client, world.users["office"])
    response = client.get(reverse("hazards:report_statistics"),
                          {"year": today.year, "quarter": quarter})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    period = Period.of(today.year, quarter)
    assert "filename*=utf-8''" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["按区划"]
    assert sheet["A1"].value == period.title
    assert period.title.endswith("季度隐患排查治理统计分析表")
    total = _sheet_rows(sheet)[-1]
    assert total[0] == "合计" and total[1] == 5  # not the hazard of 观音堂镇
    assert [row[0] for row in _sheet_rows(sheet)] == ["后关村", "张一村", "合计"]
    last_year = client.get(reverse("hazards:report_statistics"), {"year": today.year - 1})
    workbook = load_workbook(io.BytesIO(b"".join(last_year.streaming_content)))
    assert workbook["按区划"]["A1"].value == f"{today.year - 1}年度隐患排查治理统计分析表"
    assert _sheet_rows(workbook["按区划"])[-1][1] == 0


def test_a_bad_statistics_period_is_refused(client, world):
    _login(client, world.users["office"])
    url = reverse("hazards:report_statistics")
    assert client.get(url, {"year": "2026", "quarter": "5"}).status_code == 400
    assert client.get(url, {"year": "abc"}).status_code == 400


def test_period_titles_and_due_dates():
    q3 = Period.of(2026, 3)
    assert q3.title == "2026年第三季度隐患排查治理统计分析表"
    assert q3.due == dt.date(2026, 10, 15) and q3.last == dt.date(2026, 9, 30)
    assert Period.of(2026, 4).due == dt.date(2027, 1, 15)
    year = Period.of(2026)
    assert year.title == "2026年度隐患排查治理统计分析表" and year.due == dt.date(2027, 1, 31)


def test_the_schedule_marks_reports_due_soon_and_past_due(db):
    statuses = {(r.period.year, r.period.quarter): r.status for r in _schedule(dt.date(2026, 10, 5))}
    assert statuses[(2026, 3)] == "due_soon"  # due 15 October
    assert statuses[(2026, 2)] == "past_due"
    assert statuses[(2026, 4)] == "running" and statuses[(2026, None)] == "running"
    assert statuses[(2025, None)] == "past_due"
    january = {(r.period.year, r.period.quarter): r.status for r in _schedule(dt.date(2027, 1, 10))}
    assert january[(2026, 4)] == "due_soon" and january[(2026, None)] == "pending"
    assert (2027, 2) not in january  # not begun


def test_the_schedule_page_lists_reports_with_download_links(client, world):
    _login(client, world.users["office"])
    response = client.get(reverse("hazards:report_schedule"))
    assert response.status_code == 200
    content = response.content.decode()
    today = timezone.localdate()
    assert f"{today.year}年度隐患排查治理统计分析表" in content
    assert reverse("hazards:report_statistics") + f"?year={today.year - 1}&amp;quarter=4" in content \
        or reverse("hazards:report_statistics") + f"?year={today.year - 1}&quarter=4" in content
    _login(client, world.users["auditor"])
    assert client.get(reverse("hazards:report_schedule")).status_code == 403
