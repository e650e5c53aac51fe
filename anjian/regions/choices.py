from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    """Depth in the tree: county → town/street → village/community → grid (三级联动 + 网格)."""

    COUNTY = 1, _("县（区）")
    TOWN = 2, _("乡镇（街道）")
    VILLAGE = 3, _("村（社区）")
    GRID = 4, _("网格")


class RegionKind(models.TextChoices):
    DISTRICT = "district", _("区")
    COUNTY = "county", _("县")
    TOWN = "town", _("镇")
    TOWNSHIP = "township", _("乡")
    STREET = "street", _("街道")
    VILLAGE = "village", _("村")
    COMMUNITY = "community", _("社区")
    GRID = "grid", _("网格")


KIND_LEVEL = {
    RegionKind.DISTRICT: RegionLevel.COUNTY,
    RegionKind.COUNTY: RegionLevel.COUNTY,
    RegionKind.TOWN: RegionLevel.TOWN,
    RegionKind.TOWNSHIP: RegionLevel.TOWN,
    RegionKind.STREET: RegionLevel.TOWN,
    RegionKind.VILLAGE: RegionLevel.VILLAGE,
    RegionKind.COMMUNITY: RegionLevel.VILLAGE,
    RegionKind.GRID: RegionLevel.GRID,
}


class OrganisationKind(models.TextChoices):
    """机关站所 and other organisations that act in the three-level linkage."""

    SAFETY_OFFICE = "safety_office", _("应急管理办公室")
    POLICE_STATION = "police_station", _("派出所")
    HEALTH_CENTRE = "health_centre", _("卫生院")
    TRAFFIC_STATION = "traffic_station", _("交管站")
    FIRE_SERVICE = "fire_service", _("消防服务中心")
    SCHOOL = "school", _("中心校")
    POWER_OFFICE = "power_office", _("电管所")
    ENFORCEMENT_TEAM = "enforcement_team", _("综合行政执法队")
    MARKET_SUPERVISION = "market_supervision", _("市场监管所")
    NATURAL_RESOURCES = "natural_resources", _("自然资源所")
    FORESTRY_STATION = "forestry_station", _("林业站")
    WATER_STATION = "water_station", _("水利站")
    AGRICULTURE = "agriculture", _("农业服务中心")
    PLANNING_CONSTRUCTION = "planning_construction", _("规划建设办")
    SAFETY_SERVICE = "safety_service", _("安全服务机构")
    OTHER = "other", _("其他")
