"""Reads of the accidents ledger: the scoped list, the statistics with year-over-year change, and
the control indicators against their targets. The dashboard calls `accident_statistics`,
`year_over_year` and `indicator_status`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accidents import rules
from anjian.accidents.models import Accident, IndicatorYear
from anjian.regions.models import Region

MEASURES = ("count", "deaths", "injured", "loss")


def accident_list(user, *, action: str = "view") -> QuerySet:
    return Accident.objects.for_user(user, action)


def accident_page(accidents: QuerySet, number, *, per_page: int = 50) -> Page:
    rows = accidents.select_related("region", "region__parent", "unit").order_by(
        "-occurred_at", "-pk")
    return Paginator(rows, per_page).get_page(number)


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def in_period(accidents: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    """Accidents that occurred on the local days start … end (both included)."""
    return accidents.filter(occurred_at__gte=day_start(start),
                            occurred_at__lt=day_start(end + dt.timedelta(days=1)))


@dataclass
class Figures:
    """Counts of one group: accidents, deaths, injured (serious + minor), loss in yuan."""

    key: object = None
    label: str = ""
    count: int = 0
    deaths: int = 0
    missing: int = 0
    serious: int = 0
    minor: int = 0
    loss: Decimal = Decimal(0)

    @property
    def injured(self) -> int:
        return self.serious + self.minor

    @property
    def loss_wan(self) -> Decimal:
        return (self.loss / rules.WAN).quantize(Decimal("0.01"))

    def add(self, row: dict) -> None:
        self.count += 1
        self.deaths += row["deaths"]
        self.missing += row["missing"]
        self.serious += row["serious_injuries"]
        self.minor += row["minor_injuries"]
        self.loss += row["direct_loss"]


@dataclass
class AccidentStatistics:
    start: dt.date
    end: dt.date
    total: Figures
    by_type: list[Figures] = field(default_factory=list)
    by_region: list[Figures] = field(default_factory=list)
    by_month: list[Figures] = field(default_factory=list)
    by_grade: list[Figures] = field(default_factory=list)
    road_deaths: int = 0
    industrial_deaths: int = 0
    coal_deaths: int = 0


ROW_FIELDS = ("occurred_at", "classification_version", "type_code", "region__path", "deaths",
              "missing", "serious_injuries", "minor_injuries", "direct_loss", "grade",
              "road_traffic", "industrial", "coal_mine")


def _region_key(path: str) -> int:
    """The village (level 3) a region path lies in, or the deepest region above it."""
    parts = [int(p) for p in path.strip("/").split("/")]
    return parts[min(len(parts), 3) - 1]


def _grouped(groups: dict, labels: dict, order=None) -> list[Figures]:
    rows = []
    for key, figures in groups.items():
        figures.key, figures.label = key, labels.get(key, str(key))
        rows.append(figures)
    return sorted(rows, key=order or (lambda f: (-f.count, -f.deaths, f.label)))


def accident_statistics(accidents: QuerySet, start: dt.date, end: dt.date) -> AccidentStatistics:
    """Figures of the accidents that occurred from `start` to `end` (local days, inclusive): the
    total and by type, by village, by month and by grade."""
    from anjian.accidents.choices import AccidentGrade

    total = Figures(label=_("合计"))
    by_type: dict = defaultdict(Figures)
    by_region: dict = defaultdict(Figures)
    by_month: dict = defaultdict(Figures)
    by_grade: dict = defaultdict(Figures)
    stats = AccidentStatistics(start, end, total)
    for row in in_period(accidents, start, end).order_by().values(*ROW_FIELDS):
        total.add(row)
        by_type[(row["classification_version"], row["type_code"])].add(row)
        by_region[_region_key(row["region__path"])].add(row)
        local = timezone.localtime(row["occurred_at"])
        by_month[(local.year, local.month)].add(row)
        by_grade[row["grade"]].add(row)
        stats.road_deaths += row["deaths"] if row["road_traffic"] else 0
        stats.industrial_deaths += row["deaths"] if row["industrial"] else 0
        stats.coal_deaths += row["deaths"] if row["coal_mine"] else 0
    type_labels = {key: f"{rules.type_label(*key)}（{rules.VERSION_LABELS[key[0]]}）"
                   for key in by_type}
    region_labels = dict(Region.objects.filter(pk__in=list(by_region)).values_list("pk", "name"))
    stats.by_type = _grouped(by_type, type_labels)
    stats.by_region = _grouped(by_region, region_labels)
    stats.by_month = _grouped(by_month, {k: f"{k[0]}年{k[1]}月" for k in by_month},
                              order=lambda f: f.key)
    stats.by_grade = _grouped(by_grade, dict(AccidentGrade.choices),
                              order=lambda f: -rules.grade_rank(f.key))
    return stats


@dataclass
class Change:
    measure: str
    label: str
    current: object
    previous: object
    percent: Decimal | None

    @property
    def words(self) -> str:
        return rules.change_words(self.percent)


@dataclass
class YearOverYear:
    current: AccidentStatistics
    previous: AccidentStatistics
    changes: list[Change]

    def change(self, measure: str) -> Change:
        return next(c for c in self.changes if c.measure == measure)


MEASURE_LABELS = {"count": "事故起数", "deaths": "死亡人数", "injured": "受伤人数",
                  "loss": "直接经济损失（万元）"}


def year_over_year(accidents: QuerySet, start: dt.date, end: dt.date) -> YearOverYear:
    """The period's statistics against the same days a year earlier (同比)."""
    current = accident_statistics(accidents, start, end)
    previous = accident_statistics(accidents, rules.same_day_last_year(start),
                                   rules.same_day_last_year(end))
    changes = []
    for measure in MEASURES:
        attr = "loss_wan" if measure == "loss" else measure
        now, before = getattr(current.total, attr), getattr(previous.total, attr)
        exact_now = current.total.loss if measure == "loss" else now
        exact_before = previous.total.loss if measure == "loss" else before
        changes.append(Change(measure, MEASURE_LABELS[measure], now, before,
                              rules.change_percent(exact_now, exact_before)))
    return YearOverYear(current, previous, changes)


