"""Choice labels as clerks write them: category, sub-category, risk level, standardisation grade and
industry section, by their Chinese label, their code, or a common synonym (小餐饮 → small_restaurant)."""

from __future__ import annotations

import re
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _

from anjian.units.choices import (
    CATEGORY_OF_SUBCATEGORY,
    SUBCATEGORIES,
    Category,
    IndustrySection,
    RiskLevel,
    StandardisationGrade,
    Subcategory,
)
from anjian.units.ledger.cells import CellError, is_missing, squash, to_text

C, S = Category, Subcategory
CATEGORY_SYNONYMS = {
    C.ENTERPRISE: ["工贸企业", "生产经营单位", "企业单位", "工矿企业"],
    C.SMALL_VENUE: ["九小", "九小场所", "小场所", "九小单位"],
    C.STREET_SHOP: ["门店", "沿街商铺", "沿街店铺", "临街门店"],
    C.CROWDED_PLACE: ["人员密集", "人员密集场所", "公众聚集场所"],
    C.MINE: ["非煤矿山", "矿山企业"],
    C.ABANDONED_PIT: ["废弃矿坑口", "坑口", "废弃矿井"],
    C.GAS_STATION: ["加油站", "加气站", "加油(气)站"],
    C.GAS_SALES_POINT: ["燃气经营点", "液化气站", "燃气供应点"],
    C.FIREWORKS_OUTLET: ["烟花爆竹零售点", "烟花爆竹销售点"],
    C.FOREST_AREA: ["林场", "林地"],
    C.GEOLOGICAL_HAZARD: ["地灾点", "地质灾害隐患点"],
    C.ACCIDENT_PRONE_SPOT: ["事故多发点", "易发点"],
}
SUBCATEGORY_SYNONYMS = {
    S.HAZARDOUS_CHEMICALS: ["危化品企业", "危险化学品", "危化"],
    S.FIREWORKS_PRODUCTION: ["烟花爆竹生产企业"],
    S.COMMERCE_TRADE: ["商贸企业"],
    S.CONSTRUCTION: ["建筑", "建筑企业"],
    S.ROAD_TRANSPORT: ["运输企业", "道路运输企业"],
    S.FOOD_PROCESSING: ["食品企业", "食品生产"],
    S.OTHER_ENTERPRISE: ["其他"],
    S.SMALL_SCHOOL: ["小学校", "小幼儿园", "小学校或幼儿园", "小学校(幼儿园)", "小托育机构"],
    S.SMALL_CLINIC: ["小医院", "小诊所", "诊所", "卫生室", "村卫生室", "小医疗机构"],
    S.SMALL_SHOP: ["小商店", "小商场", "小超市", "商店", "便利店", "小卖部", "小商店(小商场)"],
    S.SMALL_RESTAURANT: ["小餐饮", "小餐饮场所", "小饭店", "小饭馆", "小吃店", "餐馆", "小餐饮店"],
    S.SMALL_HOTEL: ["小旅馆", "旅馆", "小宾馆", "小旅社"],
    S.SMALL_ENTERTAINMENT: ["小歌舞娱乐场所", "小娱乐场所", "歌舞厅"],
    S.SMALL_INTERNET_CAFE: ["小网吧", "网吧"],
    S.SMALL_BEAUTY_BATH: ["小美容洗浴场所", "小美容美发", "小洗浴", "美容美发", "小美容院", "洗浴"],
    S.SMALL_PRODUCTION: ["小生产加工企业", "小生产加工", "小加工", "小作坊", "小生产加工场所"],
    S.STREET_SHOP: ["门店", "沿街商铺", "沿街店铺"],
    S.SCHOOL: ["中小学", "学校", "小学", "中学", "初中"],
    S.HEALTH_CENTRE: ["乡镇卫生院", "社区卫生服务中心"],
    S.NURSING_HOME: ["养老院", "福利院", "养老机构"],
    S.SUPERMARKET: ["超市", "商场", "中型超市"],
    S.MARKET: ["农贸市场", "市场"],
    S.RELIGIOUS_SITE: ["寺庙", "教堂"],
    S.HOTEL: ["宾馆", "酒店", "饭店"],
    S.METAL_MINE: ["非煤矿山", "金属矿山"],
    S.LPG_POINT: ["液化气站", "液化石油气供应点", "燃气供应点"],
    S.FIREWORKS_RETAIL: ["烟花爆竹经营点", "烟花爆竹销售点"],
    S.FOREST_LAND: ["林地"],
    S.ROAD_SECTION: ["路段"],
    S.ROAD_BLACKSPOT: ["事故多发点", "黑点路段"],
    S.DANGEROUS_WATER: ["坑塘", "水塘"],
}
RISK_SYNONYMS = {
    RiskLevel.RED: ["红", "红色", "重大", "重大风险", "红色风险"],
    RiskLevel.ORANGE: ["橙", "橙色", "较大", "较大风险", "橙色风险"],
    RiskLevel.YELLOW: ["黄", "黄色", "一般", "一般风险", "黄色风险"],
    RiskLevel.BLUE: ["蓝", "蓝色", "低", "低风险", "较低风险", "蓝色风险"],
}
GRADE_SYNONYMS = {
    StandardisationGrade.NONE: ["未达标", "不达标", "未评定", "未创建"],
    StandardisationGrade.LEVEL_1: ["一级", "1级", "一级达标"],
    StandardisationGrade.LEVEL_2: ["二级", "2级", "二级达标"],
    StandardisationGrade.LEVEL_3: ["三级", "3级", "三级达标"],
    StandardisationGrade.SMALL_MICRO: ["小微", "小微企业", "小微企业达标"],
}
_SPLIT_RE = re.compile(r"[-—/／、|()（）:：]+")


