"""Reads of daily reporting (日报告): who must report, what the platform already knows of a day, who
is missing, compliance over a period and the town's summary of a day.

The dashboard and the notification worker call `missing_reporters(town, day)` and
`compliance(scope, start, end)`; pages pass the user so everything stays inside the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core.scope import ADD, CHANGE, VIEW
from anjian.dailyreports.models import DEFAULT_CUTOFF, DailyReport, ReportSettings
from anjian.regions.choices import OrganisationKind, RegionLevel
from anjian.regions.models import Organisation, Region
from anjian.workdays.selectors import is_workday

LABEL = "dailyreports.dailyreport"
SETTINGS_LABEL = "dailyreports.reportsettings"
ONE_DAY = dt.timedelta(days=1)
# Organisations that receive reports or are no town agency: they file none.
NOT_REPORTING = (OrganisationKind.SAFETY_OFFICE, OrganisationKind.SAFETY_SERVICE)
# What an agency may do on its own organisation's reports (`accounts.roles.register_own_organisation`).
AGENCY_ACTIONS = frozenset({VIEW, ADD, CHANGE})


@dataclass(frozen=True)
class Reporter:
    """Someone who owes a daily report: a village/community or an agency (机关站所) of a town."""

    key: str  # "v<region id>" or "o<organisation id>": one string for forms, filters and the API
    name: str
    town_id: int
    region: Region  # the village, or the agency's own region
    organisation: Organisation | None = None
    contact: str = ""  # the village secretary (村支部书记) or the agency's first staff member
    phone: str = ""

    @property
    def is_village(self) -> bool:
        return self.organisation is None

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation else None

    def lookup(self) -> dict:
        """The filter that finds this reporter's reports."""
        if self.organisation is not None:
            return {"organisation": self.organisation}
        return {"region": self.region, "organisation": None}


# Towns, cut-off times ---------------------------------------------------------------------------

def town_of(region: Region) -> Region | None:
    """The town/street (乡镇/街道, level 2) holding `region` (itself when it is one)."""
    if region.level == RegionLevel.TOWN:
        return region
    return Region.objects.filter(pk__in=region.ancestor_ids, level=RegionLevel.TOWN).first()


def cutoff_for(town: Region) -> dt.time:
    """The town's cut-off time (截止时间), 17:00 until its safety office sets one."""
    value = ReportSettings.objects.filter(town=town).values_list("cutoff", flat=True).first()
    return value or DEFAULT_CUTOFF


def rest_days_owed(town: Region) -> bool:
    """Whether the town's reporters owe a report on rest days too (the default: every day)."""
    value = ReportSettings.objects.filter(town=town).values_list("rest_days", flat=True).first()
    return True if value is None else value


def is_report_day(town: Region, day: dt.date, rest_days: bool | None = None) -> bool:
    """Whether a report of `day` is owed: every day, or only workdays (工作日, from the workday
    calendar) when the town's office has freed rest days."""
    if rest_days is None:
        rest_days = rest_days_owed(town)
    return rest_days or is_workday(day)


def rest_days_of_towns(town_ids: Iterable[int]) -> dict[int, bool]:
    """`rest_days_owed` of several towns in one query."""
    town_ids = list(town_ids)
    found = dict(ReportSettings.objects.filter(town__in=town_ids)
                 .values_list("town_id", "rest_days"))
    return {pk: found.get(pk, True) for pk in town_ids}


def report_days(start: dt.date, last: dt.date, rest_days: bool) -> list[dt.date] | None:
    """The days of [start, last] a report is owed: None when every day is (no list needed)."""
    if rest_days:
        return None
    days = (start + dt.timedelta(days=n) for n in range(max((last - start).days + 1, 0)))
    return [day for day in days if is_workday(day)]


def deadline(town: Region, day: dt.date, cutoff: dt.time | None = None) -> dt.datetime:
    """The moment a report of `day` becomes late: the cut-off time of that day, local time."""
    return timezone.make_aware(dt.datetime.combine(day, cutoff or cutoff_for(town)))


