"""The work report (工作开展情况汇报): every figure in the Word file is checked against a count of the
ledgers done here with the ORM (not through the report's selector); records dated outside the
period or lying outside the region (the other town, the other village) are not counted; the file
opens in LibreOffice; the page downloads it within the user's scope only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Q, Sum
from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.accounts.models import Person
from anjian.accounts.services import person_create
from anjian.dailyreports.models import DailyReport
from anjian.emergency.models import Drill
from anjian.emergency.services.drills import drill_create
from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import DishonestyListing, EnforcementAction
from anjian.hazards.choices import OPEN_STATES, HazardState
from anjian.hazards.models import Hazard
from anjian.hazards.services import hazard_assign, hazard_cancel, hazard_fix_on_spot
from anjian.inspections.models import InspectionRecord
from anjian.patrols import services as patrol_services
from anjian.patrols.models import FireCheckpoint, FireSource, PatrolCheckIn, PersuasionRecord
from anjian.regions.choices import OrganisationKind
from anjian.regions.models import Organisation, Region
from anjian.reports.workreport import work_report_figures
from anjian.reports.workreport_docx import work_report_docx, work_report_title
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList
from anjian.responsibility.models import Duty as ListDuty
from anjian.testing.accidents import accident
from anjian.testing.dailyreports import file, reporters
from anjian.testing.documents import docx_tables, docx_text, libreoffice_pdf
from anjian.testing.emergency import drill_data
from anjian.testing.enforcement import record
from anjian.testing.hazards import assign_data, report, staged, submit_record
from anjian.testing.patrols import make_point, make_ranger
from anjian.testing.patrols import make_record as make_persuasion
from anjian.testing.responsibility import make_list, make_meeting, make_visit, sign
from anjian.testing.training import make_activity, make_session
from anjian.training.models import PublicityActivity, PublicityMaterial, TrainingSession
from anjian.units.choices import Category, UnitStatus
from anjian.units.models import Unit
from anjian.units.services import unit_create

pytestmark = pytest.mark.django_db

DAYS = 40


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


@pytest.fixture
def period(world):
    """Forty days ending yesterday, with records of every ledger inside the period, before it,
    after it (today) and in the other town."""
    end = timezone.localdate() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=DAYS - 1)
    inside, before = end - dt.timedelta(days=3), start - dt.timedelta(days=3)
    office, office_b = world.users["office"], world.users["office_b"]
    town, va, vb = world.town, world.village_a, world.village_b
    leader = world.people["leader"]

    # 一、会议与责任清单
    make_meeting(world, day=inside)
    make_meeting(world, region=va, day=inside, kind="village_committee", safety_first=False)
    make_meeting(world, day=before)
    make_meeting(world, region=world.village_c, day=inside)
    make_list(world, year=end.year)
    make_list(world, year=end.year, post="村支部书记", region=va,
              holder=world.people["secretary_a"])
    make_list(world, year=end.year - 1, post="镇长")
    make_list(world, year=end.year, post="镇长", region=world.town_b)

    # 二、领导小组 (positions as the demo writes them), an office, rangers
    safety = Organisation.objects.create(region=town, name="西张村镇应急管理办公室",
                                         kind=OrganisationKind.SAFETY_OFFICE)
    for name, position, organisation in [
            ("林书记", "镇党委书记、领导小组组长", None),
            ("钱镇长", "镇党委副书记、镇长、领导小组常务副组长", None),
            ("周副镇长", "副镇长、领导小组副组长", None),
            ("吴委员", "镇党委委员、领导小组副组长", None),
            ("郑主任", "应急管理办公室主任（领导小组办公室主任）、领导小组成员", safety)]:
        person_create(actor=None, data={"name": name, "region": town, "duty": "leader",
                                        "position": position, "organisation": organisation})
    person_create(actor=None, data={"name": "孙组长", "region": world.town_b, "duty": "leader",
                                    "position": "观音堂镇党委书记、领导小组组长"})
    ranger_a = make_ranger(va)
    make_ranger(vb, name="赵护林", phone="13900000002")
    ranger_c = make_ranger(world.village_c, name="钱护林", phone="13900000003")

    # 三、挂钩、责任书、企业培训、日报告
    factory = unit_create(actor=None, data={
        "name": "张一机械厂", "category": "enterprise", "subcategory": "machinery",
        "region": world.grid_a, "linked_leader": leader})
    unit_create(actor=None, data={"name": "后关建材厂", "category": "enterprise",
                                  "subcategory": "building_materials", "region": vb})
    make_visit(world, unit=factory, day=inside)
    make_visit(world, unit=factory, day=inside - dt.timedelta(days=1))
    make_visit(world, unit=world.units["school_a"], day=inside)
    make_visit(world, unit=factory, day=before)
    make_visit(world, unit=world.units["shop_c"], day=inside)
    sign(world, village=va, year=end.year)
    sign(world, unit=world.units["school_a"], year=end.year)
    sign(world, organisation=world.police, year=end.year)
    sign(world, village=world.village_c, year=end.year)
    for month in range(1, end.month + 1):  # the factory trains every month of the year
        make_session(unit=factory, held_on=dt.date(end.year, month, 1), attendance_count=8)
    people = reporters(world)
    file(world.users["village_a"], people["village_a"], inside, hour=9)
    file(world.users["village_a"], people["village_a"], inside - dt.timedelta(days=1), hour=20)
    file(world.users["agency"], people["police"], inside, hour=9)
    file(world.users["village_a"], people["village_a"], before, hour=9)

    # 四、检查、隐患、执法、巡护
    submit_record(office, world.units["shop_a"], inspected_at=_at(inside))
    submit_record(office, world.units["shop_a"], inspected_at=_at(inside, 15))
    submit_record(office, world.units["school_a"], inspected_at=_at(inside), leader=leader)
    submit_record(office, world.units["shop_b"], inspected_at=_at(before))
    submit_record(office, world.units["pit_b"])  # today: after the period
    submit_record(office_b, world.units["shop_c"], inspected_at=_at(inside))
    fixed = report(office, world.units["shop_a"], discovered_at=_at(inside))
    hazard_fix_on_spot(actor=office, hazard=fixed, data={"rectification_note": "当场清理"},
                       photos=[staged("after", (10, 200, 10))])
    late = report(office, world.units["school_a"], discovered_at=_at(inside))
    hazard_assign(actor=office, hazard=late, data=assign_data())
    Hazard.objects.filter(pk=late.pk).update(deadline=end - dt.timedelta(days=1))
    report(office, world.units["shop_b"], discovered_at=_at(inside), level="major")
    wrong = report(office, world.units["shop_b"], discovered_at=_at(inside))
    hazard_cancel(actor=office, hazard=wrong, data={"cancel_reason": "duplicate"})
    report(office, world.units["shop_a"], discovered_at=_at(before))
    report(office, world.units["shop_a"])  # today
    report(office_b, world.units["shop_c"], discovered_at=_at(inside))
    record(office, world.units["shop_a"], acted_on=inside)
    record(office, world.units["shop_b"], ActionKind.PENALTY, acted_on=inside,
           penalty_amount=Decimal("5000"))
    record(office, world.units["shop_b"], ActionKind.CRACKDOWN, acted_on=inside,
           illegal_acts_stopped=3)
    record(office, world.units["shop_a"], acted_on=before)
    record(office_b, world.units["shop_c"], acted_on=inside)
    for when in (_at(inside), _at(inside, 16), _at(before)):
        patrol_services.checkin_create(actor=None, ranger=ranger_a,
                                       data={"place": "干山片区", "checked_at": when})
    patrol_services.checkin_create(actor=None, ranger=ranger_c,
                                   data={"place": "七里沟", "checked_at": _at(inside)})
    patrol_services.checkpoint_create(actor=None, data={"region": town, "name": "东山防火检查站",
                                                        "location": "东山路口"})
    patrol_services.fire_source_create(actor=None, data={
        "region": va, "found_at": _at(inside), "place": "干山", "kind": "burning",
        "handling": "当场扑灭并教育", "handled_at": _at(inside, 11)})
    patrol_services.fire_source_create(actor=None, data={
        "region": vb, "found_at": _at(inside), "place": "后关坡", "kind": "ritual"})
    patrol_services.fire_source_create(actor=None, data={
        "region": vb, "found_at": _at(before), "place": "后关坡", "kind": "ritual"})
    point = make_point(va)
    for when in (_at(inside), _at(inside, 17), _at(before)):
        make_persuasion(point, recorded_at=when)

    # 五、培训、宣传、演练
    make_session(town, held_on=inside, kind="cadre", attendance_count=30)
    make_session(va, held_on=before, attendance_count=20)
    make_session(world.village_c, held_on=inside, attendance_count=25)
    make_activity(va, held_on=inside, participants=40, households=12,
                  materials=[{"name": "安全生产知识宣传册", "quantity": 100}])
    make_activity(town, held_on=inside, kind="loudspeaker", title="大喇叭广播", participants=200,
                  materials=[{"name": "安全生产知识宣传册", "quantity": 50},
                             {"name": "致家长的一封信", "quantity": 30}])
    make_activity(va, held_on=before, participants=99)
    make_activity(world.village_c, held_on=inside, participants=77)
    drill_create(actor=None, data=drill_data(town, held_on=inside, participants=52))
    drill_create(actor=None, data=drill_data(va, held_on=inside, participants=20))
    drill_create(actor=None, data=drill_data(va, held_on=before, participants=11))
    drill_create(actor=None, data=drill_data(world.village_c, held_on=inside, participants=13))

    # 下一步: accidents
    accident(office, region=va, occurred_at=_at(inside), deaths=1, minor=2)
    accident(office, region=va, occurred_at=_at(before), serious=1)
    accident(office_b, region=world.village_c, occurred_at=_at(inside), deaths=2)
    return start, end


def _in(region, field="region"):
    return {f"{field}__path__startswith": region.path}


def _counts(region: Region, start: dt.date, end: dt.date) -> dict:
    """The figures of the report, counted here from the tables."""
    since, until = _at(start, 0), _at(end + dt.timedelta(days=1), 0)
    today = timezone.localdate()
    c: dict = {}
    meetings = Meeting.objects.filter(**_in(region), held_on__range=(start, end))
    c["meetings"], c["safety_first"] = meetings.count(), meetings.filter(safety_first=True).count()
    lists = ResponsibilityList.objects.filter(**_in(region), year=end.year)
    c["lists"] = lists.count()
    c["duties"] = ListDuty.objects.filter(responsibility_list__in=lists).count()
    c["villages"] = Region.objects.filter(path__startswith=region.path, level=3).count()
    c["grids"] = Region.objects.filter(path__startswith=region.path, level=4).count()
    people = Person.objects.filter(**_in(region), is_active=True)
    c["grid_workers"] = people.filter(duty="grid_worker").count()
    c["rangers"] = people.filter(duty="forest_ranger").count()
    c["organisations"] = Organisation.objects.filter(**_in(region), is_active=True).count()
    units = Unit.objects.filter(**_in(region), status=UnitStatus.ACTIVE)
    linked = units.filter(linked_leader__isnull=False)
    c["leaders_linked"] = linked.values("linked_leader").distinct().count()
    c["units_linked"] = linked.count()
    visits = LinkageVisit.objects.filter(**_in(region, "unit__region"),
                                         visited_on__range=(start, end))
    c["visits"] = visits.count()
    c["units_visited"] = visits.values("leader", "unit").distinct().count()
    records = InspectionRecord.objects.filter(**_in(region, "unit__region"),
                                              inspected_at__gte=since, inspected_at__lt=until)
    c["records"], c["led"] = records.count(), records.filter(leader__isnull=False).count()
    c["inspected"] = records.values("unit").distinct().count()
    c["units"] = units.count()
    c["by_category"] = {str(label): units.filter(category=key).count()
                        for key, label in Category.choices}
    agreements = Agreement.objects.filter(**_in(region), year=end.year)
    c["signed"] = agreements.count()
    c["signed_in_period"] = agreements.filter(signed_on__range=(start, end)).count()
    c["expected"] = (
        Region.objects.filter(path__startswith=region.path, level=3).count()
        + Organisation.objects.filter(**_in(region), is_active=True).exclude(
            kind__in=["safety_office", "safety_service"]).count()
        + units.filter(Q(category__in=["enterprise", "mine", "tailings_pond", "gas_station"])
                       | Q(subcategory__in=["school", "kindergarten"],
                           category="crowded_place")).count())
    monthly = units.filter(category__in=["enterprise", "mine", "tailings_pond"])
    c["monthly"] = monthly.count()
    c["compliant"] = sum(
        1 for u in monthly
        if set(TrainingSession.objects.filter(Q(unit=u) | Q(participating_units=u),
                                              held_on__year=end.year, held_on__lte=end)
               .values_list("held_on__month", flat=True)) >= set(range(1, end.month + 1)))
    reports = DailyReport.objects.filter(**_in(region), date__range=(start, end))
    c["filed"], c["late"] = reports.count(), reports.filter(is_late=True).count()
    reporting = (Region.objects.filter(path__startswith=region.path, level=3).count()
                 + Organisation.objects.filter(**_in(region), is_active=True).exclude(
                     kind__in=["safety_office", "safety_service"]).count())
    c["due"] = reporting * ((end - start).days + 1)
    hazards = Hazard.objects.filter(**_in(region), discovered_at__gte=since,
                                    discovered_at__lt=until)
    closed = hazards.filter(state=HazardState.CLOSED)
    c["found"], c["major"] = hazards.count(), hazards.filter(level="major").count()
    c["cancelled"] = hazards.filter(state=HazardState.CANCELLED).count()
    c["rectified"] = closed.count()
    c["on_time"] = sum(1 for h in closed if h.fixed_on_spot or h.deadline is None
                       or timezone.localtime(h.closed_at).date() <= h.deadline)
    c["open"] = hazards.filter(state__in=OPEN_STATES).count()
    c["overdue"] = hazards.filter(state__in=OPEN_STATES, deadline__lt=today).count()
    actions = EnforcementAction.objects.filter(**_in(region), acted_on__range=(start, end))
    c["actions"] = actions.count()
    c["actions_by_kind"] = {k: actions.filter(kind=k).count() for k in ActionKind.values}
    c["penalties"] = actions.aggregate(s=Sum("penalty_amount"))["s"] or 0
    c["illegal"] = actions.aggregate(s=Sum("illegal_acts_stopped"))["s"] or 0
    c["listed"] = DishonestyListing.objects.filter(**_in(region),
                                                   listed_on__range=(start, end)).count()
    c["checkins"] = PatrolCheckIn.objects.filter(**_in(region), checked_at__gte=since,
                                                 checked_at__lt=until).count()
    c["checkpoints"] = FireCheckpoint.objects.filter(**_in(region), is_active=True).count()
    fires = FireSource.objects.filter(**_in(region), found_at__gte=since, found_at__lt=until)
    c["fires"], c["handled"] = fires.count(), fires.filter(handled_at__isnull=False).count()
    c["persuasions"] = PersuasionRecord.objects.filter(
        **_in(region), recorded_at__gte=since, recorded_at__lt=until).count()
    sessions = TrainingSession.objects.filter(**_in(region), held_on__range=(start, end))
    c["sessions"] = sessions.count()
    c["attendances"] = sessions.aggregate(s=Sum("attendance_count"))["s"] or 0
    activities = PublicityActivity.objects.filter(**_in(region), held_on__range=(start, end))
    c["activities"] = activities.count()
    c["participants"] = activities.aggregate(s=Sum("participants"))["s"] or 0
    c["households"] = activities.aggregate(s=Sum("households"))["s"] or 0
    c["materials"] = PublicityMaterial.objects.filter(activity__in=activities).aggregate(
        s=Sum("quantity"))["s"] or 0
    drills = Drill.objects.filter(**_in(region), held_on__range=(start, end))
    c["drills"] = drills.count()
    c["drill_people"] = drills.aggregate(s=Sum("participants"))["s"] or 0
    accidents = Accident.objects.filter(**_in(region), occurred_at__gte=since,
                                        occurred_at__lt=until)
    c["accidents"] = accidents.count()
    c["deaths"] = accidents.aggregate(s=Sum("deaths"))["s"] or 0
    c["injured"] = (accidents.aggregate(s=Sum("serious_injuries"))["s"] or 0) + \
        (accidents.aggregate(s=Sum("minor_injuries"))["s"] or 0)
    return c


def test_the_town_report_states_each_figure_of_the_ledgers(world, period, tmp_path):
    start, end = period
    c = _counts(world.town, start, end)
    # the world above is what these counts must find: each ledger has records to count
    assert (c["meetings"], c["records"], c["found"], c["actions"]) == (2, 3, 4, 3)
    assert c["sessions"] >= 2  # the town's, and the factory's monthly ones that fall inside
    data = work_report_docx(work_report_figures(world.town, start, end))
    text = "".join(docx_text(data).split("\n"))
    assert f"{world.town.name}{start.year}年{start.month}月{start.day}日至" in text
    assert "安全生产工作开展情况汇报" in text
    for heading in ("一、工作部署情况", "二、机构建立情况", "三、责任落实情况", "四、检查范围和重点领域",
                    "五、宣传教育情况", "下一步，我镇"):
        assert heading in text
    # 一
    assert f"我镇共召开研究部署安全生产工作的会议{c['meetings']}次" in text
    assert f"其中将安全生产列为第一议题{c['safety_first']}次" in text
    assert f"岗位安全生产责任清单{c['lists']}份，明确岗位职责{c['duties']}条" in text
    # 二
    assert "成立由镇党委书记林书记同志为组长、镇党委副书记、镇长钱镇长同志为常务副组长、2名班子成员为副组长" \
        in text and "领导小组办公室设在西张村镇应急管理办公室" in text
    assert "孙组长" not in text
    assert f"全镇共有行政村（社区）{c['villages']}个，划分网格{c['grids']}个" in text
    assert f"配备网格员{c['grid_workers']}名、护林员{c['rangers']}名" in text
    assert f"；{c['organisations']}个机关站所" in text
    # 三
    assert (f"{c['leaders_linked']}名领导挂钩联系生产经营单位{c['units_linked']}家，期间走访{c['visits']}次、"
            f"覆盖{c['units_visited']}家单位；领导带队开展安全检查{c['led']}次") in text
    assert (f"应签{c['expected']}份、已签{c['signed']}份，签订率{_pct(c['signed'], c['expected'])}，"
            f"其中期间内签订{c['signed_in_period']}份") in text
    assert "与1个村（社区）、1所学校、1个机关站所签订" in text
    assert (f"辖区{c['monthly']}家企业（含矿山、尾矿库）应每月开展一次安全培训，{end.year}年已到期的"
            f"{end.month}个月中每月均开展培训的{c['compliant']}家") in text
    assert (f"期间应报安全生产日报告{c['due']}份，实报{c['filed']}份（其中迟报{c['late']}份），"
            f"报送率{_pct(c['filed'], c['due'])}") in text
    # 四
    assert f"全镇在册监管对象{c['units']}个" in text
    for label, n in c["by_category"].items():
        if n:
            assert f"{label}{n}" in text
    assert "九小场所2家（小餐馆1家、小商店1家）" in text  # most first, then by code
    assert (f"期间共开展安全检查{c['records']}次，检查单位（场所）{c['inspected']}个，"
            f"覆盖率{_pct(c['inspected'], c['units'])}（未检查{c['units'] - c['inspected']}个）") in text
    valid = c["found"] - c["cancelled"]
    assert (f"共排查发现隐患{c['found']}处（其中重大隐患{c['major']}处，核查撤销{c['cancelled']}处），"
            f"已整改销号{c['rectified']}处，整改率{_pct(c['rectified'], valid)}，"
            f"按期整改率{_pct(c['on_time'], c['rectified'])}；尚未整改{c['open']}处，"
            f"其中逾期未整改{c['overdue']}处") in text
    kinds = c["actions_by_kind"]
    assert (f"登记安全生产执法记录{c['actions']}件（责令限期整改指令书{kinds['order']}份、"
            f"行政处罚{kinds['penalty']}起、打非治违{kinds['crackdown']}次），"
            f"罚款{c['penalties']:.0f}元，制止非法违法行为{c['illegal']}起，列入失信名单{c['listed']}家") in text
    assert (f"{c['rangers']}名护林员巡护打卡{c['checkins']}次，{c['checkpoints']}个防火检查站常态化值守，"
            f"发现野外火源{c['fires']}处、已处置{c['handled']}处，交通安全劝导站劝导{c['persuasions']}次") in text
    # 五
    assert f"期间组织安全生产培训{c['sessions']}场" in text and f"参训{c['attendances']}人次" in text
    assert (f"开展安全宣传活动{c['activities']}次" in text
            and f"参与群众{c['participants']}人次，入户{c['households']}户" in text)
    assert f"发放宣传资料{c['materials']}份（安全生产知识宣传册150份、致家长的一封信30份）" in text
    assert f"组织应急演练{c['drills']}次，参演{c['drill_people']}人次" in text
    # 下一步
    assert (f"期间全镇发生生产安全事故{c['accidents']}起，死亡{c['deaths']}人，受伤{c['injured']}人"
            in text)
    assert (f"针对尚未整改的{c['open']}处隐患（其中逾期{c['overdue']}处）督促限期整改到位，"
            f"对期间未检查到的{c['units'] - c['inspected']}个监管对象") in text
    assert "（请补充" in text and text.rstrip().endswith(f"{world.town.name}人民政府"
                                                       + _cn(timezone.localdate()))
    # the table per village
    [table] = docx_tables(data)
    assert table[0] == ["区域", "在册监管对象", "已检查", "发现隐患", "已整改", "未整改"]
    for village in (world.village_a, world.village_b):
        v = _counts(village, start, end)
        assert [village.name, str(v["units"]), str(v["inspected"]), str(v["found"]),
                str(v["rectified"]), str(v["open"])] in table
    libreoffice_pdf(data, tmp_path, "work-report.docx")


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_the_exact_numbers_of_the_test_world(world, period):
    """The same figures as plain numbers, so a count that goes wrong on both sides shows."""
    start, end = period
    f = work_report_figures(world.town, start, end)
    assert (f.meetings.total, f.meetings.safety_first, f.lists, f.list_duties) == (2, 1, 2, 4)
    assert (f.records, f.records_led, f.units_inspected, f.units_total) == (3, 1, 2, 6)
    h = f.hazards
    assert (h.found, h.major, h.cancelled, h.rectified, h.on_time, h.open, h.overdue) == \
        (4, 1, 1, 1, 1, 2, 1)
    assert (f.enforcement.total, f.enforcement.penalties_total) == (3, Decimal("5000"))
    assert (f.visits, f.units_visited, f.leaders_linked, f.units_linked) == (3, 2, 1, 1)
    assert (f.checkins, f.fire_found, f.fire_handled, f.persuasions, f.rangers) == (2, 2, 1, 2, 2)
    assert (f.training["activities"], f.training["participants"], f.drills,
            f.drill_participants) == (2, 240, 2, 72)
    assert (f.accidents, f.deaths, f.injured) == (1, 1, 2)
    assert (f.daily_filed, f.daily_late) == (3, 1)
    assert f.agreements.signed == 3 and f.monthly_compliant == 1 and f.monthly_units == 2


def test_a_village_report_counts_only_the_village(world, period):
    start, end = period
    c = _counts(world.village_a, start, end)
    assert (c["records"], c["found"], c["meetings"]) == (3, 2, 1)
    data = work_report_docx(work_report_figures(world.village_a, start, end))
    text = "".join(docx_text(data).split("\n"))
    assert text.startswith(f"{world.village_a.name}{start.year}年")
    assert f"我村共召开研究部署安全生产工作的会议{c['meetings']}次" in text
    assert f"期间共开展安全检查{c['records']}次，检查单位（场所）{c['inspected']}个" in text
    assert f"共排查发现隐患{c['found']}处（其中重大隐患{c['major']}处）" in text
    assert "全村划分网格1个" in text and "行政村（社区）" not in text
    assert "乡镇（街道）与本村（社区）、1所学校签订" in text
    assert "（请补充安全生产工作领导小组" in text  # the group lives on the town
    assert f"组织应急演练{c['drills']}次，参演{c['drill_people']}人次" in text
    assert world.village_b.name not in text
    assert text.rstrip().endswith(f"{world.village_a.name}村民委员会" + _cn(timezone.localdate()))


def test_a_quiet_period_says_so_without_inventing(world):
    start = dt.date(2001, 1, 1)
    text = "".join(docx_text(work_report_docx(
        work_report_figures(world.town, start, dt.date(2001, 3, 31)))).split("\n"))
    assert "期间未登记研究部署安全生产工作的会议" in text and "期间未排查发现隐患" in text
    assert "期间全镇未发生生产安全事故" in text and "期间未登记应急演练" in text
    assert "2001年1月1日至3月31日" in text


def test_the_office_downloads_the_report(world, period, client):
    start, end = period
    client.force_login(world.users["office"])
    page = client.get("/reports/work-report/")
    assert page.status_code == 200 and "生成汇报" in page.content.decode()
    response = client.get("/reports/work-report/", {
        "region": world.town.pk, "start": start.isoformat(), "end": end.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument."
                                        "wordprocessingml.document")
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(b"".join(response.streaming_content))
    figures = work_report_figures(world.town, start, end)
    assert work_report_title(figures) in text


def test_a_village_cadre_gets_only_their_own_village(world, period, client):
    start, end = period
    client.force_login(world.users["village_b"])
    params = {"start": start.isoformat(), "end": end.isoformat()}
    for other in (world.village_a, world.town, world.village_c):
        response = client.get("/reports/work-report/", {"region": other.pk, **params})
        assert response.status_code == 200 and "region" in response.context["form"].errors
    response = client.get("/reports/work-report/", {"region": world.village_b.pk, **params})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert world.village_b.name in docx_text(b"".join(response.streaming_content))


def test_the_period_is_checked(world, client):
    client.force_login(world.users["office"])
    today = timezone.localdate()
    cases = [(today, today - dt.timedelta(days=1), "结束日期不能早于开始日期"),
             (today - dt.timedelta(days=800), today, "汇报期间不能超过两年"),
             (today, today + dt.timedelta(days=1), "结束日期不能晚于今天")]
    for start, end, message in cases:
        response = client.get("/reports/work-report/", {
            "region": world.town.pk, "start": start.isoformat(), "end": end.isoformat()})
        assert response.status_code == 200 and message in response.content.decode()


def test_agencies_and_strangers_may_not_draft_it(world, client):
    for user in ("agency", "nobody", "enterprise_a"):
        client.force_login(world.users[user])
        assert client.get("/reports/work-report/").status_code == 403


def test_the_form_defaults_to_this_year_and_the_menu_links_it(world, client):
    client.force_login(world.users["office"])
    page = client.get("/reports/work-report/")
    form = page.context["form"]
    today = timezone.localdate()
    assert form["start"].initial == dt.date(today.year, 1, 1) and form["end"].initial == today
    assert 'href="/reports/work-report/"' in client.get("/").content.decode()
    client.force_login(world.users["agency"])
    assert 'href="/reports/work-report/"' not in client.get("/").content.decode()
