"""The demo year of the responsibility system: lists for every leader, agency head and village
secretary (last year's copied to this year), agreements of both years with a few enterprises or
schools missing this year, leaders' visits about twice a month, some 45 meetings a year, and
nothing added on a second run."""

import hashlib

import pytest
from django.db.models import Count
from django.utils import timezone

from anjian.core.models import JournalEntry
from anjian.demo import responsibility
from anjian.demo.builder import build_demo, kit_from_database
from anjian.demo.responsibility_texts import pdf_scan
from anjian.demo.township import TOWN_CODE
from anjian.regions.models import Region
from anjian.responsibility import selectors, services
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList


def this_year() -> int:
    """Read when a test runs, not when it is collected (a run may cross New Year)."""
    return timezone.localdate().year


def _town():
    return Region.objects.get(code=TOWN_CODE)



def test_lists_for_leaders_agency_heads_and_village_secretaries(town):
    lists = ResponsibilityList.objects.filter(region__path__startswith=_town().path)
    year = this_year()
    current = lists.filter(year=year)
    assert current.count() == lists.filter(year=year - 1).count() > 40
    assert not current.filter(previous__isnull=True).exists()
    posts = set(current.values_list("post", flat=True))
    assert {"镇党委书记", "镇党委副书记、镇长"} <= posts
    assert any("党支部书记" in p for p in posts) and any("所长" in p for p in posts)
    assert not current.annotate(n=Count("duties")).filter(n=0).exists()


def test_this_years_agreements_miss_a_few_units_only(town):
    last = selectors.agreement_coverage(_town(), this_year() - 1)
    assert last.expected > 40 and not last.missing
    now = selectors.agreement_coverage(_town(), this_year())
    assert len(now.missing) == responsibility.MISSING_THIS_YEAR
    assert all(p.unit_id for p in now.missing)
    assert now.without_scan == responsibility.WITHOUT_SCAN
    for agreement in Agreement.objects.filter(year=this_year()).select_related(
            "village", "unit__region", "organisation__region"):
        region, town = agreement.region_id, agreement.town_id
        services.place_agreement(agreement)  # where the service would have put it
        assert (agreement.region_id, agreement.town_id) == (region, town)
    scanned = Agreement.objects.exclude(sha256="").first()  # its file lies in the demo's media
    assert scanned.sha256 == hashlib.sha256(pdf_scan(scanned.title)).hexdigest()


def test_leaders_visit_their_units_about_twice_a_month(town):
    today = timezone.localdate()
    rows = selectors.visits_by_leader(_town(), today.replace(year=today.year - 1), today)
    visiting = [r for r in rows if r.visits]
    assert len(visiting) >= 8
    assert all(18 <= r.visits <= 35 for r in visiting)
    assert LinkageVisit.objects.exclude(problems="").exists()


def test_some_45_meetings_a_year_mostly_with_safety_first(town):
    today = timezone.localdate()
    counts = selectors.meetings_count(_town(), today.replace(year=today.year - 1), today)
    assert 40 <= counts.total <= 50
    assert counts.safety_first / counts.total > 0.8
    assert {"fire_joint", "road_joint", "party_committee"} <= {k for k, *_r in counts.by_kind}


def test_every_row_is_journaled(town):
    for model in (Agreement, LinkageVisit, Meeting, ResponsibilityList):
        assert JournalEntry.objects.filter(
            content_type__app_label="responsibility",
            content_type__model=model._meta.model_name).count() == model.objects.count()


def test_a_second_run_adds_nothing(town):
    before = [m.objects.count() for m in (Agreement, LinkageVisit, Meeting, ResponsibilityList)]
    result = build_demo()
    assert [m.objects.count() for m in (Agreement, LinkageVisit, Meeting,
                                        ResponsibilityList)] == before
    assert result.created["responsibility lists"] == 0


@pytest.mark.parametrize("model", [Agreement, LinkageVisit, Meeting])
def test_the_builder_is_deterministic(town, model):
    fields = {Agreement: ("year", "village_id", "unit_id", "organisation_id", "signed_on",
                          "sha256"),
              LinkageVisit: ("leader_id", "unit_id", "visited_on", "problems"),
              Meeting: ("held_on", "kind", "safety_first")}[model]
    before = sorted(model.objects.values_list(*fields), key=repr)
    for m in (Agreement, LinkageVisit, Meeting):
        m.objects.all().delete()
    ResponsibilityList.objects.all().delete()
    kit = kit_from_database()
    responsibility.build(kit)
    assert sorted(model.objects.values_list(*fields), key=repr) == before
