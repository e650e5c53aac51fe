"""Reads of the training and publicity ledgers: scoped lists, the monthly-training compliance of
enterprises (每月一次), the training-hours ledger per person, the publicity calendar and totals."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import VIEW
from anjian.regions.models import Region
from anjian.training.choices import AttendeeRole, PublicityKind
from anjian.training.models import Attendance, PublicityActivity, PublicityMaterial, TrainingSession
from anjian.training.rules import Requirement, hours_status, is_high_risk, required_hours
from anjian.units.choices import Category, UnitStatus
from anjian.units.models import Unit

# Units that owe a training every month (每月一次): enterprises and mines.
MONTHLY_CATEGORIES = (Category.ENTERPRISE, Category.MINE, Category.TAILINGS_POND)


def session_list(user, action: str = VIEW):
    return (TrainingSession.objects.for_user(user, action).select_related("region", "unit")
            .annotate(listed=Count("attendances")).order_by("-held_on", "-pk"))


def activity_list(user, action: str = VIEW):
    return (PublicityActivity.objects.for_user(user, action).select_related("region")
            .annotate(handed_out=Sum("materials__quantity")).order_by("-held_on", "-pk"))


def _in_region(region: Region | None, field: str = "region") -> Q:
    if region is None:
        return Q()
    return Q(**{f"{field}__path__startswith": region.path})


# Monthly training compliance ----------------------------------------------------------------------

@dataclass
class ComplianceRow:
    unit: Unit
    months: list[bool | None]  # None: a month not yet come
    held: int = 0
    due: int = 0

    @property
    def missed(self) -> int:
        return self.due - self.held

    @property
    def rate(self) -> float:
        return self.held / self.due if self.due else 1.0


@dataclass
class Compliance:
    year: int
    months_due: int
    rows: list[ComplianceRow] = field(default_factory=list)

    @property
    def compliant_units(self) -> int:
        return sum(1 for r in self.rows if r.missed == 0)

    def month_totals(self) -> list[int | None]:
        return [None if m >= self.months_due else sum(1 for r in self.rows if r.months[m])
                for m in range(12)]


def training_compliance(region: Region | None, year: int, units=None,
                        today: dt.date | None = None) -> Compliance:
    """Per enterprise (and mine, tailings pond) in `region` (or of `units`): in which months of
    `year` it held or attended at least one training. Months after today are not yet due."""
    today = today or timezone.localdate()
    months_due = 0 if year > today.year else 12 if year < today.year else today.month
    qs = units if units is not None else Unit.objects.all()
    qs = (qs.filter(_in_region(region), category__in=MONTHLY_CATEGORIES,
                    status=UnitStatus.ACTIVE).order_by("region__path", "name"))
    result = Compliance(year, months_due)
    unit_list = list(qs.select_related("region"))
    ids = [u.pk for u in unit_list]
    held: dict[int, set[int]] = defaultdict(set)
    sessions = TrainingSession.objects.filter(held_on__year=year)
    for unit_id, month in sessions.filter(unit__in=ids).values_list("unit_id", "held_on__month"):
        held[unit_id].add(month)
    through = TrainingSession.participating_units.through
    for unit_id, month in through.objects.filter(
            unit_id__in=ids, trainingsession__held_on__year=year).values_list(
            "unit_id", "trainingsession__held_on__month"):
        held[unit_id].add(month)
    for unit in unit_list:
        months = [None if m > months_due else (m in held[unit.pk]) for m in range(1, 13)]
        row = ComplianceRow(unit, months, held=sum(1 for m in months if m),
                            due=months_due)
        result.rows.append(row)
    return result


# Training hours per person ------------------------------------------------------------------------

@dataclass
class HoursRow:
    name: str
    unit: Unit | None
    role: str
    hours: Decimal
    sessions: int
    requirement: Requirement
    person_id: int | None = None

    @property
    def status(self) -> str:
        return hours_status(self.hours, self.requirement)

    @property
    def role_label(self) -> str:
        return str(AttendeeRole(self.role).label)


def hours_ledger(attendances, year: int) -> list[HoursRow]:
    """学时台账: one row per person (a person on the tree, else a name within a unit) with the hours
    they attended in `year` against what domain.md §10.1 requires of their role. New workers owe
    the initial training; principals and safety managers the annual refresher."""
    rows: dict[tuple, HoursRow] = {}
    qs = (attendances.filter(session__held_on__year=year)
          .select_related("unit").order_by("session__held_on", "pk"))
    for a in qs:
        key = ("p", a.person_id) if a.person_id else ("n", a.name, a.unit_id)
        row = rows.get(key)
        if row is None:
            high = bool(a.unit_id) and is_high_risk(a.unit.category, a.unit.subcategory)
            row = rows[key] = HoursRow(a.name, a.unit, a.role, Decimal(0), 0, Requirement(None, ""),
                                       a.person_id)
            row.high_risk = high  # type: ignore[attr-defined]
        row.hours += a.hours
        row.sessions += 1
        row.role = a.role  # the latest role counts (a new worker becomes a worker …)
    for row in rows.values():
        row.requirement = required_hours(row.role, high_risk=row.high_risk,  # type: ignore
                                         initial=row.role == AttendeeRole.NEW_WORKER)
    return sorted(rows.values(), key=lambda r: (r.unit.name if r.unit else "", r.name))


def attendances_for(user):
    """Attendance rows of the sessions the user may see."""
    return Attendance.objects.filter(session__in=TrainingSession.objects.for_user(user)
                                     .values("pk"))


def unit_sessions(unit: Unit):
    """A unit's training archive (培训档案): sessions it organised or took part in."""
    return (TrainingSession.objects.filter(Q(unit=unit) | Q(participating_units=unit))
            .distinct().select_related("region", "unit").order_by("-held_on", "-pk"))


