"""Reads of the responsibility system, for its pages and for the dashboard, reports and
assessment: `agreement_coverage`, `meetings_count`, `visits_by_leader`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Duty as PersonDuty
from anjian.accounts.models import Person
from anjian.regions.choices import OrganisationKind, RegionLevel
from anjian.regions.models import Organisation, Region
from anjian.responsibility.choices import AgreementKind, MeetingKind, kind_for_unit
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

# Who is expected to sign a responsibility agreement with the town each year (层层签订):
# every village (community); every department (机关站所) of the town except the safety office that
# drafts the agreements and contracted service agencies; every active unit of these categories,
# and the schools and kindergartens among crowded places.
EXPECTED_UNIT_CATEGORIES = ("enterprise", "mine", "tailings_pond", "gas_station")
EXPECTED_UNIT_SUBCATEGORIES = ("school", "kindergarten")
EXCLUDED_ORGANISATION_KINDS = (OrganisationKind.SAFETY_OFFICE, OrganisationKind.SAFETY_SERVICE)
EXPECTED_DESCRIPTION = _("应签订对象：全部村（社区）；除应急管理办公室和安全服务机构外的全部机关站所；"
                         "在册的企业、矿山、尾矿库、加油加气站，以及人员密集场所中的中小学校和幼儿园。")


def expected_units(region: Region) -> QuerySet[Unit]:
    return Unit.objects.filter(
        Q(category__in=EXPECTED_UNIT_CATEGORIES)
        | Q(category="crowded_place", subcategory__in=EXPECTED_UNIT_SUBCATEGORIES),
        region__path__startswith=region.path, status=UnitStatus.ACTIVE)


def expected_villages(region: Region) -> QuerySet[Region]:
    return Region.objects.filter(path__startswith=region.path, level=RegionLevel.VILLAGE)


def expected_organisations(region: Region) -> QuerySet[Organisation]:
    return Organisation.objects.filter(region__path__startswith=region.path, is_active=True) \
        .exclude(kind__in=EXCLUDED_ORGANISATION_KINDS)


@dataclass
class Party:
    """One party expected to sign: what it is and its agreement of the year, if signed."""

    kind: str
    name: str
    place: str
    village_id: int | None = None
    unit_id: int | None = None
    organisation_id: int | None = None
    agreement: Agreement | None = None

    @property
    def kind_label(self) -> str:
        return str(AgreementKind(self.kind).label)

    @property
    def signed(self) -> bool:
        return self.agreement is not None

    @property
    def query(self) -> str:
        """The query string of the form that records this party's agreement."""
        for key in ("village", "unit", "organisation"):
            value = getattr(self, f"{key}_id")
            if value:
                return f"kind={self.kind}&{key}={value}"
        return ""


@dataclass
class KindCoverage:
    kind: str
    expected: int = 0
    signed: int = 0

    @property
    def label(self) -> str:
        return AgreementKind(self.kind).label

    @property
    def missing(self) -> int:
        return self.expected - self.signed

    @property
    def rate(self) -> float | None:
        return self.signed / self.expected if self.expected else None


@dataclass
class Coverage:
    region: Region
    year: int
    parties: list[Party] = field(default_factory=list)
    by_kind: list[KindCoverage] = field(default_factory=list)
    without_scan: int = 0  # signed, but no scanned copy uploaded yet
    unexpected: int = 0  # agreements signed with parties outside the expected set

    @property
    def expected(self) -> int:
        return len(self.parties)

    @property
    def signed(self) -> int:
        return sum(1 for p in self.parties if p.signed)

    @property
    def missing(self) -> list[Party]:
        return [p for p in self.parties if not p.signed]

    @property
    def rate(self) -> float | None:
        return self.signed / self.expected if self.expected else None


def agreement_coverage(region: Region, year: int) -> Coverage:
    """Who in `region`'s subtree was expected to sign `year`'s agreement, and who has (签订覆盖)."""
    agreements = list(Agreement.objects.filter(year=year, region__path__startswith=region.path)
                      .only("pk", "village_id", "unit_id", "organisation_id", "signed_on",
                            "sha256", "kind"))
    by_village = {a.village_id: a for a in agreements if a.village_id}
    by_unit = {a.unit_id: a for a in agreements if a.unit_id}
    by_org = {a.organisation_id: a for a in agreements if a.organisation_id}
    parties: list[Party] = []
    for v in expected_villages(region).only("pk", "name"):
        parties.append(Party(AgreementKind.VILLAGE, v.name, v.name, village_id=v.pk,
                             agreement=by_village.get(v.pk)))
    for o in expected_organisations(region).only("pk", "name"):
        parties.append(Party(AgreementKind.DEPARTMENT, o.name, "", organisation_id=o.pk,
                             agreement=by_org.get(o.pk)))
    units = expected_units(region).select_related("region", "region__parent") \
        .only("pk", "name", "subcategory", "region__name", "region__level", "region__parent__name") \
        .order_by("category", "name")
    for u in units:
        place = u.region.parent.name if u.region.level == RegionLevel.GRID else u.region.name
        parties.append(Party(kind_for_unit(u), u.name, place, unit_id=u.pk,
                             agreement=by_unit.get(u.pk)))
    coverage = Coverage(region, year, parties)
    counts = {k: KindCoverage(k) for k in AgreementKind.values}
    for p in parties:
        counts[p.kind].expected += 1
        counts[p.kind].signed += p.signed
    coverage.by_kind = [c for c in counts.values() if c.expected]
    coverage.without_scan = sum(1 for p in parties if p.signed and not p.agreement.sha256)
    coverage.unexpected = len(agreements) - coverage.signed
    return coverage


