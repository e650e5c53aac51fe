"""The columns of a unit ledger, the header names offices give them, and finding the header row(s)
in a messy sheet: title rows and a "填报单位：… 日期：…" line above it, headers over two rows with
merged parent cells, spaces (also full-width) inside names, synonyms, any order, repeats."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from anjian.units.ledger.cells import nfkc, to_text

_PRINCIPAL = ["主要负责人", "负责人", "法定代表人", "法人", "法人代表", "经营者", "业主", "法定代表人(负责人)"]
_OFFICER = ["安全管理员", "安全管理人员", "安全员", "安全负责人", "安全生产管理人员"]
_PHONE = ["电话", "联系电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"]
_NAME = ["姓名", "名字"]


@dataclass(frozen=True)
class Column:
    key: str  # a Unit field, or "village" / "grid" (→ region) or "seq" (ignored)
    header: str  # the header Anjian writes (export and template)
    synonyms: tuple[str, ...] = ()
    width: int = 12  # column width in the written ledger


def _people(prefixes, suffixes) -> tuple[str, ...]:
    return tuple(p + s for p in prefixes for s in suffixes)


COLUMNS: list[Column] = [
    Column("seq", "序号", ("编号", "序", "no", "no.", "行号"), 6),
    Column("name", "单位名称", ("名称", "企业名称", "场所名称", "单位(场所)名称", "企业(单位)名称",
                              "监管对象名称", "对象名称", "店名", "门店名称", "商户名称", "店铺名称",
                              "生产经营单位名称", "单位全称", "企业全称"), 28),
    Column("credit_code", "统一社会信用代码", ("信用代码", "社会信用代码", "统一信用代码",
                                          "社会统一信用代码", "营业执照号", "营业执照号码",
                                          "统一社会信用代码(营业执照号)", "组织机构代码"), 22),
    Column("category", "类别", ("单位类别", "场所类别", "对象类别", "类型", "单位类型", "场所类型",
                              "监管类别", "大类", "监管对象类别"), 12),
    Column("subcategory", "子类", ("小类", "细类", "子类别", "具体类型", "场所小类", "具体类别",
                                 "场所性质"), 14),
    Column("industry_section", "行业门类", ("国民经济行业门类", "门类", "所属行业", "行业"), 12),
    Column("industry_code", "行业代码", ("国民经济行业代码", "行业分类代码"), 10),
    Column("village", "所在村（社区）", ("所在村", "村(社区)", "村居", "村(居)", "村社区", "所属村",
                                      "所属村(社区)", "村/社区", "所在村居", "行政村", "村名",
                                      "村委会", "社区", "村", "所在村(居)", "村(居)委会",
                                      "所属村居"), 14),
    Column("grid", "网格", ("所在网格", "所属网格", "网格名称", "网格编号", "网格编码"), 16),
    Column("address", "地址", ("详细地址", "经营地址", "单位地址", "所在地址", "场所地址", "住所",
                             "经营场所", "位置", "地点", "所在位置", "生产经营地址"), 30),
    Column("longitude", "经度", ("lng", "lon", "longitude", "东经"), 12),
    Column("latitude", "纬度", ("lat", "latitude", "北纬"), 12),
    Column("principal", "主要负责人", (*_PRINCIPAL, *_people(_PRINCIPAL, _NAME)), 12),
    Column("principal_phone", "负责人电话", (*_PHONE, *_people(_PRINCIPAL, _PHONE)), 16),
    Column("safety_officer", "安全管理员", (*_OFFICER, *_people(_OFFICER, _NAME)), 12),
    Column("safety_officer_phone", "安全管理员电话", _people(_OFFICER, _PHONE), 16),
    Column("employees", "从业人数", ("从业人员数", "从业人员数量", "职工人数", "员工人数", "从业人员",
                                 "人数", "职工数", "员工数", "从业人数(人)"), 10),
    Column("above_designated_size", "规模以上", ("是否规模以上", "规上企业", "是否规上", "规上",
                                             "规模以上企业", "是否规上企业"), 10),
    Column("standardisation_grade", "安全生产标准化等级", ("标准化等级", "标准化达标等级",
                                                     "安全标准化等级", "标准化", "标准化级别"), 14),
    Column("risk_level", "风险等级", ("风险级别", "风险分级", "安全风险等级", "四色等级", "风险颜色",
                                  "风险等级(四色)"), 14),
    Column("linked_leader", "挂钩领导", ("包保领导", "联系领导", "包联领导", "挂钩联系领导", "包保责任人"), 10),
    Column("floor_area", "建筑面积（㎡）", ("建筑面积", "面积", "营业面积", "经营面积", "建筑面积(平方米)",
                                       "占地面积"), 12),
    Column("warning_signs", "警示标志", ("警示标识", "警示牌", "警示标志设置"), 16),
    Column("notes", "备注", ("说明", "其他", "备注说明"), 20),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
LABELS = {c.key: c.header for c in COLUMNS}
LABELS["region"] = "所在村（社区）/网格"

_MARKS_RE = re.compile(r"[\s*＊※:：]+")
_PAREN_RE = re.compile(r"\([^()]*\)")


def header_key(text: str) -> str:
    return _MARKS_RE.sub("", nfkc(text)).lower()


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, *column.synonyms):
            index.setdefault(header_key(name), column.key)
    return index


HEADER_INDEX = _build_index()


def resolve(text: str) -> str | None:
    """The column key for a header text, or None."""
    key = header_key(text)
    if not key:
        return None
    found = HEADER_INDEX.get(key)
    if found is None and "(" in key:
        found = HEADER_INDEX.get(_PAREN_RE.sub("", key))
    return found


@dataclass
class Header:
    rows: tuple[int, ...]  # the sheet rows (0-based) that make the header
    keys: list[str | None]  # per column: the column key, or None when not recognised
    texts: list[str]  # per column: the header as written (both rows joined)
    preamble: list[str] = field(default_factory=list)  # text of the rows above the header

    @property
    def fields(self) -> set[str]:
        return {k for k in self.keys if k and k != "seq"}


def _fill_merged(rows: list[list], merged, first: int) -> list[list[str]]:
    """Header rows as text, each merged range carrying its top-left value into every cell."""
    texts = [[to_text(v) for v in row] for row in rows]
    for (r0, c0), (r1, c1) in merged or ():
        if r1 < first or r0 >= first + len(rows):
            continue
        value = texts[r0 - first][c0] if 0 <= r0 - first < len(texts) and c0 < len(texts[r0 - first]) else ""
        for r in range(max(r0, first), min(r1, first + len(rows) - 1) + 1):
            row = texts[r - first]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value
    return texts


def _two_row(parent: list[str], child: list[str]) -> tuple[list[str | None], list[str]]:
    keys: list[str | None] = []
    texts: list[str] = []
    for j, (p, c) in enumerate(zip(parent, child, strict=False)):
        if not c or c == p:
            keys.append(resolve(p))
            texts.append(p)
            continue
        grouped = (j > 0 and parent[j - 1] == p) or (j + 1 < len(parent) and parent[j + 1] == p)
        key = resolve(p + c)
        if key is None and (grouped or not p or resolve(p) is None):
            key = resolve(c)
        elif key is None:
            key = resolve(p)
        keys.append(key)
        texts.append(f"{p}{c}" if p else c)
    return keys, texts


def _distinct(row: list[str]) -> list[str]:
    """Non-empty texts of a row, a merged cell's text once."""
    return [t for j, t in enumerate(row) if t and (j == 0 or row[j - 1] != t)]


def _score(keys) -> int:
    return len({k for k in keys if k and k != "seq"})


def find_header(rows: list[list], merged=None, first: int = 0) -> Header | None:
    """The best header among the first rows of a sheet: one row, or two rows where the upper one
    groups the lower one (主要负责人 over 姓名 | 电话). Needs the unit name and one more column."""
    texts = _fill_merged(rows, merged, first)
    width = max((len(r) for r in texts), default=0)
    texts = [r + [""] * (width - len(r)) for r in texts]
    best: tuple[int, int, int] | None = None  # (score, -rows, -index)
    chosen: Header | None = None
    for i, row in enumerate(texts):
        candidates = [((i,), [resolve(t) for t in row], row)]
        if i + 1 < len(texts):
            keys, joined = _two_row(row, texts[i + 1])
            candidates.append(((i, i + 1), keys, joined))
        for header_rows, keys, joined in candidates:
            if "name" not in keys:
                continue
            rank = (_score(keys), -len(header_rows), -i)
            if rank[0] >= 2 and (best is None or rank > best):
                best = rank
                preamble = [" ".join(_distinct(r)) for r in texts[:i]]
                chosen = Header(tuple(first + r for r in header_rows), keys, joined,
                                [p for p in preamble if p])
    return chosen