# Publicity ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PublicityDate:
    start: dt.date
    end: dt.date
    name: str
    kind: str


def publicity_dates(year: int) -> list[PublicityDate]:
    """The national publicity dates of domain.md §9 in `year`, in order."""
    last_march = dt.date(year, 3, 31)
    pupils = last_march - dt.timedelta(days=last_march.weekday())  # Monday of the last week
    k = PublicityKind
    days = [
        PublicityDate(pupils, pupils, str(_("全国中小学生安全教育日")), k.PUPIL_DAY),
        PublicityDate(dt.date(year, 4, 15), dt.date(year, 4, 15), str(_("全民国家安全教育日")),
                      k.NATIONAL_SECURITY_DAY),
        PublicityDate(dt.date(year, 4, 25), dt.date(year, 5, 1), str(_("《职业病防治法》宣传周")),
                      k.OTHER),
        PublicityDate(dt.date(year, 5, 12), dt.date(year, 5, 18), str(_("全国防灾减灾日（宣传周）")),
                      k.DISASTER_DAY),
        PublicityDate(dt.date(year, 6, 1), dt.date(year, 6, 30), str(_("全国“安全生产月”")),
                      k.SAFETY_MONTH),
        PublicityDate(dt.date(year, 6, 16), dt.date(year, 6, 16), str(_("安全宣传咨询日（以当年通知为准）")),
                      k.CONSULTATION_DAY),
        PublicityDate(dt.date(year, 10, 13), dt.date(year, 10, 13), str(_("国际减灾日")),
                      k.DISASTER_DAY),
        PublicityDate(dt.date(year, 11, 9), dt.date(year, 11, 30), str(_("全国消防日（“119”消防宣传月）")),
                      k.FIRE_DAY),
        PublicityDate(dt.date(year, 12, 2), dt.date(year, 12, 2), str(_("全国交通安全日（“122”）")),
                      k.TRAFFIC_DAY),
    ]
    return sorted(days, key=lambda d: d.start)


def publicity_calendar(activities, year: int) -> list[tuple[PublicityDate, list]]:
    """Each date of the year with the activities held on it (or during its week/month)."""
    held = list(activities.filter(held_on__year=year).order_by("held_on"))
    return [(d, [a for a in held if d.start <= a.held_on <= d.end]) for d in publicity_dates(year)]


def publicity_totals(region: Region | None, start: dt.date, end: dt.date) -> dict:
    """Figures for reports: trainings (sessions, attendances), publicity activities by kind,
    participants, households reached, materials handed out by name."""
    sessions = TrainingSession.objects.filter(_in_region(region), held_on__range=(start, end))
    activities = PublicityActivity.objects.filter(_in_region(region), held_on__range=(start, end))
    s = sessions.aggregate(n=Count("pk"), people=Sum("attendance_count"))
    a = activities.aggregate(n=Count("pk"), people=Sum("participants"), homes=Sum("households"))
    materials: Counter = Counter()
    for name, quantity in PublicityMaterial.objects.filter(activity__in=activities.values("pk")
                                                           ).values_list("name", "quantity"):
        materials[name] += quantity
    by_kind = dict(Counter(activities.values_list("kind", flat=True)))
    return {
        "sessions": s["n"] or 0, "attendances": s["people"] or 0,
        "sessions_by_kind": dict(Counter(sessions.values_list("kind", flat=True))),
        "activities": a["n"] or 0, "participants": a["people"] or 0,
        "households": a["homes"] or 0, "activities_by_kind": by_kind,
        "materials": dict(materials.most_common()),
        "materials_total": sum(materials.values()),
    }


def month_names() -> list[str]:
    return [f"{m}月" for m in range(1, 13)]


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, calendar.monthrange(year, 12)[1])
