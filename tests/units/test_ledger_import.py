"""Importing unit ledgers: messy layouts, Chinese messages, all-or-nothing, idempotence, scope."""

import datetime as dt
import gc
import io

import openpyxl
import pytest
import xlwt
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from anjian.core import journal
from anjian.core.journal import entries_for
from anjian.core.models import JournalEntry
from anjian.core.validators import credit_code_check_char
from anjian.units.imports import ledger_commit, ledger_import, ledger_parse
from anjian.units.ledger.reader import LedgerFileError
from anjian.units.models import Unit
from anjian.units.services import unit_update

HEADER = ["序号", "单位名称", "统一社会信用代码", "类别", "子类", "所在村", "网格", "地址",
          "负责人", "联系电话", "从业人数", "规模以上", "风险等级"]


@pytest.fixture(autouse=True)
def _chinese():
    """Messages are checked in Chinese, whatever language an earlier test left active."""
    with translation.override("zh-hans"):
        yield


def code(body: str, prefix: str = "92411203") -> str:
    first17 = (prefix + body).ljust(17, "0")[:17]
    return first17 + credit_code_check_char(first17)


def xlsx(rows, merges=()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def parse(world, rows, user="office", merges=()):
    return ledger_parse(actor=world.users[user], data=xlsx(rows, merges), file_name="台账.xlsx")


def run(world, rows, user="office", merges=()):
    preview, record = ledger_import(actor=world.users[user], data=xlsx(rows, merges),
                                    file_name="台账.xlsx")
    return preview, record


def problems(preview) -> dict[int, dict[str, str]]:
    return {r.row: dict(r.messages) for r in preview.error_rows}


def row(name, credit="", cat="九小场所", sub="小商店", village="张一村", grid="", address="",
        principal="", phone="", staff="", above="", risk=""):
    return ["", name, credit, cat, sub, village, grid, address, principal, phone, staff, above, risk]


def test_clean_ledger_creates_units_with_journal(world):
    rows = [HEADER,
            [1, "张一小卖部", code("A1"), "九小场所", "小商店", "张一村", "张一村第1网格", "张一村东街1号",
             "李明", "13800000011", "3人", "否", "黄"],
            [2, "张一饭店", "", "九小场所", "小餐饮", "张一村", "", "张一村西街2号",
             "赵六", "13800000012", 8, "√", "较大风险"]]
    preview = parse(world, rows)
    assert not preview.has_errors, problems(preview)
    assert preview.counts == {"create": 2, "update": 0, "unchanged": 0, "error": 0}
    record = ledger_commit(actor=world.users["office"], preview=preview)
    assert (record.created, record.updated, record.unchanged, record.rows) == (2, 0, 0, 2)
    shop = Unit.objects.get(name="张一小卖部")
    assert shop.region == world.grid_a and shop.subcategory == "small_shop" and shop.employees == 3
    assert shop.sector.code == "fire" and shop.risk_level == "yellow"
    restaurant = Unit.objects.get(name="张一饭店")
    assert restaurant.region == world.village_a and restaurant.above_designated_size
    assert restaurant.subcategory == "small_restaurant" and restaurant.risk_level == "orange"
    entry = entries_for(shop).get(action="create")
    assert entry.source == "import" and entry.actor == world.users["office"]
    assert entry.changes["name"] == [None, "张一小卖部"] and "台账.xlsx" in entry.comment
    assert entry.changes["region"] == [None, world.grid_a.pk]


def test_title_row_date_line_and_two_row_header_with_merged_cells(world):
    rows = [
        ["西张村镇九小场所安全生产监管台账", None, None, None, None, None, None, None],
        ["填报单位：西张村镇应急管理办公室\u3000\u3000日期：2023年2月14日", None, None, None, None, None, None, None],
        ["单位\u3000名称", "统一社会 信用代码", "所在村（社区）", "主要负责人", None, "安全管理员", None, "类别"],
        [None, None, None, "姓名", "电话", "姓名", "联系电话", None],
        [1, 2, 3, 4, 5, 6, 7, 8],
        ["张一理发店", "无", "张一村", "孙丽", "13800000021", "孙强", "0398-2345678", "小美容美发"],
        ["合计：1家", None, None, None, None, None, None, None],
    ]
    merges = ["A1:H1", "A2:H2", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:G3", "H3:H4"]
    preview = parse(world, rows, merges=merges)
    assert not preview.has_errors, (problems(preview), preview.file_errors)
    assert preview.header_rows == (3, 4)
    assert preview.title == "西张村镇九小场所安全生产监管台账"
    assert preview.ledger_org == "西张村镇应急管理办公室"
    assert preview.ledger_date == dt.date(2023, 2, 14)
    assert any("第7行" in w for w in preview.warnings)  # the 合计 line is skipped, not a unit
    [result] = preview.rows
    assert result.row == 6
    values = result.values
    assert values["principal"] == "孙丽" and values["principal_phone"] == "13800000021"
    assert values["safety_officer"] == "孙强" and values["safety_officer_phone"] == "0398-2345678"
    assert (values["category"], values["subcategory"]) == ("small_venue", "small_beauty_bath")
    assert values["credit_code"] == ""


def test_header_synonyms_any_order_missing_columns_and_spaces(world):
    rows = [["法定代表人", "村　居", " 企业名称 ", "负责人电话", "社会信用代码", "子 类"],
            ["周敏", "张一村", "张一加工厂", 13800000031, code("B2"), "小生产加工企业"]]
    preview = parse(world, rows)
    assert not preview.has_errors, problems(preview)
    values = preview.rows[0].values
    assert values["name"] == "张一加工厂" and values["principal"] == "周敏"
    assert values["principal_phone"] == "13800000031" and values["credit_code"] == code("B2")
    assert values["category"] == "small_venue"  # implied by the sub-category
    assert values["region"] == world.village_a.pk


def test_repeated_header_takes_the_first_non_empty_value_and_says_so(world):
    rows = [["名称", "所在村", "类别", "联系电话", "联系电话"],
            ["张一店甲", "张一村", "沿街门店", "", "13800000041"],
            ["张一店乙", "张一村", "沿街门店", "13800000042", "13800000043"]]
    preview = parse(world, rows)
    assert not preview.has_errors, problems(preview)
    assert [r.values["principal_phone"] for r in preview.rows] == ["13800000041", "13800000042"]
    assert any("负责人电话" in w and "2次" in w for w in preview.warnings)
    assert preview.rows[0].values["subcategory"] == "street_shop"  # a one-kind category


def test_several_names_and_phones_in_one_cell_are_kept_and_each_phone_checked(world):
    rows = [HEADER,
            row("张一超市", principal="王强、李明", phone="13800000051，13900000052"),
            row("张一药店", principal="赵敏", phone="13800000053/12345")]
    preview = parse(world, rows)
    assert problems(preview) == {
        3: {"负责人电话": "电话号码格式不正确：12345（手机11位，座机如0398-1234567）"}}
    values = preview.rows[0].values
    assert values["principal"] == "王强、李明"
    assert values["principal_phone"] == "13800000051，13900000052"


def test_flags_missing_codes_and_numbers_written_as_text(world):
    header = ["名称", "信用代码", "类别", "子类", "村", "从业人数", "是否规上", "建筑面积", "经度", "纬度"]
    rows = [header,
            ["甲", "无", "企业", "机械", "张一村", "12人", "√", "300㎡", "111°12′36″", "34.7"],
            ["乙", "/", "企业", "机械", "张一村", "1,200", "Y", "1,200.5", 111.2, "34.70"],
            ["丙", "—", "企业", "机械", "张一村", "１２", "是", "", "", ""],
            ["丁", "", "企业", "机械", "张一村", 7.0, "否", 55, "", ""],
            ["戊", " ", "企业", "机械", "张一村", "约30人", "N", "", "", ""],
            ["己", "暂无", "企业", "机械", "张一村", "", "✓", "", "", ""]]
    preview = parse(world, rows)
    assert not preview.has_errors, problems(preview)
    got = [(v["credit_code"], v["employees"], v["above_designated_size"]) for v in
           (r.values for r in preview.rows)]
    assert got == [("", 12, True), ("", 1200, True), ("", 12, True), ("", 7, False),
                   ("", 30, False), ("", None, True)]
    first, second = preview.rows[0].values, preview.rows[1].values
    assert str(first["floor_area"]) == "300.00" and str(second["floor_area"]) == "1200.50"
    assert str(first["longitude"]) == "111.210000" and str(second["longitude"]) == "111.200000"


def test_category_and_subcategory_by_label_code_or_synonym(world):
    header = ["名称", "类别", "子类", "村"]
    rows = [header,
            ["A", "九小场所", "小餐饮", "张一村"],
            ["B", "九小场所-小旅馆", "", "张一村"],
            ["C", "九小场所", "超市", "张一村"],  # under 九小场所 "超市" is the small shop
            ["D", "", "加油站", "张一村"],
            ["E", "small_venue", "small_clinic", "张一村"],
            ["F", "小网吧", "", "张一村"]]
    preview = parse(world, rows)
    assert not preview.has_errors, problems(preview)
    kinds = [(r.values["category"], r.values["subcategory"]) for r in preview.rows]
    assert kinds == [("small_venue", "small_restaurant"), ("small_venue", "small_hotel"),
                     ("small_venue", "small_shop"), ("gas_station", "gas_station"),
                     ("small_venue", "small_clinic"), ("small_venue", "small_internet_cafe")]


def test_every_row_problem_is_reported_in_chinese(world):
    rows = [HEADER,
            row("坏代码", credit="91350100M000100Y44"),
            row("未知村", village="火星村"),
            row("未知网格", grid="第9网格"),
            row("", address="无名"),
            row("人数不对", staff="很多"),
            row("类别不对", cat="火星场所", sub=""),
            row("子类不配", cat="企业", sub="小餐馆"),
            row("重复甲", credit=code("C3")),
            row("重复乙", credit=code("C3")),
            row("规上不对", above="也许"),
            row("风险不对", risk="紫色")]
    preview = parse(world, rows)
    got = problems(preview)
    assert got[2] == {"统一社会信用代码": "统一社会信用代码校验位错误：第18位应为3"}
    assert got[3] == {"所在村（社区）/网格": "未知的村（社区）“火星村”"}
    assert got[4] == {"所在村（社区）/网格": "“张一村”下没有网格“第9网格”"}
    assert got[5] == {"单位名称": "必填项不能为空"}
    assert got[6] == {"从业人数": "应为整数，无法识别“很多”"}
    assert got[7]["类别"].startswith("未知的类别“火星场所”，可填：企业、九小场所")
    assert got[8] == {"子类": "子类“小餐馆”不属于类别“企业”"}
    assert 9 not in got
    assert got[10] == {"统一社会信用代码": "与第9行的统一社会信用代码相同（重复）"}
    assert got[11] == {"规模以上": "应填“是”或“否”（也可填√、Y/N），无法识别“也许”"}
    assert got[12]["风险等级"].startswith("无法识别“紫色”，可填：重大风险（红）")
    assert preview.counts["error"] == 10 and preview.counts["create"] == 1


def test_missing_required_columns_are_a_file_problem(world):
    preview = parse(world, [["单位名称", "地址"], ["张一店", "东街"]])
    assert preview.has_errors and not preview.rows
    assert "缺少“所在村（社区）”列（也可以用“网格”列）" in preview.file_errors
    assert "缺少“类别”或“子类”列" in preview.file_errors


def test_one_bad_row_writes_nothing(world):
    units, entries = Unit.objects.count(), JournalEntry.objects.count()
    rows = [HEADER, row("好行一"), row("好行二"), row("坏行", village="火星村"), row("好行三")]
    preview, record = run(world, rows)
    assert record is None and preview.counts["error"] == 1
    with pytest.raises(ValidationError) as exc:
        ledger_commit(actor=world.users["office"], preview=preview)
    assert "未导入任何数据" in exc.value.messages[0]
    assert Unit.objects.count() == units and JournalEntry.objects.count() == entries


def test_a_unit_registered_after_the_preview_makes_the_commit_write_nothing(world):
    """The preview saw the credit code free; a unit registered since takes it. The database's
    unique code stops the write (on SQLite in the thread that moves the rows in), and nothing of
    the import is kept."""
    taken = code("R9")
    preview = parse(world, [HEADER, row("先到的商店", credit=code("R8")), row("后来的商店", credit=taken)])
    assert not preview.has_errors, problems(preview)
    Unit.objects.create(name="抢先登记的商店", credit_code=taken, category="small_venue",
                        subcategory="small_shop", region=world.village_a)
    units, entries = Unit.objects.count(), JournalEntry.objects.count()
    with pytest.raises(IntegrityError):
        ledger_commit(actor=world.users["office"], preview=preview)
    assert Unit.objects.count() == units and JournalEntry.objects.count() == entries
    assert not Unit.objects.filter(name__in=["先到的商店", "后来的商店"]).exists()


def test_a_file_problem_is_told_in_the_users_language(world):
    """python-calamine reads the file in a second thread: its messages still follow the user's
    language, not the default one."""
    rows = [["地址", "电话"], ["东街", "138"]]
    with pytest.raises(LedgerFileError, match="没有找到表头"):
        parse(world, rows)
    with translation.override("en"), pytest.raises(LedgerFileError, match="^No header found"):
        parse(world, rows)


def test_the_garbage_collector_is_as_before_after_an_import_also_after_an_error(world):
    """An import pauses Python's cyclic collector (process-wide) and must always give it back."""
    assert gc.isenabled()
    preview, record = run(world, [HEADER, row("回收测试商店")])
    assert record is not None and gc.isenabled()
    with pytest.raises(LedgerFileError):
        parse(world, [["地址", "电话"], ["东街", "138"]])
    assert gc.isenabled()
    gc.disable()
    try:
        run(world, [HEADER, row("回收测试商店二")])
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_importing_the_same_file_again_changes_nothing(world):
    rows = [HEADER,
            row("张一百货", credit=code("D4"), grid="张一村第1网格", phone="13800000061", staff=5),
            row("张一面馆", sub="小餐馆", address="东街3号", staff="6人", above="否", risk="蓝")]
    first = run(world, rows)[1]
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    stamps = dict(Unit.objects.values_list("name", "updated_at"))
    entries = JournalEntry.objects.count()
    preview, again = run(world, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert all(r.action == "unchanged" for r in preview.rows)
    assert JournalEntry.objects.count() == entries
    assert dict(Unit.objects.values_list("name", "updated_at")) == stamps


def test_matched_units_are_updated_only_where_values_differ(world):
    shop = world.units["shop_a"]  # credit code 91350100M000100Y43, phone 13800000001, yellow
    rows = [["名称", "信用代码", "类别", "子类", "所在村", "网格", "联系电话"],
            ["张一便民超市", "91350100M000100Y43", "九小场所", "小商店", "张一村", "张一村第1网格",
             "13800000099"]]
    preview, record = run(world, rows)
    assert (record.created, record.updated) == (0, 1)
    shop.refresh_from_db()
    assert shop.principal_phone == "13800000099"
    assert shop.risk_level == "yellow" and shop.principal == "王强"  # columns not in the file stay
    entry = entries_for(shop).filter(action="update").get()
    assert entry.changes == {"principal_phone": ["13800000001", "13800000099"]}
    assert entry.source == "import" and entry.comment == "Excel台账导入：台账.xlsx"
    assert entry.actor == world.users["office"] and entry.object_repr == "张一便民超市"


def test_rows_without_code_match_by_name_and_address(world):
    school = world.units["school_a"]
    rows = [["名称", "地址", "类别", "子类", "村", "风险等级"],
            ["张一小学", "", "人员密集场所", "中小学校", "张一村", "橙"],
            ["张一小学", "新校区", "人员密集场所", "中小学校", "张一村", "蓝"]]
    preview = parse(world, rows)
    assert [r.action for r in preview.rows] == ["unchanged", "create"]
    assert preview.rows[0].unit_id == school.pk


def test_unit_on_a_grid_stays_there_when_only_the_village_is_given(world):
    rows = [["名称", "信用代码", "子类", "所在村"],
            ["张一便民超市", "91350100M000100Y43", "小商店", "张一村"]]
    preview = parse(world, rows)
    assert preview.rows[0].action == "unchanged"


def test_ambiguous_match_is_refused(world):
    unit_update(actor=None, unit=world.units["school_a"], data={"address": "东街"})
    ledger_import(actor=world.users["office"], file_name="a.xlsx", data=xlsx(
        [["名称", "地址", "子类", "村"], ["张一小学", "东街", "中小学校", "张一村"]]))
    Unit.objects.create(name="张一小学", address="东街", category="crowded_place",
                        subcategory="school", region=world.village_a)
    preview = parse(world, [["名称", "地址", "子类", "村"], ["张一小学", "东街", "中小学校", "张一村"]])
    assert problems(preview)[2]["单位名称"].startswith("与2个已登记的监管对象名称、地址都相同")


def test_village_cadre_cannot_import_into_another_village(world):
    before = Unit.objects.count()
    preview, record = run(world, [HEADER, row("后关新店", village="后关村"), row("张一新店")],
                          user="village_a")
    assert record is None
    assert problems(preview) == {
        2: {"所在村（社区）/网格": "无权在“后关村”新增监管对象（不在您的管辖范围内）"}}
    assert Unit.objects.count() == before


def test_village_cadre_cannot_update_another_village_unit(world):
    unit_update(actor=None, unit=world.units["shop_b"], data={"credit_code": code("E5")})
    rows = [HEADER, row("后关小饭馆", credit=code("E5"), sub="小餐馆", village="张一村")]
    preview, record = run(world, rows, user="village_a")
    assert record is None
    assert problems(preview)[2] == {
        "统一社会信用代码": "该统一社会信用代码已登记在您管辖范围以外的监管对象上"}
    world.units["shop_b"].refresh_from_db()
    assert world.units["shop_b"].region == world.grid_b


def test_village_cadre_cannot_move_own_unit_to_another_village(world):
    rows = [["名称", "信用代码", "子类", "所在村"], ["张一便民超市", "91350100M000100Y43", "小商店", "后关村"]]
    preview = parse(world, rows, user="village_a")
    assert problems(preview)[2] == {"单位名称": "无权修改这个已登记的监管对象（不在您的管辖范围内）"}


def test_agency_updates_units_of_its_sectors_but_adds_none(world):
    rows = [["名称", "信用代码", "子类", "村", "风险等级"],
            ["张一便民超市", "91350100M000100Y43", "小商店", "张一村", "红"],
            ["张一新网吧", "", "小网吧", "张一村", "蓝"]]
    preview = parse(world, rows, user="agency")
    assert [r.action for r in preview.rows] == ["update", "error"]
    assert "无权在“张一村”新增" in problems(preview)[3]["所在村（社区）/网格"]


def test_xls_files_are_read_too(world):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("台账")
    data = [["单位名称", "统一社会信用代码", "类别", "子类", "所在村", "从业人数", "规模以上"],
            ["张一旅社", code("F6"), "九小场所", "小旅馆", "张一村", 4, "否"]]
    for i, values in enumerate(data):
        for j, value in enumerate(values):
            ws.write(i, j, value)
    buf = io.BytesIO()
    wb.save(buf)
    preview, record = ledger_import(actor=world.users["office"], data=buf.getvalue(), file_name="旧台账.xls")
    assert record is not None and record.created == 1, problems(preview)
    hotel = Unit.objects.get(name="张一旅社")
    assert hotel.credit_code == code("F6") and hotel.employees == 4 and hotel.subcategory == "small_hotel"


def test_village_by_code_grid_by_short_name_and_leader_by_name(world):
    rows = [["名称", "子类", "村（社区）", "网格", "挂钩领导"],
            ["张一茶馆", "小餐馆", 411203102201, "第1网格", "燕生"],
            ["张一书店", "小商店", "张一村委会", "", "无名氏"]]
    preview = parse(world, rows)
    first = preview.rows[0]
    assert first.action == "create", problems(preview)
    assert first.values["region"] == world.grid_a.pk
    assert first.values["linked_leader"] == world.people["leader"].pk
    assert problems(preview)[3] == {"挂钩领导": "未找到挂钩领导“无名氏”（应为已登记的镇领导）"}


def test_the_first_visible_sheet_with_a_header_is_read(world):
    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active.append(["请按下表填写，单位名称必填"])
    hidden = wb.create_sheet("隐藏")
    hidden.append(["单位名称", "子类", "所在村"])
    hidden.append(["隐藏店", "小商店", "张一村"])
    hidden.sheet_state = "hidden"
    data = wb.create_sheet("台账")
    data.append(["单位名称", "子类", "所在村"])
    data.append(["张一花店", "沿街门店", "张一村"])
    buf = io.BytesIO()
    wb.save(buf)
    preview = ledger_parse(actor=world.users["office"], data=buf.getvalue(), file_name="多表.xlsx")
    assert preview.sheet_name == "台账" and [r.name for r in preview.rows] == ["张一花店"]


def test_a_new_units_journal_entry_lists_every_value_it_was_given(world):
    rows = [["名称", "信用代码", "子类", "村", "经度", "纬度", "建筑面积", "从业人数", "规模以上", "挂钩领导",
             "备注"],
            ["张一机械厂", code("G7", "91411203"), "机械", "张一村", 111.2, "34.654321", "88.5", 120, "否",
             "燕生", "二层"]]
    run(world, rows)
    unit = Unit.objects.get(name="张一机械厂")
    expected = {k: [None, v] for k, v in journal.snapshot(unit).items() if v not in (None, "")}
    entry = entries_for(unit).get(action="create")
    assert entry.changes == expected
    assert expected["longitude"] == [None, "111.200000"] and expected["floor_area"] == [None, "88.50"]
    assert expected["above_designated_size"] == [None, False]
    assert entry.object_repr == "张一机械厂" and entry.actor_name == world.users["office"].display_name


def test_creation_journal_for_ids_that_are_not_contiguous(world):
    from django.db import connection

    from anjian.units.imports import SNAPSHOT_FIELDS
    from anjian.units.ledger.writer import insert_creation_journal

    ids = [world.units["shop_a"].pk, world.units["pit_b"].pk]
    assert ids[1] - ids[0] > 1
    constants = {"created_at": timezone.now(), "actor": None, "actor_name": "测试", "request_id": "",
                 "source": "import", "content_type": ContentType.objects.get_for_model(Unit).pk,
                 "comment": "测试", "action": "create"}
    if connection.vendor == "sqlite":  # one import's ids are always contiguous there
        with pytest.raises(ValueError):
            insert_creation_journal(Unit, ids, SNAPSHOT_FIELDS, constants, JournalEntry)
        return
    insert_creation_journal(Unit, ids, SNAPSHOT_FIELDS, constants, JournalEntry)
    entries = JournalEntry.objects.filter(comment="测试").order_by("pk")
    assert [e.object_id for e in entries] == [str(pk) for pk in ids]
    assert entries[0].changes["name"] == [None, "张一便民超市"]


def test_several_units_updated_with_different_fields_in_one_import(world):
    rows = [["名称", "信用代码", "子类", "村", "网格", "地址", "联系电话", "风险等级", "从业人数"],
            ["张一便民超市", "91350100M000100Y43", "小商店", "张一村", "张一村第1网格", "", "13800000001",
             "红", ""],
            ["张一小学", "", "中小学校", "张一村", "", "", "", "橙", 45]]
    preview, record = run(world, rows)
    assert (record.updated, record.created) == (2, 0), problems(preview)
    shop, school = world.units["shop_a"], world.units["school_a"]
    shop.refresh_from_db()
    school.refresh_from_db()
    assert (shop.risk_level, shop.principal_phone, shop.address) == ("red", "13800000001", "")
    assert (school.risk_level, school.employees) == ("orange", 45)
    assert entries_for(school).get(action="update").changes == {"employees": [None, 45]}


def test_numbered_but_empty_template_rows_are_not_units(world):
    rows = [["序号", "单位名称", "子类", "所在村", "备注"],
            [1, "张一鞋店", "沿街门店", "张一村", ""],
            [2, "", "", "", ""],
            [3, None, None, None, None]]
    preview = parse(world, rows)
    assert not preview.has_errors and [r.name for r in preview.rows] == ["张一鞋店"]


def test_a_problem_after_many_new_rows_keeps_nothing_of_them(world):
    """On PostgreSQL `ledger_import` writes new units while it reads on; a repeated credit code
    near the end of the file must still leave the registry and the journal as they were."""
    units, entries = Unit.objects.count(), JournalEntry.objects.count()
    rows = [HEADER] + [row(f"连锁便民店{i}", credit=code(f"Q{i:03d}")) for i in range(40)]
    rows.append(row("重复的店", credit=code("Q007")))
    preview, record = run(world, rows)
    assert record is None and preview.counts == {"create": 40, "update": 0, "unchanged": 0, "error": 1}
    assert "重复" in problems(preview)[42]["统一社会信用代码"]
    assert Unit.objects.count() == units and JournalEntry.objects.count() == entries
    assert not Unit.objects.filter(name__startswith="连锁便民店").exists()
    fixed, record = run(world, rows[:-1])  # corrected, the same file imports whole
    assert record.created == 40 and Unit.objects.count() == units + 40
    assert JournalEntry.objects.count() == entries + 40


def test_new_and_matched_rows_interleaved_keep_the_files_order_in_ids_and_journal(world):
    shop = world.units["shop_a"]
    rows = [["名称", "信用代码", "类别", "子类", "所在村", "联系电话"],
            ["新店甲", code("T1"), "九小场所", "小商店", "张一村", "13800000071"],
            [shop.name, shop.credit_code, "九小场所", "小商店", "张一村", "13800000072"],
            ["新店乙", code("T2"), "九小场所", "小商店", "张一村", "13800000073"]]
    preview, record = run(world, rows)
    assert (record.created, record.updated) == (2, 1), problems(preview)
    first, second = Unit.objects.get(name="新店甲"), Unit.objects.get(name="新店乙")
    assert first.pk < second.pk and first.created_at == second.created_at
    shop.refresh_from_db()
    assert shop.principal_phone == "13800000072"
    order = list(JournalEntry.objects.filter(source="import").order_by("pk")
                 .values_list("action", "object_id"))
    assert order == [("create", str(first.pk)), ("create", str(second.pk)), ("update", str(shop.pk))]
