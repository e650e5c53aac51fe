"""Reading single cells and headers the way clerks write them."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
import python_calamine
import xlsxwriter
from django.utils import translation

from anjian.units.ledger import cells
from anjian.units.ledger.cells import CellError
from anjian.units.ledger.columns import find_header, resolve
from anjian.units.ledger.labels import to_choice, to_kind


@pytest.fixture(autouse=True)
def _chinese():
    """Messages are checked in Chinese, whatever language an earlier test left active."""
    with translation.override("zh-hans"):
        yield


@pytest.mark.parametrize("text", ["2023-2-14", "2023/02/14", "2023.2.14", "2023年2月14日",
                                  "2023 年 2 月 14 日", "20230214", "２０２３－０２－１４",
                                  "2023-02-14 08:30", 44971, 44971.0, "44971",
                                  dt.date(2023, 2, 14), dt.datetime(2023, 2, 14, 9, 5)])
def test_dates_in_every_common_form(text):
    assert cells.to_date(text) == dt.date(2023, 2, 14)


def test_bad_dates_say_what_is_accepted():
    with pytest.raises(CellError, match="日期格式无法识别：“2023年13月1日”"):
        cells.to_date("2023年13月1日")
    assert cells.to_date("无") is None and cells.to_date("") is None


def test_calamine_gives_a_date_at_midnight_and_a_datetime_otherwise():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet()
    fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    ws.write_datetime(0, 0, dt.datetime(2023, 2, 14), fmt)
    ws.write_datetime(0, 1, dt.datetime(2023, 2, 14, 10, 30), fmt)
    wb.close()
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(buf.getvalue())).get_sheet_by_index(0)
    midnight, morning = sheet.to_python()[0]
    assert type(midnight) is dt.date and type(morning) is dt.datetime
    assert cells.to_date(midnight) == cells.to_date(morning) == dt.date(2023, 2, 14)


@pytest.mark.parametrize(("value", "expected"), [
    ("12人", 12), ("1,200", 1200), ("１２", 12), ("约30人", 30), (7.0, 7), (15, 15), ("12.0", 12),
    ("", None), ("无", None), ("/", None), (" 8 ", 8)])
def test_integers(value, expected):
    assert cells.to_int(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("很多", "应为整数，无法识别“很多”"), (12.5, "应为整数，不能是12.5"), ("3.5人", "应为整数，不能是3.5人")])
def test_bad_integers(value, message):
    with pytest.raises(CellError, match=message):
        cells.to_int(value)


def test_decimals_with_units_separators_and_degrees():
    assert cells.to_decimal("1,200.5㎡", 2, 12) == Decimal("1200.50")
    assert cells.to_decimal("300平方米", 2, 12) == Decimal("300.00")
    assert cells.to_decimal("111°12′36″", 6, 9) == Decimal("111.210000")
    assert cells.to_decimal(111.123456789, 6, 9) == Decimal("111.123457")
    assert cells.to_decimal("—", 6, 9) is None
    with pytest.raises(CellError, match="数值过大"):
        cells.to_decimal(12345.6, 6, 9)
    with pytest.raises(CellError, match="应为数字，无法识别“东经一百度”"):
        cells.to_decimal("东经一百度", 6, 9)


@pytest.mark.parametrize("value", ["√", "✓", "✔", "是", "Y", "y", "yes", "TRUE", True, 1, "１"])
def test_true_flags(value):
    assert cells.to_flag(value) is True


@pytest.mark.parametrize("value", ["否", "×", "N", "no", "", "无", "/", False, 0, "—"])
def test_false_flags(value):
    assert cells.to_flag(value) is False


def test_credit_codes_and_phones():
    assert cells.to_code("无") == cells.to_code("—") == cells.to_code(" / ") == ""
    assert cells.to_code(" 9135 0100 m000100y43 ") == "91350100M000100Y43"
    assert cells.to_code("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"
    assert cells.to_phones(13800000001.0) == "13800000001"
    assert cells.to_phones(3982345678.0) == "03982345678"  # a landline typed as a number
    assert cells.to_phones("13800000001、13900000002") == "13800000001、13900000002"


def test_text_cells():
    assert cells.to_text("\u3000张一 超市\u3000") == "张一 超市"
    assert cells.to_text(12.0) == "12" and cells.to_text(12.5) == "12.5"
    assert cells.to_text(dt.date(2023, 2, 14)) == "2023-02-14"


@pytest.mark.parametrize(("header", "key"), [
    ("单位名称", "name"), ("企业名称", "name"), ("名　称", "name"), ("* 单位名称", "name"),
    ("统一社会信用代码", "credit_code"), ("信用代码", "credit_code"), ("社会信用代码", "credit_code"),
    ("所在村", "village"), ("村（社区）", "village"), ("村居", "village"),
    ("负责人", "principal"), ("主要负责人", "principal"), ("法定代表人", "principal"),
    ("联系电话", "principal_phone"), ("负责人电话", "principal_phone"),
    ("安全员手机", "safety_officer_phone"), ("从业人数（人）", "employees"),
    ("建筑面积（㎡）", "floor_area"), ("是否规上", "above_designated_size"), ("网格员", None)])
def test_header_names_and_synonyms(header, key):
    assert resolve(header) == key


def test_two_row_header_is_found_below_a_title():
    rows = [["台账", "", "", ""], ["名称", "主要负责人", "", "所在村"], ["", "姓名", "电话", ""]]
    merged = [((0, 0), (0, 3)), ((1, 0), (2, 0)), ((1, 1), (1, 2)), ((1, 3), (2, 3))]
    header = find_header(rows, merged)
    assert header.rows == (1, 2)
    assert header.keys == ["name", "principal", "principal_phone", "village"]
    assert header.preamble == ["台账"]


def test_a_header_needs_a_name_column():
    assert find_header([["地址", "所在村", "类别"], ["东街", "张一村", "企业"]]) is None


def test_choice_labels_and_synonyms():
    assert to_choice("risk_level", "一般风险（黄）") == "yellow"
    assert to_choice("risk_level", "红色") == "red"
    assert to_choice("standardisation_grade", "三级") == "level_3"
    assert to_choice("industry_section", "C 制造业") == "C"
    assert to_choice("industry_section", "制造业") == "C"
    assert to_kind("九小场所", "小餐饮") == ("small_venue", "small_restaurant", {})
    assert to_kind("", "养老院") == ("crowded_place", "nursing_home", {})
    category, sub, errors = to_kind("企业", "")
    assert (category, sub) == ("enterprise", "") and not errors


def test_a_columns_decimal_reader_gives_what_to_decimal_gives():
    """The short path for float cells: same value, same places, same errors as to_decimal."""
    import random  # noqa: PLC0415

    rnd = random.Random(7)
    values = [0.0, -0.0, 1.0, 0.1, 1e-05, 1.5e-07, 123.4565, 0.1234565, 111.1234565, 99.999999,
              999.9999995, 1000.0, -999.999999, 12345.6, 1e16, float("inf"), float("nan"), 7, True,
              "1,200.5㎡", "—"]
    values += [rnd.uniform(-200, 200) for _ in range(2000)] + [round(rnd.uniform(73, 136), 6)
                                                                for _ in range(2000)]
    for places, digits in ((6, 9), (2, 12), (0, 5)):
        read = cells.decimal_reader(places, digits)
        for value in values:
            try:
                expected = cells.to_decimal(value, places, digits)
            except cells.CellError as exc:
                with pytest.raises(cells.CellError, match=re.escape(str(exc))):
                    read(value)
                continue
            got = read(value)
            assert got == expected and str(got) == str(expected), (value, places)
