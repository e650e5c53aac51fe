"""Code lists of safety commitments (安全承诺) and risk reports (风险报告)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.units.choices import RiskLevel  # noqa: F401  (四色: the colour of an assessment)


class Method(models.TextChoices):
    LEC = "lec", _("LEC 作业条件危险性评价法")
    LS = "ls", _("LS 风险矩阵法")


class FilingGroup(models.TextChoices):
    """Which units owe a daily commitment (安全风险研判与承诺公告); the town chooses (a practice
    default, not a national rule)."""

    HAZARDOUS_CHEMICALS = "hazardous_chemicals", _("危险化学品企业")
    MINES = "mines", _("矿山")
    TAILINGS_PONDS = "tailings_ponds", _("尾矿库")
    GAS_STATIONS = "gas_stations", _("加油加气站")
    GAS_SALES_POINTS = "gas_sales_points", _("燃气销售点")
    FIREWORKS = "fireworks", _("烟花爆竹企业及经营点")
    ABOVE_SIZE = "above_size", _("规模以上企业")
    ALL_ENTERPRISES = "all_enterprises", _("全部企业")


DEFAULT_FILING_GROUPS = [FilingGroup.HAZARDOUS_CHEMICALS, FilingGroup.MINES,
                         FilingGroup.TAILINGS_PONDS, FilingGroup.GAS_STATIONS,
                         FilingGroup.FIREWORKS, FilingGroup.ABOVE_SIZE]

# Each group as a filter on units.Unit.
GROUP_Q = {
    FilingGroup.HAZARDOUS_CHEMICALS: Q(subcategory="hazardous_chemicals"),
    FilingGroup.MINES: Q(category="mine"),
    FilingGroup.TAILINGS_PONDS: Q(category="tailings_pond"),
    FilingGroup.GAS_STATIONS: Q(category="gas_station"),
    FilingGroup.GAS_SALES_POINTS: Q(category="gas_sales_point"),
    FilingGroup.FIREWORKS: Q(category="fireworks_outlet") | Q(subcategory="fireworks_production"),
    FilingGroup.ABOVE_SIZE: Q(above_designated_size=True),
    FilingGroup.ALL_ENTERPRISES: Q(category="enterprise"),
}

# The 研判 items of the common 承诺公告 template: (field, label), each "under control" (受控) or not.
JUDGEMENT_ITEMS = [
    ("equipment_ok", _("重点设备设施运行正常，处于受控状态")),
    ("dangerous_work_ok", _("动火、受限空间、高处、吊装等危险作业审批和监护措施落实")),
    ("special_operators_ok", _("特种作业人员持证上岗")),
    ("hazards_ok", _("隐患已整改或防范措施落实到位")),
    ("key_places_ok", _("重大危险源和重点部位安全风险得到有效管控")),
]
# Stored as the record's text (data, not an interface string).
DEFAULT_COMMITMENT = (
    "今天我单位已进行安全风险研判，各项安全风险防控措施已落实到位，我承诺所有生产装置和设备设施"
    "处于安全运行状态，重大危险源和重点部位安全风险得到有效管控。")