@dataclass
class MeetingCount:
    total: int
    safety_first: int
    by_kind: list[tuple[str, str, int, int]]  # (kind, label, meetings, with safety first)

    @property
    def safety_first_rate(self) -> float | None:
        return self.safety_first / self.total if self.total else None


def meetings_count(region: Region, start: dt.date, end: dt.date) -> MeetingCount:
    """Meetings held in `region`'s subtree between `start` and `end` (inclusive), per kind."""
    rows = (Meeting.objects.filter(region__path__startswith=region.path,
                                   held_on__gte=start, held_on__lte=end)
            .values("kind").annotate(n=Count("pk"), first=Count("pk", filter=Q(safety_first=True))))
    counts = {r["kind"]: (r["n"], r["first"]) for r in rows}
    by_kind = [(k.value, k.label, *counts[k.value]) for k in MeetingKind if k.value in counts]
    return MeetingCount(sum(n for n, _f in counts.values()), sum(f for _n, f in counts.values()),
                        by_kind)


@dataclass
class LeaderLinkage:
    leader: Person
    units: int  # units linked to the leader now
    visits: int  # visits in the period
    units_visited: int  # distinct units visited in the period
    last_visit: dt.date | None


def town_leaders(region: Region) -> QuerySet[Person]:
    """The leaders (镇领导) of the town(s) in `region`'s subtree, or of the town above a village."""
    top = region if region.level <= RegionLevel.TOWN else Region.objects.get(
        pk=region.ancestor_ids[RegionLevel.TOWN - 1])
    return Person.objects.filter(region__path__startswith=top.path, duty=PersonDuty.LEADER,
                                 is_active=True).order_by("pk")


def visits_by_leader(region: Region, start: dt.date, end: dt.date) -> list[LeaderLinkage]:
    """Per leader: linked units in `region`'s subtree and the visits to them in the period."""
    visits = LinkageVisit.objects.filter(unit__region__path__startswith=region.path,
                                         visited_on__gte=start, visited_on__lte=end)
    stats = {r["leader"]: r for r in visits.values("leader").annotate(
        n=Count("pk"), units=Count("unit", distinct=True), last=Max("visited_on"))}
    linked = dict(Unit.objects.filter(region__path__startswith=region.path,
                                      status=UnitStatus.ACTIVE, linked_leader__isnull=False)
                  .values("linked_leader").annotate(n=Count("pk")).values_list("linked_leader", "n"))
    leader_ids = set(stats) | set(linked)
    leaders = {p.pk: p for p in Person.objects.filter(pk__in=leader_ids)}
    leaders |= {p.pk: p for p in town_leaders(region) if p.pk not in leaders}
    result = []
    for pk, person in leaders.items():
        s = stats.get(pk, {})
        result.append(LeaderLinkage(person, linked.get(pk, 0), s.get("n", 0), s.get("units", 0),
                                    s.get("last")))
    result.sort(key=lambda r: (r.leader.duty != PersonDuty.LEADER, r.leader.pk))
    return result


def lists_for(user) -> QuerySet[ResponsibilityList]:
    return ResponsibilityList.objects.for_user(user).select_related("region", "holder") \
        .annotate(duty_count=Count("duties")).order_by("-year", "region__path", "post")


def agreements_for(user) -> QuerySet[Agreement]:
    return Agreement.objects.for_user(user).select_related("village", "unit", "organisation",
                                                          "region")


def visits_for(user) -> QuerySet[LinkageVisit]:
    return LinkageVisit.objects.for_user(user).select_related("leader", "unit", "unit__region")


def meetings_for(user) -> QuerySet[Meeting]:
    return Meeting.objects.for_user(user).select_related("region", "chaired_by")


def top_region(user, label: str) -> Region | None:
    """The deepest region holding every region the user's grants for `label` reach (a town's
    office: the town; a village cadre: the village), or None (unit-based access only)."""
    from anjian.core.scope import VIEW

    if user.is_superuser:
        return Region.objects.filter(level=RegionLevel.COUNTY).first() or \
            Region.objects.order_by("level").first()
    paths = [g.region_path.strip("/").split("/") for g in user.scope_grants
             if g.region_path and g.allows(label, VIEW)]
    if not paths:
        return None
    common: list[str] = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return Region.objects.filter(pk=int(common[-1])).first() if common else None
