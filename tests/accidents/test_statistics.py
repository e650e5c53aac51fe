"""Statistics with year-over-year change, reproducing seed 004, and the control indicators."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from anjian.accidents import selectors, services
from anjian.accidents.models import Accident
from anjian.testing.accidents import accident, local
from tests.accidents.seed004 import PERIOD, THIS_YEAR, build_seed_004

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed004(world):
    build_seed_004(world)
    return world


def test_selector_reproduces_seed_004(seed004):
    yoy = selectors.year_over_year(Accident.objects.all(), *PERIOD)
    cur, prev = yoy.current.total, yoy.previous.total
    assert (cur.count, cur.deaths, cur.injured, cur.loss) == (33, 15, 16, Decimal(155_000))
    assert (prev.count, prev.deaths, prev.injured, prev.loss) == (40, 18, 26, Decimal(465_000))
    assert [c.words for c in yoy.changes] == ["下降17.5%", "下降16.7%", "下降38.5%", "下降66.7%"]
    assert yoy.change("loss").current == Decimal("15.50")


def test_statistics_page_shows_seed_004_changes(seed004, client):
    client.force_login(seed004.users["office"])
    response = client.get(reverse("accidents:statistics"),
                          {"start": PERIOD[0].isoformat(), "end": PERIOD[1].isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共发生生产安全事故33起，死亡15人，受伤16人，直接经济损失15.50万元" in html
    for words in ("下降17.5%", "下降16.7%", "下降38.5%", "下降66.7%"):
        assert words in html


def test_groups_by_type_village_and_month(seed004):
    stats = selectors.accident_statistics(Accident.objects.all(), *PERIOD)
    assert sum(g.count for g in stats.by_type) == 33
    assert {g.label for g in stats.by_region} == {"张一村", "后关村"}  # grid A counts in 张一村
    assert sum(g.count for g in stats.by_region) == 33
    assert [g.label for g in stats.by_month][0] == f"{THIS_YEAR}年1月"
    assert len(stats.by_month) == 12
    assert stats.road_deaths == 15


def test_village_cadre_statistics_cover_only_their_village(seed004, client):
    client.force_login(seed004.users["village_b"])
    response = client.get(reverse("accidents:statistics"),
                          {"start": PERIOD[0].isoformat(), "end": PERIOD[1].isoformat()})
    stats = response.context["yoy"].current.total
    expected = Accident.objects.filter(region=seed004.village_b,
                                       occurred_at__year=THIS_YEAR).count()
    assert stats.count == expected < 33


def test_indicator_status_against_targets(world):
    office = world.users["office"]
    year = THIS_YEAR
    services.indicator_year_save(actor=office, data={
        "region": world.town, "year": year, "gdp": Decimal("20"), "motor_vehicles": 10_000,
        "industry_workers": 2_000, "target_deaths": 3, "target_gdp_rate": Decimal("0.1"),
        "target_road_rate": Decimal("2"), "target_worker_rate": Decimal("100")})
    accident(office, region=world.village_a, occurred_at=local(year, 3, 1), deaths=2,
             road_traffic=True)
    accident(office, region=world.village_b, occurred_at=local(year, 4, 1), deaths=1,
             industrial=True)
    accident(office, region=world.village_b,
             occurred_at=local(year - 1, 4, 1), deaths=5)  # another year: not counted
    status = selectors.indicator_status(world.town, year, today=dt.date(year, 12, 31))
    rows = {r.key: r for r in status.rows}
    assert rows["deaths"].value == 3 and rows["deaths"].within is True
    assert rows["gdp"].value == Decimal("0.150") and rows["gdp"].within is False
    assert rows["road"].value == Decimal("2.000") and rows["road"].within is True
    assert rows["workers"].value == Decimal("50.000") and rows["workers"].within is True
    assert status.all_within is False


def test_indicator_without_denominators_is_unknown(world):
    status = selectors.indicator_status(world.town, THIS_YEAR)
    assert all(r.within is None for r in status.rows)
    assert status.indicator is None


def test_duplicate_indicator_year_is_refused(world):
    office = world.users["office"]
    services.indicator_year_save(actor=office, data={"region": world.town, "year": 2025})
    with pytest.raises(services.ValidationError, match="已存在"):
        services.indicator_year_save(actor=office, data={"region": world.town, "year": 2025})


def test_indicator_region_must_be_a_town_or_county(world):
    with pytest.raises(services.ValidationError) as exc:
        services.indicator_year_save(actor=world.users["office"],
                                     data={"region": world.village_a, "year": 2025})
    assert "region" in exc.value.error_dict


def test_village_cadre_cannot_enter_indicators(world):
    with pytest.raises(services.PermissionDenied):
        services.indicator_year_save(actor=world.users["village_a"],
                                     data={"region": world.town, "year": 2025})
