"""The work report (工作开展情况汇报) as a Word document, in the structure of seed 001: a paragraph or
two of sentences per section with the period's figures filled in, and a bracketed request
"（请补充…）" wherever only the office can write (the documents studied, the measures decided),
never invented facts. The office edits the prose; it no longer counts."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from anjian.core import word
from anjian.enforcement.choices import ActionKind
from anjian.regions.choices import RegionKind, RegionLevel
from anjian.reports.documents import rate
from anjian.reports.workreport import WorkReportFigures
from anjian.responsibility.choices import AgreementKind
from anjian.training.choices import PublicityKind, TrainingKind

# Measure words (量词) of unit categories and of the sub-categories that differ (seed 001: 小商店163家,
# 中小学校2所, 中型商超2处, 4个矿山, 267个废弃坑口).
CATEGORY_MEASURE = {
    "crowded_place": "处", "mine": "个", "tailings_pond": "个", "abandoned_pit": "个",
    "gas_station": "座", "gas_sales_point": "个", "fireworks_outlet": "个", "forest_area": "处",
    "reservoir": "座", "road_section": "处", "geological_hazard": "处", "accident_prone_spot": "处",
}
SUBCATEGORY_MEASURE = {"school": "所", "kindergarten": "所", "health_centre": "所",
                       "hospital": "所", "nursing_home": "所", "small_school": "所"}
AGREEMENT_PARTY = {AgreementKind.VILLAGE: "个村（社区）", AgreementKind.DEPARTMENT: "个机关站所",
                   AgreementKind.ENTERPRISE: "家企业", AgreementKind.SCHOOL: "所学校"}
PLACEHOLDER = "（请补充%s。）"
# Enforcement records by kind: a document is 份, a penalty 起, an operation 次.
ACTION_MEASURE = {"order": "份", "reinspection": "份", "penalty": "起"}


def period_text(start: dt.date, end: dt.date) -> str:
    """2026年1月1日至6月30日 (the year once when both days share it)."""
    if start.year == end.year:
        return f"{word.cn_date(start)}至{end.month}月{end.day}日"
    return f"{word.cn_date(start)}至{word.cn_date(end)}"


def work_report_title(f: WorkReportFigures) -> str:
    return _("%(region)s%(period)s安全生产工作开展情况汇报") % {
        "region": f.region.name, "period": period_text(f.start, f.end)}


def signatory(f: WorkReportFigures) -> str:
    kind, name = f.region.kind, f.region.name
    if kind in (RegionKind.TOWN, RegionKind.TOWNSHIP):
        return _("%(name)s人民政府") % {"name": name}
    if kind == RegionKind.STREET:
        return _("%(name)s办事处") % {"name": name}
    if kind == RegionKind.VILLAGE:
        return _("%(name)s村民委员会") % {"name": name}
    if kind == RegionKind.COMMUNITY:
        return _("%(name)s居民委员会") % {"name": name}
    return _("%(name)s安全生产委员会办公室") % {"name": name}


def _ask(what: str, inline: bool = False) -> str:
    """The request for what only the office can write; `inline` within a sentence (no 。)."""
    return f"（请补充{what}）" if inline else PLACEHOLDER % what


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def work_report_docx(f: WorkReportFigures) -> bytes:
    title = work_report_title(f)
    document = word.new_document(title)
    word.title(document, title)
    ours = _("我%(s)s") % {"s": f.self_name}
    _p(document, _(
        "为认真贯彻落实习近平总书记关于安全生产的重要指示精神和上级安全生产工作部署%(ask)s，"
        "%(region)s高度重视，围绕安全生产工作进行专题学习、研究、部署，把安全生产责任落实到每一个环节、"
        "每一个岗位、每一个人员，坚决防范和遏制重特大事故发生。现将%(period)s工作开展情况汇报如下：") % {
        "ask": _ask(_("上级文件名称"), inline=True), "region": f.region.name,
        "period": period_text(f.start, f.end)})
    _deployment(document, f, ours)
    _organisation(document, f)
    _responsibility(document, f)
    _inspections(document, f)
    _education(document, f)
    _next_steps(document, f, ours)
    word.paragraph(document)
    word.paragraph(document, signatory(f), align=WD_ALIGN_PARAGRAPH.RIGHT)
    word.paragraph(document, word.cn_date(f.today), align=WD_ALIGN_PARAGRAPH.RIGHT)
    return word.to_bytes(document)


def _p(document, text: str) -> None:
    word.paragraph(document, text, first_line_indent=True)


def _deployment(document, f: WorkReportFigures, ours: str) -> None:
    word.heading(document, _("一、工作部署情况"))
    m = f.meetings
    if m and m.total:
        kinds = "、".join(f"{label}{n}次" for _k, label, n, _first in m.by_kind)
        text = _("期间，%(ours)s共召开研究部署安全生产工作的会议%(total)s次（%(kinds)s），其中将安全生产"
                 "列为第一议题%(first)s次，传达学习上级安全生产会议和文件精神，研究解决突出问题。") % {
            "ours": ours, "total": m.total, "kinds": kinds, "first": m.safety_first}
    else:
        text = _("期间未登记研究部署安全生产工作的会议。")
    if f.lists:
        text += _("制定%(year)s年度岗位安全生产责任清单%(lists)s份，明确岗位职责%(duties)s条，要求严格按照"
                  "“三管三必须”“党政同责、一岗双责、齐抓共管、失职追责”的要求落实属地管理责任。") % {
            "year": f.end.year, "lists": f.lists, "duties": f.list_duties}
    else:
        text += _("尚未登记%(year)s年度岗位安全生产责任清单。") % {"year": f.end.year}
    _p(document, text + _ask(_("会议部署的具体工作措施")))


def _organisation(document, f: WorkReportFigures) -> None:
    word.heading(document, _("二、机构建立情况"))
    group = f.group
    heads = group.with_role("组长")
    if len(heads) == 1:
        parts = [_("%(post)s%(name)s同志为组长") % {"post": heads[0].post, "name": heads[0].name}]
        parts += [_("%(post)s%(name)s同志为常务副组长") % {"post": m.post, "name": m.name}
                  for m in group.with_role("常务副组长")]
        if group.with_role("副组长"):
            parts.append(_("%(n)s名班子成员为副组长") % {"n": len(group.with_role("副组长"))})
        if group.with_role("成员"):
            parts.append(_("%(n)s名部门负责人及村支部书记为成员") % {"n": len(group.with_role("成员"))})
        text = _("成立由%(parts)s的安全生产工作领导小组") % {"parts": "、".join(parts)}
        if group.office:
            text += _("，领导小组办公室设在%(office)s") % {"office": group.office}
        text += "。"
    elif heads:
        text = _("辖区内%(n)s个乡镇（街道）成立安全生产工作领导小组，共有成员%(m)s名。") % {
            "n": len(heads), "m": len(group.members)}
    else:
        text = _ask(_("安全生产工作领导小组（工作机构）的组成情况"))
    everywhere = _("全%(s)s") % {"s": f.self_name}
    if f.region.level < RegionLevel.VILLAGE:
        text += _("%(all)s共有行政村（社区）%(villages)s个，划分网格%(grids)s个，") % {
            "all": everywhere, "villages": f.villages, "grids": f.grids}
    else:
        text += _("%(all)s划分网格%(grids)s个，") % {"all": everywhere, "grids": f.grids}
    text += _("配备网格员%(workers)s名、护林员%(rangers)s名") % {
        "workers": f.grid_workers, "rangers": f.rangers}
    if f.organisations:
        text += _("；%(n)s个机关站所按照“三管三必须”要求承担行业领域安全监管职责") % {
            "n": f.organisations}
    _p(document, text + "。")


def _responsibility(document, f: WorkReportFigures) -> None:
    word.heading(document, _("三、责任落实情况"))
    _p(document, _("一是领导挂钩责任落实情况：%(leaders)s名领导挂钩联系生产经营单位%(linked)s家，期间走访"
                   "%(visits)s次、覆盖%(visited)s家单位；领导带队开展安全检查%(led)s次。") % {
        "leaders": f.leaders_linked, "linked": f.units_linked, "visits": f.visits,
        "visited": f.units_visited, "led": f.records_led})
    c = f.agreements
    if c is not None and c.expected:
        own = f.region.level >= RegionLevel.VILLAGE  # the village's own agreement with the town
        parties = "、".join(
            _("本村（社区）") if own and k.kind == AgreementKind.VILLAGE
            else f"{k.signed}{AGREEMENT_PARTY.get(k.kind, '')}" for k in c.by_kind if k.signed)
        who = _("二是责任书签订情况：乡镇（街道）与") if own else _("二是责任书签订情况：与")
        text = who + _("%(parties)s签订%(year)s年度安全生产责任书，应签%(expected)s份、已签%(signed)s份，"
                       "签订率%(rate)s，其中期间内签订%(period)s份。") % {
            "parties": parties or "—", "year": c.year, "expected": c.expected, "signed": c.signed,
            "rate": rate(c.signed, c.expected), "period": f.agreements_in_period}
    else:
        text = _("二是责任书签订情况：%(year)s年度无应签订安全生产责任书的对象。") % {"year": f.end.year}
    _p(document, text)
    if f.monthly_units:
        text = _("三是企业主体责任落实情况：辖区%(units)s家企业（含矿山、尾矿库）应每月开展一次安全培训，"
                 "%(year)s年已到期的%(months)s个月中每月均开展培训的%(ok)s家。") % {
            "units": f.monthly_units, "year": f.end.year, "months": f.monthly_months,
            "ok": f.monthly_compliant}
    else:
        text = _("三是企业主体责任落实情况：辖区无应每月开展安全培训的企业。")
    _p(document, text + _ask(_("企业主体责任清单制定、内部自查自纠等情况")))
    if f.daily_due:
        _p(document, _("四是信息报送情况：期间应报安全生产日报告%(due)s份，实报%(filed)s份（其中迟报"
                       "%(late)s份），报送率%(rate)s。") % {
            "due": f.daily_due, "filed": f.daily_filed, "late": f.daily_late,
            "rate": rate(f.daily_filed, f.daily_due)})


def _unit_phrase(u) -> str:
    measure = CATEGORY_MEASURE.get(u.key, "家")
    text = f"{u.label}{u.count}{measure}"
    if len(u.subcategories) > 1 or (u.subcategories and u.subcategories[0][1] != u.label):
        text += "（" + "、".join(f"{label}{n}{SUBCATEGORY_MEASURE.get(key, measure)}"
                                for key, label, n in u.subcategories) + "）"
    return text


def _inspections(document, f: WorkReportFigures) -> None:
    word.heading(document, _("四、检查范围和重点领域"))
    everywhere = _("全%(s)s") % {"s": f.self_name}
    if f.units_total:
        _p(document, _("%(all)s在册监管对象%(total)s个，其中：%(units)s。") % {
            "all": everywhere, "total": f.units_total,
            "units": "，".join(_unit_phrase(u) for u in f.units)})
    else:
        _p(document, _("%(all)s尚无在册监管对象。") % {"all": everywhere})
    h = f.hazards
    text = _("期间共开展安全检查%(records)s次，检查单位（场所）%(inspected)s个，覆盖率%(share)s"
             "（未检查%(missed)s个）。") % {
        "records": f.records, "inspected": f.units_inspected,
        "share": rate(f.units_inspected, f.units_total), "missed": f.units_missed}
    if h is not None and h.found:
        text += _("共排查发现隐患%(found)s处（其中重大隐患%(major)s处", ) % {
            "found": h.found, "major": h.major}
        if h.cancelled:
            text += _("，核查撤销%(n)s处") % {"n": h.cancelled}
        text += _("），已整改销号%(rectified)s处，整改率%(rate)s，按期整改率%(on_time)s；尚未整改"
                  "%(open)s处，其中逾期未整改%(overdue)s处。") % {
            "rectified": h.rectified, "rate": _percent(h.rectification_rate),
            "on_time": _percent(h.on_time_rate), "open": h.open, "overdue": h.overdue}
    else:
        text += _("期间未排查发现隐患。")
    _p(document, text)
    e = f.enforcement
    if e is not None and e.total:
        kinds = "、".join(f"{label}{n}{ACTION_MEASURE.get(key, '次')}"
                          for key, label, n in _action_rows(e) if n)
        _p(document, _("登记安全生产执法记录%(total)s件（%(kinds)s），罚款%(amount)s元，制止非法违法行为"
                       "%(illegal)s起，列入失信名单%(listed)s家。") % {
            "total": e.total, "kinds": kinds, "amount": yuan(e.penalties_total),
            "illegal": e.illegal_acts_stopped, "listed": e.units_listed})
    patrols = []
    if f.rangers or f.checkins:
        patrols.append(_("%(rangers)s名护林员巡护打卡%(checkins)s次") % {
            "rangers": f.rangers, "checkins": f.checkins})
    if f.checkpoints:
        patrols.append(_("%(n)s个防火检查站常态化值守") % {"n": f.checkpoints})
    if f.fire_found:
        patrols.append(_("发现野外火源%(found)s处、已处置%(handled)s处") % {
            "found": f.fire_found, "handled": f.fire_handled})
    if f.persuasions:
        patrols.append(_("交通安全劝导站劝导%(n)s次") % {"n": f.persuasions})
    if patrols:
        _p(document, _("强化森林防灭火和道路交通安全管控：%(items)s。") % {"items": "，".join(patrols)})
    _p(document, _ask(_("重点检查的行业领域、突出问题和整治措施")))
    if f.children:
        word.grid_table(document, [_("区域"), _("在册监管对象"), _("已检查"), _("发现隐患"),
                                   _("已整改"), _("未整改")],
                        [(r.name, r.units, r.inspected, r.found, r.rectified, r.open)
                         for r in f.children], widths=word.even_widths(6))


def yuan(amount) -> str:
    """5000 for whole yuan, 5000.50 otherwise."""
    return f"{amount:.0f}" if amount == int(amount) else f"{amount:.2f}"


def _action_rows(e) -> list[tuple[str, str, int]]:
    return [(key, str(label), e.by_kind.get(key, 0)) for key, label in ActionKind.choices]


def _education(document, f: WorkReportFigures) -> None:
    word.heading(document, _("五、宣传教育情况"))
    t = f.training
    texts = []
    if t.get("sessions"):
        kinds = "、".join(f"{TrainingKind(k).label}{n}场" for k, n in sorted(
            t["sessions_by_kind"].items(), key=lambda kv: -kv[1]))
        texts.append(_("期间组织安全生产培训%(n)s场（%(kinds)s），参训%(people)s人次") % {
            "n": t["sessions"], "kinds": kinds, "people": t["attendances"]})
    else:
        texts.append(_("期间未登记安全生产培训"))
    if t.get("activities"):
        kinds = "、".join(f"{_kind_label(k)}{n}次" for k, n in sorted(
            t["activities_by_kind"].items(), key=lambda kv: -kv[1]))
        texts.append(_("开展安全宣传活动%(n)s次（%(kinds)s），参与群众%(people)s人次，入户%(homes)s户") % {
            "n": t["activities"], "kinds": kinds, "people": t["participants"],
            "homes": t["households"]})
        if t.get("materials_total"):
            items = "、".join(f"{name}{n}份" for name, n in t["materials"].items())
            texts.append(_("发放宣传资料%(n)s份（%(items)s）") % {
                "n": t["materials_total"], "items": items})
    if f.drills:
        texts.append(_("组织应急演练%(n)s次，参演%(people)s人次") % {
            "n": f.drills, "people": f.drill_participants})
    else:
        texts.append(_("期间未登记应急演练"))
    _p(document, "；".join(texts) + "。" + _ask(_("重点宣传活动和培训的具体情况")))


def _kind_label(key: str) -> str:
    try:
        return str(PublicityKind(key).label)
    except ValueError:
        return key


def _next_steps(document, f: WorkReportFigures, ours: str) -> None:
    everywhere = _("全%(s)s") % {"s": f.self_name}
    if f.accidents:
        text = _("期间%(all)s发生生产安全事故%(n)s起，死亡%(deaths)s人，受伤%(injured)s人。") % {
            "all": everywhere, "n": f.accidents, "deaths": f.deaths, "injured": f.injured}
    else:
        text = _("期间%(all)s未发生生产安全事故。") % {"all": everywhere}
    _p(document, text)
    h = f.hazards
    tasks = []
    if h is not None and h.open:
        tasks.append(_("针对尚未整改的%(open)s处隐患（其中逾期%(overdue)s处）督促限期整改到位") % {
            "open": h.open, "overdue": h.overdue})
    if f.units_missed > 0:
        tasks.append(_("对期间未检查到的%(missed)s个监管对象加强排查") % {"missed": f.units_missed})
    tasks.append(_("不断完善安全生产责任体系、组织体系、保障体系及考核评价体系"))
    text = _("下一步，%(ours)s将%(tasks)s，确保%(ours)s安全生产形势持续稳定。") % {
        "ours": ours, "tasks": "，".join(tasks)}
    _p(document, text + _ask(_("下一步工作重点")))