def last_due_day(town: Region, now: dt.datetime | None = None, cutoff: dt.time | None = None):
    """The latest day whose report is owed by now: today once the cut-off has passed, else
    yesterday (a report of today is not missing before the cut-off)."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    return today if now >= deadline(town, today, cutoff) else today - ONE_DAY


# Reporters --------------------------------------------------------------------------------------

def _contacts(villages: list[Region], organisations: list[Organisation]) -> dict[str, tuple]:
    """key -> (name, phone): each village's secretary (else a cadre), each agency's first staff
    member with a phone (the agency's own phone comes first)."""
    rank = {Duty.VILLAGE_SECRETARY: 0, Duty.CADRE: 1}
    found: dict[str, tuple] = {}
    people = (Person.objects.filter(is_active=True, region__in=villages,
                                    duty__in=list(rank), organisation=None)
              .values_list("region_id", "duty", "name", "phone").order_by("name"))
    best: dict[int, tuple] = {}
    for region_id, duty, name, phone in people:
        candidate = (rank[duty], name, phone)
        if region_id not in best or candidate[0] < best[region_id][0]:
            best[region_id] = candidate
    for region_id, (_rank, name, phone) in best.items():
        found[f"v{region_id}"] = (name, phone)
    staff = (Person.objects.filter(is_active=True, organisation__in=organisations)
             .exclude(phone="").values_list("organisation_id", "name", "phone").order_by("pk"))
    for org_id, name, phone in staff:
        found.setdefault(f"o{org_id}", (name, phone))
    return found


def town_reporters(town: Region) -> list[Reporter]:
    """Every village/community of the town, then every agency of the town, in a stable order."""
    villages = list(Region.objects.filter(path__startswith=town.path, level=RegionLevel.VILLAGE)
                    .only("pk", "name", "path", "level", "code").order_by("code", "path"))
    organisations = list(Organisation.objects.filter(region__path__startswith=town.path,
                                                     is_active=True)
                         .exclude(kind__in=NOT_REPORTING).select_related("region")
                         .order_by("name"))
    contacts = _contacts(villages, organisations)
    result = []
    for village in villages:
        name, phone = contacts.get(f"v{village.pk}", ("", ""))
        result.append(Reporter(f"v{village.pk}", village.name, town.pk, village, None, name, phone))
    for org in organisations:
        name, phone = contacts.get(f"o{org.pk}", ("", ""))
        result.append(Reporter(f"o{org.pk}", org.name, town.pk, org.region, org, name,
                               org.phone or phone))
    return result


def _town_of_path(path: str, town_ids: set[int]) -> int | None:
    """The id among `town_ids` on a region path ("/county/town/village/"), or None."""
    return next((int(p) for p in path.strip("/").split("/") if p and int(p) in town_ids), None)


def reporters_of_towns(towns: Iterable[Region]) -> dict[int, list[Reporter]]:
    """`town_reporters` of several towns at once: town id -> the very list `town_reporters(town)`
    gives, in four queries whatever the number of towns (the dashboard of a county)."""
    towns = list(towns)
    if not towns:
        return {}
    town_ids = {t.pk for t in towns}
    within = Q()
    for t in towns:
        within |= Q(path__startswith=t.path)
    villages = list(Region.objects.filter(within, level=RegionLevel.VILLAGE)
                    .only("pk", "name", "path", "level", "code").order_by("code", "path"))
    org_within = Q()
    for t in towns:
        org_within |= Q(region__path__startswith=t.path)
    organisations = list(Organisation.objects.filter(org_within, is_active=True)
                         .exclude(kind__in=NOT_REPORTING).select_related("region")
                         .order_by("name"))
    contacts = _contacts(villages, organisations)
    result: dict[int, list[Reporter]] = {t.pk: [] for t in towns}
    for village in villages:
        town_id = _town_of_path(village.path, town_ids)
        name, phone = contacts.get(f"v{village.pk}", ("", ""))
        result[town_id].append(Reporter(f"v{village.pk}", village.name, town_id, village, None,
                                        name, phone))
    for org in organisations:
        town_id = _town_of_path(org.region.path, town_ids)
        name, phone = contacts.get(f"o{org.pk}", ("", ""))
        result[town_id].append(Reporter(f"o{org.pk}", org.name, town_id, org.region, org, name,
                                        org.phone or phone))
    return result


def reporter_from_key(key: str) -> Reporter | None:
    """The reporter a key names, or None when it names nothing that reports."""
    kind, digits = (key or "")[:1], (key or "")[1:]
    if kind not in ("v", "o") or not digits.isdigit():
        return None
    if kind == "v":
        region = Region.objects.filter(pk=int(digits), level=RegionLevel.VILLAGE).first()
        town = region and town_of(region)
        if town is None:
            return None
    else:
        org = (Organisation.objects.filter(pk=int(digits), is_active=True)
               .exclude(kind__in=NOT_REPORTING).select_related("region").first())
        town = org and town_of(org.region)
        if town is None:
            return None
    return next((r for r in town_reporters(town) if r.key == key), None)


# Scope ------------------------------------------------------------------------------------------

def reaches(user, action: str, reporter: Reporter) -> bool:
    """Whether the user may `action` the reports of `reporter` (the same rule as
    `DailyReport.scope_spec`, for a report that does not exist yet)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    for grant in user.scope_grants:
        if not grant.allows(LABEL, action):
            continue
        if grant.region_path is not None and reporter.region.path.startswith(grant.region_path):
            return True
        if reporter.organisation_id and reporter.organisation_id in grant.organisation_ids:
            return True
    return False


def towns_for_user(user, action: str = VIEW, label: str = LABEL) -> list[Region]:
    """The towns in which the user may `action` objects of `label` (by default some reporter's
    reports), in tree order."""
    if user.is_superuser:
        return list(Region.objects.filter(level=RegionLevel.TOWN).order_by("path"))
    q = Q()
    org_ids: set[int] = set()
    for grant in user.scope_grants:
        if not grant.allows(label, action):
            continue
        if grant.region_path is not None:
            ids = [int(p) for p in grant.region_path.strip("/").split("/") if p]
            q |= Q(path__startswith=grant.region_path) | Q(pk__in=ids)
        org_ids |= set(grant.organisation_ids)
    if org_ids:
        paths = Organisation.objects.filter(pk__in=org_ids).values_list("region__path", flat=True)
        for path in paths:
            q |= Q(pk__in=[int(p) for p in path.strip("/").split("/") if p])
    if not q:
        return []
    return list(Region.objects.filter(q, level=RegionLevel.TOWN).order_by("path"))


def reporters_for_user(user, action: str = VIEW, town: Region | None = None) -> list[Reporter]:
    """The reporters whose reports the user may `action` (in one town, or in every town)."""
    towns = [town] if town is not None else towns_for_user(user, action)
    return [r for t in towns for r in town_reporters(t) if reaches(user, action, r)]


def _visible(user, reporters: Iterable[Reporter]) -> list[Reporter]:
    return [r for r in reporters if user is None or reaches(user, VIEW, r)]


# What the platform already knows of a day ---------------------------------------------------------

def _day_range(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + ONE_DAY


def platform_counts(reporter: Reporter, day: dt.date) -> dict[str, int]:
    """Inspections done and hazards found that day as the platform recorded them: in the village
    (its grids included), or by the agency's staff. The filing form starts from these figures so
    the cadre confirms instead of counting."""
    from anjian.hazards.models import Hazard
    from anjian.inspections.models import InspectionRecord

    start, end = _day_range(day)
    records = InspectionRecord.objects.filter(inspected_at__gte=start, inspected_at__lt=end)
    hazards = Hazard.objects.filter(discovered_at__gte=start, discovered_at__lt=end)
    if reporter.organisation is not None:
        records = records.filter(inspectors__organisation=reporter.organisation)
        hazards = hazards.filter(discovered_by__person__organisation=reporter.organisation)
    else:
        subtree = Region.objects.filter(path__startswith=reporter.region.path).values("pk")
        records = records.filter(unit__region__in=subtree)
        hazards = hazards.filter(region__in=subtree)
    return {"inspections_count": records.values("pk").distinct().count(),
            "hazards_count": hazards.count()}


# The day's status, missing reporters -------------------------------------------------------------

def report_of(reporter: Reporter, day: dt.date) -> DailyReport | None:
    return DailyReport.objects.filter(date=day, **reporter.lookup()).first()


def _reports_by_key(town: Region, day: dt.date) -> dict[str, DailyReport]:
    reports = DailyReport.objects.filter(town=town, date=day).select_related("submitted_by")
    return {r.reporter_key: r for r in reports}


@dataclass
class DayRow:
    reporter: Reporter
    report: DailyReport | None


def day_status(town: Region, day: dt.date, user=None) -> list[DayRow]:
    """Each reporter of the town (those the user may see) with its report of `day`, or None."""
    reports = _reports_by_key(town, day)
    return [DayRow(r, reports.get(r.key)) for r in _visible(user, town_reporters(town))]


def day_status_of_towns(towns: Iterable[Region], day: dt.date, user=None
                        ) -> dict[int, list[DayRow]]:
    """`day_status` of several towns at once: town id -> the very rows `day_status(town, day,
    user)` gives, in five queries whatever the number of towns."""
    towns = list(towns)
    if not towns:
        return {}
    reports = (DailyReport.objects.filter(town__in=towns, date=day)
               .select_related("submitted_by"))
    by_key = {(r.town_id, r.reporter_key): r for r in reports}
    return {town_id: [DayRow(r, by_key.get((town_id, r.key))) for r in _visible(user, reporters)]
            for town_id, reporters in reporters_of_towns(towns).items()}


def missing_reporters(town: Region, day: dt.date, user=None) -> list[Reporter]:
    """The reporters of the town with no report of `day` (limited to those `user` may see); none
    on a day no report is owed."""
    if not is_report_day(town, day):
        return []
    return [row.reporter for row in day_status(town, day, user) if row.report is None]


# Compliance over a period -----------------------------------------------------------------------

@dataclass
class ComplianceRow:
    reporter: Reporter
    due: int
    filed: int
    on_time: int
    late: int
    zero: int

    @property
    def missing(self) -> int:
        return max(self.due - self.filed, 0)

    @property
    def rate(self) -> float:
        """Share of due days with a report (late ones included)."""
        return self.filed / self.due if self.due else 1.0

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.due if self.due else 1.0


def _scope_reporters(scope) -> list[Reporter]:
    """A user: the reporters whose reports they may see. A region: every reporter of the towns
    in it (a county, a town) or above it (a village: that village alone)."""
    if isinstance(scope, Region):
        if scope.level <= RegionLevel.TOWN:
            towns = list(Region.objects.filter(path__startswith=scope.path,
                                               level=RegionLevel.TOWN).order_by("path"))
            by_town = reporters_of_towns(towns)  # four queries, not four per town
            return [r for t in towns for r in by_town[t.pk]]
        town = town_of(scope)
        return [r for r in town_reporters(town) if r.region.path.startswith(scope.path)
                and r.is_village] if town else []
    return reporters_for_user(scope, VIEW)


def compliance(scope, start: dt.date, end: dt.date, now: dt.datetime | None = None
               ) -> list[ComplianceRow]:
    """Per reporter over [start, end]: days due, filed, on time, late, missing, rate. A day is due
    once its cut-off has passed (today counts after the cut-off) and, where the town frees rest
    days, only on workdays (reports filed on rest days then do not count); `scope` is a user or
    a region."""
    reporters = _scope_reporters(scope)
    by_town: dict[int, list[Reporter]] = {}
    for r in reporters:
        by_town.setdefault(r.town_id, []).append(r)
    rows = []
    towns = Region.objects.in_bulk(list(by_town))
    rest_days = rest_days_of_towns(by_town)
    for town_id, town_reps in by_town.items():
        town = towns[town_id]
        last = min(end, last_due_day(town, now))
        days = report_days(start, last, rest_days[town_id])
        due = max((last - start).days + 1, 0) if days is None else len(days)
        reports = DailyReport.objects.filter(town_id=town_id, date__gte=start, date__lte=last)
        if days is not None:
            reports = reports.filter(date__in=days)
        counts = (reports
                  .values("region_id", "organisation_id")
                  .annotate(filed=Count("pk"), late=Count("pk", filter=Q(is_late=True)),
                            zero=Count("pk", filter=Q(is_zero=True))).order_by())
        by_key = {(f"o{c['organisation_id']}" if c["organisation_id"] else f"v{c['region_id']}"): c
                  for c in counts}
        for r in town_reps:
            c = by_key.get(r.key, {"filed": 0, "late": 0, "zero": 0})
            rows.append(ComplianceRow(r, due, c["filed"], c["filed"] - c["late"], c["late"],
                                      c["zero"]))
    return rows


# The town's summary of a day --------------------------------------------------------------------

@dataclass
class TownSummary:
    town: Region
    day: dt.date
    cutoff: dt.time
    rows: list[DayRow]
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def filed(self) -> list[DayRow]:
        return [row for row in self.rows if row.report is not None]

    @property
    def missing(self) -> list[Reporter]:
        return [row.reporter for row in self.rows if row.report is None]

    @property
    def with_events(self) -> list[DayRow]:
        """Reports that tell something (events or measures), for the summary's text."""
        return [row for row in self.filed if row.report.events or row.report.measures]


def town_summary(town: Region, day: dt.date, user=None) -> TownSummary:
    """汇总: the day's totals, the events and measures reported, and who has not reported."""
    rows = day_status(town, day, user)
    filed = [row.report for row in rows if row.report is not None]
    totals = {
        "reporters": len(rows),
        "filed": len(filed),
        "missing": len(rows) - len(filed),
        "zero": sum(r.is_zero for r in filed),
        "late": sum(r.is_late for r in filed),
        "inspections": sum(r.inspections_count for r in filed),
        "hazards": sum(r.hazards_count for r in filed),
    }
    return TownSummary(town, day, cutoff_for(town), rows, totals)


# Lists ------------------------------------------------------------------------------------------

def report_list(user, action: str = VIEW):
    """The reports a user may see, with what list pages and exports display."""
    return (DailyReport.objects.for_user(user, action)
            .select_related("region", "organisation", "town", "submitted_by")
            .order_by("-date", "region__path", "organisation__name", "pk"))


def fileable(user, town: Region | None = None) -> list[Reporter]:
    """The reporters the user may file for (a village cadre: their village; an agency: itself)."""
    return reporters_for_user(user, ADD, town)