# Control indicators -------------------------------------------------------------------------------

@dataclass
class IndicatorRow:
    key: str
    label: str
    unit: str
    numerator: int
    denominator: object
    value: Decimal | int | None
    target: Decimal | int | None

    @property
    def within(self) -> bool | None:
        """Within the target (控制在指标内), exceeded (False), or unknown (None)."""
        if self.value is None or self.target is None:
            return None
        return self.value <= self.target


@dataclass
class IndicatorStatus:
    region: Region
    year: int
    start: dt.date
    end: dt.date
    indicator: IndicatorYear | None
    rows: list[IndicatorRow]

    @property
    def all_within(self) -> bool | None:
        known = [r.within for r in self.rows if r.within is not None]
        return all(known) if known else None


def indicator_status(region: Region, year: int, *, today: dt.date | None = None) -> IndicatorStatus:
    """The year's control indicators for `region` (its whole subtree; the caller checks the user
    may see the region): deaths per 亿元 GDP, road-traffic deaths per 10,000 vehicles, industry/
    mining/commerce deaths per 100,000 workers, coal deaths per million tonnes (⚠️ domain.md §7),
    year to date when `year` is the current one, against the targets entered for the year."""
    today = today or timezone.localdate()
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
    accidents = Accident.objects.filter(region__path__startswith=region.path)
    stats = accident_statistics(accidents, start, end)
    ind = IndicatorYear.objects.filter(region=region, year=year).first()

    def get(name):
        return getattr(ind, name) if ind else None

    deaths = stats.total.deaths
    coal_tonnes = get("coal_output")
    rows = [
        IndicatorRow("deaths", _("生产安全事故死亡人数"), _("人"), deaths, None, deaths,
                     get("target_deaths")),
        IndicatorRow("gdp", _("亿元GDP生产安全事故死亡率"), _("人/亿元"), deaths, get("gdp"),
                     rules.rate(deaths, get("gdp")), get("target_gdp_rate")),
        IndicatorRow("road", _("道路交通万车死亡率"), _("人/万车"), stats.road_deaths,
                     get("motor_vehicles"),
                     rules.rate(stats.road_deaths, get("motor_vehicles"), 10_000),
                     get("target_road_rate")),
        IndicatorRow("workers", _("工矿商贸就业人员十万人生产安全事故死亡率"), _("人/10万人"),
                     stats.industrial_deaths, get("industry_workers"),
                     rules.rate(stats.industrial_deaths, get("industry_workers"), 100_000),
                     get("target_worker_rate")),
    ]
    if coal_tonnes or get("target_coal_rate") is not None:
        rows.append(IndicatorRow(
            "coal", _("煤矿百万吨死亡率"), _("人/百万吨"), stats.coal_deaths, coal_tonnes,
            rules.rate(stats.coal_deaths, coal_tonnes, 100) if coal_tonnes else None,
            get("target_coal_rate")))
    return IndicatorStatus(region, year, start, end, ind, rows)


def home_region(user, label: str = "accidents.accident") -> Region | None:
    """The deepest region holding every region the user's grants on `label` reach (a town's
    office: the town; a village cadre: the village); None for unit-based users."""
    if user.is_superuser:
        return Region.objects.filter(level=1).order_by("pk").first()
    paths = [g.region_path.strip("/").split("/") for g in user.scope_grants
             if g.region_path and g.allows(label, "view")]
    if not paths:
        return None
    common: list[str] = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return Region.objects.filter(pk=int(common[-1])).first() if common else None
