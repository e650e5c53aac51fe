"""The demo year of the accidents ledger: plausible statistics with a year-over-year fall, both
GB 6441 lists where the window spans 2026-07-01, indicator years, idempotent on a rerun."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.accidents import rules, selectors
from anjian.accidents.choices import StepKind
from anjian.accidents.models import Accident, AccidentReportStep, IndicatorYear
from anjian.demo import accidents as demo_accidents
from anjian.demo.builder import kit_from_database

pytestmark = pytest.mark.django_db


def test_demo_has_accidents_over_two_years_all_ordinary(demo):
    accidents = Accident.objects.all()
    assert demo.created["accidents"] == accidents.count() == 24
    assert set(accidents.values_list("grade", flat=True)) == {"ordinary"}
    assert all(a.deaths <= 2 for a in accidents)
    assert accidents.filter(road_traffic=True, deaths__gt=0).exists()
    losses = [a.direct_loss for a in accidents]
    assert max(losses) < 100_000 and min(losses) >= 1_000


def test_demo_statistics_fall_year_over_year(demo):
    today = timezone.localdate()
    yoy = selectors.year_over_year(Accident.objects.all(), today - dt.timedelta(days=364), today)
    assert yoy.current.total.count == 10 and yoy.previous.total.count == 14
    assert yoy.change("count").percent < 0
    assert yoy.change("deaths").percent < 0


def test_demo_types_follow_the_list_of_their_date(demo):
    for a in Accident.objects.all():
        assert a.classification_version == rules.classification_version_for(
            timezone.localtime(a.occurred_at))
        assert a.type_label


def test_demo_timelines_and_a_supplementary_report(demo):
    assert AccidentReportStep.objects.filter(kind=StepKind.SUPPLEMENTARY, regraded=False,
                                             within_window=True).count() == 1
    old = Accident.objects.filter(occurred_at__lt=timezone.now() - dt.timedelta(days=80))
    assert old.exists()
    for a in old:
        assert a.steps.get(kind=StepKind.INVESTIGATION).done_at is not None


def test_demo_indicator_years_and_status(demo):
    town = Accident.objects.first().region.parent
    while town.level > 2:
        town = town.parent
    year = timezone.localdate().year
    assert IndicatorYear.objects.filter(region=town).count() == 2
    status = selectors.indicator_status(town, year)
    assert status.indicator is not None
    assert status.all_within is True


def test_demo_statistics_page_for_the_demo_office(demo, client):
    client.force_login(demo.users["demo_office"])
    response = client.get(reverse("accidents:statistics"))
    assert response.status_code == 200
    assert "控制在指标内" in response.content.decode()



def test_rerunning_the_accidents_builder_adds_nothing(demo):
    before = (Accident.objects.count(), IndicatorYear.objects.count(),
              AccidentReportStep.objects.count())
    kit = kit_from_database()
    demo_accidents.build(kit)
    assert not kit.created
    assert (Accident.objects.count(), IndicatorYear.objects.count(),
            AccidentReportStep.objects.count()) == before


def test_builder_is_deterministic(demo):
    first = list(Accident.objects.order_by("occurred_at").values_list(
        "place", "deaths", "direct_loss", "type_code"))
    Accident.objects.all().delete()
    IndicatorYear.objects.all().delete()
    kit = kit_from_database()
    demo_accidents.build(kit)
    again = list(Accident.objects.order_by("occurred_at").values_list(
        "place", "deaths", "direct_loss", "type_code"))
    assert again == first
