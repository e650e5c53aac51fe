"""Texts of the demo's responsibility system: duties per post (seed 001 §三, seed 002, domain.md
§6.4), meeting titles (seed 000 §一, seed 001 §一, seed 004 §三) and the scanned copies of signed
agreements (small, valid one-page PDFs)."""

from __future__ import annotations

from anjian.responsibility.choices import DutyCategory as C
from anjian.responsibility.choices import MeetingKind as M

# Duties of the party secretary and the town head (党政同责: both 第一责任人).
FIRST = [
    (C.FIRST_RESPONSIBLE, "是全镇安全生产第一责任人，对全镇安全生产工作负全面领导责任"),
    (C.FIRST_RESPONSIBLE, "每月组织召开安全生产专题会议，分析研判辖区重点领域安全形势，研究解决突出问题"),
    (C.LEADERSHIP, "坚持每周带队督导检查重点领域安全生产工作（四个一次、三个全员）"),
    (C.LEADERSHIP, "把安全生产重要论述和上级决策部署作为党委会、理论学习中心组会议第一议题"),
    (C.DUAL_DUTY, "落实“党政同责、一岗双责、齐抓共管、失职追责”，将安全生产纳入班子成员考核"),
]
# Other members of the leadership team (班子成员): 领导责任 for their own areas.
DEPUTY = [
    (C.LEADERSHIP, "对分管领域安全生产工作负直接领导责任，分管领域安全生产与业务工作同规划、同部署、同考核"),
    (C.DUAL_DUTY, "严格落实“一岗双责”，督导分管行业、企业开展隐患排查整改和安全培训"),
    (C.LEADERSHIP, "按挂钩联系制度每半月至少一次到挂钩单位检查指导，并留存工作记录"),
]
SAFETY_DEPUTY = [
    (C.LEADERSHIP, "协助党委书记、镇长抓好全镇安全生产工作，具体负责安全生产和应急管理"),
    (C.SUPERVISION, "组织开展全镇安全生产大排查、大整治，督办重大事故隐患整改销号"),
]
# Heads of the agencies (机关站所): 监管责任 by 三管三必须.
AGENCY = [
    (C.SUPERVISION, "按照“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”，负责本行业领域安全监管"),
    (C.SUPERVISION, "建立本行业领域监管对象台账，定期开展检查并督促隐患整改"),
    (C.DUAL_DUTY, "本单位主要负责人对本单位安全生产工作全面负责，落实一岗双责"),
]
SAFETY_OFFICE = [
    (C.SUPERVISION, "肩负牵头协调的总体责任，承担领导小组办公室日常工作"),
    (C.SUPERVISION, "建立健全隐患排查、整改、销号台账，实行交办单和“五落实”"),
    (C.SUPERVISION, "组织签订安全生产责任书，落实日报告、24小时值班值守和领导带班制度"),
]
# Village secretaries: 属地管理责任.
VILLAGE = [
    (C.TERRITORIAL, "履行本村安全生产属地管理责任，是本村安全生产第一责任人"),
    (C.TERRITORIAL, "组织网格员开展常态化巡查，落实安全生产日报告、零报告制度"),
    (C.TERRITORIAL, "落实废弃坑口、林区、水库等重点部位管护责任，设立警示标志"),
    (C.DUAL_DUTY, "通过群众大会、乡村大喇叭、微信群开展安全生产宣传教育"),
]

# (kind, meetings in a year, title, safety first always)
MEETINGS = [
    (M.PARTY_COMMITTEE, 12, "镇党委会（传达学习安全生产重要论述，研究部署当月安全生产工作）", False),
    (M.SAFETY_SPECIAL, 11, "安全生产专题会议（分析研判安全形势）", True),
    (M.THEORY_STUDY, 6, "镇党委理论学习中心组学习会（安全生产专题）", False),
    (M.CADRE_STAFF, 4, "全体机关干部职工会", False),
    (M.VILLAGE_TOWN, 3, "村两委干部大会（安全生产工作部署）", True),
    (M.ENTERPRISE_HEADS, 3, "全镇企业负责人安全生产会议", True),
    (M.FIRE_JOINT, 2, "消防联席会议", True),
    (M.ROAD_JOINT, 2, "道路交通联席会议", True),
]
VILLAGE_MEETINGS = 3  # 村两委会议 of the demo village
TOPICS = [
    "传达学习习近平总书记关于安全生产的重要论述和重要指示批示精神",
    "学习《陕州区安全生产基层基础提升实施方案（试行）》",
    "通报上月隐患排查整改情况和逾期未整改隐患",
    "部署节假日和重要时段安全防范工作",
    "部署森林防灭火和汛期地质灾害防范工作",
    "部署九小场所和沿街门店消防安全大排查、大整治",
]
DECISIONS = [
    "班子成员按挂钩联系制度本月内到挂钩单位检查指导一次",
    "应急管理办牵头，派出所、交管站配合，加强劝导点值守",
    "对逾期未整改隐患由分管领导约谈责任单位负责人",
    "各村落实日报告、零报告制度，网格员每日巡查",
    "组织开展一次应急演练，检验预案可操作性",
]
VISIT_CHECKS = [
    "检查安全生产责任制落实和全员安全培训档案",
    "检查消防设施器材、安全出口和疏散通道",
    "检查隐患排查治理台账和上次检查问题整改情况",
    "检查特种作业人员持证上岗和现场作业安全",
    "督导企业开展月度安全培训和应急演练",
]
VISIT_PROBLEMS = [
    "灭火器压力不足2具", "安全出口堆放杂物", "培训记录不完整", "配电箱未上锁、线路私拉乱接",
    "应急预案未按期修订",
]
VISIT_FOLLOW_UPS = ["当场督促整改完毕", "责令限期整改，已录入隐患台账", "下次走访复查"]


def pdf_scan(title: str) -> bytes:
    """A valid one-page PDF standing for a scanned agreement (ASCII text: PDF base fonts have no
    Chinese glyphs; the Chinese title goes into the document's metadata as UTF-16)."""
    text = f"Anjian demo: signed responsibility agreement {abs(hash_text(title)) % 10**8:08d}"
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    info_title = "FEFF" + title.encode("utf-16-be").hex().upper()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title <{info_title}> >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


def hash_text(text: str) -> int:
    """A stable number for a text (Python's hash() of a str changes between runs)."""
    value = 0
    for ch in text:
        value = (value * 131 + ord(ch)) % (2**61 - 1)
    return value
