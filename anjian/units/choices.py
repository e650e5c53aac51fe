"""Categories of supervised units (监管对象) and the code lists they use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    SMALL_VENUE = "small_venue", _("九小场所")
    STREET_SHOP = "street_shop", _("沿街门店")
    CROWDED_PLACE = "crowded_place", _("人员密集场所")
    MINE = "mine", _("矿山")
    TAILINGS_POND = "tailings_pond", _("尾矿库")
    ABANDONED_PIT = "abandoned_pit", _("废弃坑口")
    GAS_STATION = "gas_station", _("加油加气站")
    GAS_SALES_POINT = "gas_sales_point", _("燃气销售点")
    FIREWORKS_OUTLET = "fireworks_outlet", _("烟花爆竹经营点")
    FOREST_AREA = "forest_area", _("林区")
    RESERVOIR = "reservoir", _("水库")
    ROAD_SECTION = "road_section", _("道路路段")
    GEOLOGICAL_HAZARD = "geological_hazard", _("地质灾害点")
    ACCIDENT_PRONE_SPOT = "accident_prone_spot", _("事故易发点")


class Subcategory(models.TextChoices):
    # 企业, by the supervision-relevant industry
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", _("危险化学品企业")
    FIREWORKS_PRODUCTION = "fireworks_production", _("烟花爆竹企业")
    METALLURGY = "metallurgy", _("冶金")
    NONFERROUS = "nonferrous", _("有色")
    BUILDING_MATERIALS = "building_materials", _("建材")
    MACHINERY = "machinery", _("机械")
    LIGHT_INDUSTRY = "light_industry", _("轻工")
    TEXTILE = "textile", _("纺织")
    TOBACCO = "tobacco", _("烟草")
    COMMERCE_TRADE = "commerce_trade", _("商贸")
    CONSTRUCTION = "construction", _("建筑施工")
    ROAD_TRANSPORT = "road_transport", _("道路运输")
    FOOD_PROCESSING = "food_processing", _("食品加工")
    AGRICULTURE = "agriculture", _("农林牧渔")
    OTHER_ENTERPRISE = "other_enterprise", _("其他企业")
    # 九小场所: the nine kinds
    SMALL_SCHOOL = "small_school", _("小学校/幼儿园")
    SMALL_CLINIC = "small_clinic", _("小诊所")
    SMALL_SHOP = "small_shop", _("小商店")
    SMALL_RESTAURANT = "small_restaurant", _("小餐馆")
    SMALL_HOTEL = "small_hotel", _("小旅馆")
    SMALL_ENTERTAINMENT = "small_entertainment", _("小歌舞娱乐场所")
    SMALL_INTERNET_CAFE = "small_internet_cafe", _("小网吧")
    SMALL_BEAUTY_BATH = "small_beauty_bath", _("小美容洗浴场所")
    SMALL_PRODUCTION = "small_production", _("小生产加工企业")
    # 沿街门店
    STREET_SHOP = "street_shop", _("沿街门店")
    # 人员密集场所
    SCHOOL = "school", _("中小学校")
    KINDERGARTEN = "kindergarten", _("幼儿园")
    HEALTH_CENTRE = "health_centre", _("卫生院")
    HOSPITAL = "hospital", _("医院")
    NURSING_HOME = "nursing_home", _("敬老院")
    SUPERMARKET = "supermarket", _("商超")
    MARKET = "market", _("集贸市场")
    RELIGIOUS_SITE = "religious_site", _("宗教活动场所")
    POVERTY_RELIEF_WORKSHOP = "poverty_relief_workshop", _("扶贫车间")
    HOTEL = "hotel", _("宾馆饭店")
    PUBLIC_ENTERTAINMENT = "public_entertainment", _("公共娱乐场所")
    # 矿山
    METAL_MINE = "metal_mine", _("金属非金属矿山")
    COAL_MINE = "coal_mine", _("煤矿")
    QUARRY = "quarry", _("采石场")
    TAILINGS_POND = "tailings_pond", _("尾矿库")
    ABANDONED_PIT = "abandoned_pit", _("废弃坑口")
    GAS_STATION = "gas_station", _("加油站")
    GAS_FILLING_STATION = "gas_filling_station", _("加气站")
    LPG_POINT = "lpg_point", _("瓶装燃气供应点")
    FIREWORKS_RETAIL = "fireworks_retail", _("烟花爆竹零售点")
    FOREST_FARM = "forest_farm", _("林场")
    FOREST_PARK = "forest_park", _("森林公园")
    FOREST_LAND = "forest_land", _("林区")
    RESERVOIR = "reservoir", _("水库")
    ROAD_SECTION = "road_section", _("道路路段")
    LANDSLIDE = "landslide", _("滑坡")
    COLLAPSE = "collapse", _("崩塌")
    DEBRIS_FLOW = "debris_flow", _("泥石流")
    GROUND_SUBSIDENCE = "ground_subsidence", _("地面塌陷")
    ROAD_BLACKSPOT = "road_blackspot", _("事故多发路段")
    DANGEROUS_WATER = "dangerous_water", _("危险水域")
    OTHER_SPOT = "other_spot", _("其他易发点")


S = Subcategory
SUBCATEGORIES: dict[str, list[str]] = {
    Category.ENTERPRISE: [
        S.HAZARDOUS_CHEMICALS, S.FIREWORKS_PRODUCTION, S.METALLURGY, S.NONFERROUS,
        S.BUILDING_MATERIALS, S.MACHINERY, S.LIGHT_INDUSTRY, S.TEXTILE, S.TOBACCO,
        S.COMMERCE_TRADE, S.CONSTRUCTION, S.ROAD_TRANSPORT, S.FOOD_PROCESSING, S.AGRICULTURE,
        S.OTHER_ENTERPRISE,
    ],
    Category.SMALL_VENUE: [
        S.SMALL_SCHOOL, S.SMALL_CLINIC, S.SMALL_SHOP, S.SMALL_RESTAURANT, S.SMALL_HOTEL,
        S.SMALL_ENTERTAINMENT, S.SMALL_INTERNET_CAFE, S.SMALL_BEAUTY_BATH, S.SMALL_PRODUCTION,
    ],
    Category.STREET_SHOP: [S.STREET_SHOP],
    Category.CROWDED_PLACE: [
        S.SCHOOL, S.KINDERGARTEN, S.HEALTH_CENTRE, S.HOSPITAL, S.NURSING_HOME, S.SUPERMARKET,
        S.MARKET, S.RELIGIOUS_SITE, S.POVERTY_RELIEF_WORKSHOP, S.HOTEL, S.PUBLIC_ENTERTAINMENT,
    ],
    Category.MINE: [S.METAL_MINE, S.COAL_MINE, S.QUARRY],
    Category.TAILINGS_POND: [S.TAILINGS_POND],
    Category.ABANDONED_PIT: [S.ABANDONED_PIT],
    Category.GAS_STATION: [S.GAS_STATION, S.GAS_FILLING_STATION],
    Category.GAS_SALES_POINT: [S.LPG_POINT],
    Category.FIREWORKS_OUTLET: [S.FIREWORKS_RETAIL],
    Category.FOREST_AREA: [S.FOREST_FARM, S.FOREST_PARK, S.FOREST_LAND],
    Category.RESERVOIR: [S.RESERVOIR],
    Category.ROAD_SECTION: [S.ROAD_SECTION],
    Category.GEOLOGICAL_HAZARD: [S.LANDSLIDE, S.COLLAPSE, S.DEBRIS_FLOW, S.GROUND_SUBSIDENCE],
    Category.ACCIDENT_PRONE_SPOT: [S.ROAD_BLACKSPOT, S.DANGEROUS_WATER, S.OTHER_SPOT],
}
CATEGORY_OF_SUBCATEGORY = {sub: cat for cat, subs in SUBCATEGORIES.items() for sub in subs}


class RiskLevel(models.TextChoices):
    """Four-colour risk levels (四色, domain.md §5.1)."""

    RED = "red", _("重大风险（红）")
    ORANGE = "orange", _("较大风险（橙）")
    YELLOW = "yellow", _("一般风险（黄）")
    BLUE = "blue", _("低风险（蓝）")


class StandardisationGrade(models.TextChoices):
    """安全生产标准化 grade."""

    NONE = "none", _("未达标")
    LEVEL_1 = "level_1", _("一级")
    LEVEL_2 = "level_2", _("二级")
    LEVEL_3 = "level_3", _("三级")
    SMALL_MICRO = "small_micro", _("小微企业")


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    DEREGISTERED = "deregistered", _("已注销")


class IndustrySection(models.TextChoices):
    """GB/T 4754-2017 门类 (domain.md §8.3)."""

    A = "A", _("A 农、林、牧、渔业")
    B = "B", _("B 采矿业")
    C = "C", _("C 制造业")
    D = "D", _("D 电力、热力、燃气及水生产和供应业")
    E = "E", _("E 建筑业")
    F = "F", _("F 批发和零售业")
    G = "G", _("G 交通运输、仓储和邮政业")
    H = "H", _("H 住宿和餐饮业")
    I = "I", _("I 信息传输、软件和信息技术服务业")  # noqa: E741
    J = "J", _("J 金融业")
    K = "K", _("K 房地产业")
    L = "L", _("L 租赁和商务服务业")
    M = "M", _("M 科学研究和技术服务业")
    N = "N", _("N 水利、环境和公共设施管理业")
    O = "O", _("O 居民服务、修理和其他服务业")  # noqa: E741
    P = "P", _("P 教育")
    Q = "Q", _("Q 卫生和社会工作")
    R = "R", _("R 文化、体育和娱乐业")
    S = "S", _("S 公共管理、社会保障和社会组织")
    T = "T", _("T 国际组织")