def _index(choices, synonyms: dict) -> dict[str, str]:
    index: dict[str, str] = {}
    with translation.override("zh-hans"):
        for value, label in choices.choices:
            for name in (value, str(label), *synonyms.get(value, [])):
                index.setdefault(squash(name), value)
    return index


@cache
def indexes() -> dict[str, dict[str, str]]:
    sections = _index(IndustrySection, {})
    with translation.override("zh-hans"):
        for value, label in IndustrySection.choices:
            sections.setdefault(squash(str(label)[2:]), value)  # the name without its letter
    per_category = {}
    subs_all = _index(Subcategory, SUBCATEGORY_SYNONYMS)
    for category, subs in SUBCATEGORIES.items():
        per_category[category] = {k: v for k, v in subs_all.items() if v in subs}
    return {
        "category": _index(Category, CATEGORY_SYNONYMS),
        "subcategory": subs_all,
        "risk_level": _index(RiskLevel, RISK_SYNONYMS),
        "standardisation_grade": _index(StandardisationGrade, GRADE_SYNONYMS),
        "industry_section": sections,
        **{f"sub:{c}": idx for c, idx in per_category.items()},
    }


def _labels(choices) -> str:
    with translation.override("zh-hans"):
        return "、".join(str(label) for _v, label in choices.choices)


def to_choice(field: str, value) -> str:
    """Risk level, standardisation grade or industry section by label, code or synonym."""
    text = to_text(value)
    if is_missing(text):
        return ""
    found = indexes()[field].get(squash(text))
    if found is None and field == "industry_section":
        found = indexes()[field].get(squash(text)[:1].lower()) if text[:1].isascii() else None
    if found is None:
        choices = {"risk_level": RiskLevel, "standardisation_grade": StandardisationGrade,
                   "industry_section": IndustrySection}[field]
        raise CellError(_("无法识别“%(v)s”，可填：%(opts)s") % {"v": text, "opts": _labels(choices)})
    return found


def _sub_in(category: str, key: str) -> str | None:
    own = indexes()[f"sub:{category}"]
    found = own.get(key)
    if found is None and category == Category.SMALL_VENUE and not key.startswith("小"):
        found = own.get("小" + key)
    return found


def to_kind(category_value, subcategory_value) -> tuple[str, str, dict[str, str]]:
    """(category, subcategory, errors) from the two cells as typed. Either may be missing: a
    sub-category implies its category; a category with a single kind implies it; a category cell
    may also hold "九小场所-小餐馆" or just "小餐馆"."""
    idx = indexes()
    cat_text, sub_text = to_text(category_value), to_text(subcategory_value)
    cat_key, sub_key = squash(cat_text), squash(sub_text)
    category = idx["category"].get(cat_key, "") if cat_key else ""
    subcategory = ""
    errors: dict[str, str] = {}
    if cat_key and not category:
        parts = [p for p in _SPLIT_RE.split(cat_key) if p]
        if len(parts) > 1 and parts[0] in idx["category"]:
            category = idx["category"][parts[0]]
            sub_key = sub_key or parts[-1]
        elif cat_key in idx["subcategory"] and not sub_key:
            sub_key = cat_key
        else:
            errors["category"] = _("未知的类别“%(v)s”，可填：%(opts)s") % {
                "v": cat_text, "opts": _labels(Category)}
    if sub_key:
        subcategory = (_sub_in(category, sub_key) if category else None) or ""
        if not subcategory:
            subcategory = idx["subcategory"].get(sub_key, "")
        if not subcategory:
            errors["subcategory"] = _("未知的子类“%(v)s”") % {"v": sub_text or cat_text}
    if subcategory and not category and "category" not in errors:
        category = CATEGORY_OF_SUBCATEGORY[subcategory]
    if category and not subcategory and not sub_key and len(SUBCATEGORIES[category]) == 1:
        subcategory = SUBCATEGORIES[category][0]
    return category, subcategory, errors
