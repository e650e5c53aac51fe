import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from anjian.assessment import selectors, services
from anjian.assessment.models import IndicatorKey, Scheme
from anjian.core.models import JournalEntry
from anjian.testing.assessment import close_hazard, overdue_hazard

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(world):
    return services.scheme_create_default(actor=world.users["office"], town=world.town)


def _period():
    today = timezone.localdate()
    return today - dt.timedelta(days=30), today


def _row(rows, region):
    return next(r for r in rows if r.region == region)


def test_default_scheme_journaled(world, scheme):
    assert sorted(scheme.indicators.values_list("key", flat=True)) == sorted(
        [IndicatorKey.COVERAGE, IndicatorKey.ON_TIME, IndicatorKey.OVERDUE, IndicatorKey.DAILY_REPORT])
    assert scheme.target == "village"
    assert JournalEntry.objects.filter(object_id=str(scheme.pk), object_repr=scheme.name).exists()


def test_outside_town_refused(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.scheme_create_default(actor=world.users["office"], town=world.town_b)
    assert not Scheme.objects.exists()


def test_overdue_hazard_lowers_rank_and_closing_restores(world, scheme):
    start, end = _period()
    base = selectors.compute(scheme, start, end)
    assert {r.region for r in base} == {world.village_a, world.village_b}
    assert [r.rank for r in base] == [1, 1]  # nothing yet: a tie
    first = overdue_hazard(world)
    overdue_hazard(world)
    overdue_hazard(world, "shop_b")
    rows = selectors.compute(scheme, start, end)
    a, b = _row(rows, world.village_a), _row(rows, world.village_b)
    overdue_line = next(ln for ln in a.lines if ln.key == "overdue")
    assert overdue_line.measure == 2 and overdue_line.points == 10
    assert "overdue=true" in overdue_line.link and f"region={world.village_a.pk}" in overdue_line.link
    assert a.total < b.total and a.rank == 2 and b.rank == 1
    close_hazard(world, first)
    rows = selectors.compute(scheme, start, end)
    after = _row(rows, world.village_a)
    assert next(ln for ln in after.lines if ln.key == "overdue").points == 15
    on_time = next(ln for ln in after.lines if ln.key == "on_time")
    assert on_time.detail.startswith("0/2")  # closed late: not on time
    assert after.total == _row(rows, world.village_b).total and after.rank == 1


def test_ranking_pages_and_scope(world, scheme, client):
    url = reverse("assessment:ranking")
    for name in ("office", "leader", "village_a"):
        client.force_login(world.users[name])
        page = client.get(url)
        assert page.status_code == 200 and "后关村" in page.content.decode(), name
    client.force_login(world.users["village_a"])
    assert client.get(reverse("assessment:breakdown", args=[scheme.pk, world.village_a.pk])).status_code == 200
    assert client.get(reverse("assessment:breakdown", args=[scheme.pk, world.village_b.pk])).status_code == 404
    for name in ("office_b", "enterprise_a"):
        client.force_login(world.users[name])
        assert client.get(reverse("assessment:breakdown", args=[scheme.pk, world.village_a.pk])).status_code == 404
        assert "张一村" not in client.get(url).content.decode()


def test_breakdown_explains(world, scheme, client):
    overdue_hazard(world)
    client.force_login(world.users["office"])
    page = client.get(reverse("assessment:breakdown", args=[scheme.pk, world.village_a.pk])).content.decode()
    assert "overdue=true" in page and "超期未整改隐患" in page


def test_ranking_export(world, scheme, client):
    overdue_hazard(world, "shop_b")
    client.force_login(world.users["office"])
    response = client.get(reverse("assessment:ranking_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == ["张一村", "后关村"] and rows[0][0] == 1


def test_api_ranking(world, scheme, client):
    client.force_login(world.users["leader"])
    today = timezone.localdate()
    r = client.get(f"/api/assessment/schemes/{scheme.pk}/ranking/?start={today.replace(day=1)}&end={today}")
    assert r.status_code == 200 and len(r.json()) == 2
    assert client.get(f"/api/assessment/schemes/{scheme.pk}/ranking/").status_code == 400
    client.force_login(world.users["office_b"])
    assert client.get(f"/api/assessment/schemes/{scheme.pk}/ranking/?start=2026-01-01&end=2026-02-01"
                      ).status_code == 404


def test_a_village_ranking_reads_each_figure_once_for_all_villages(world):
    """Coverage, hazards, accidents and units are read grouped by village: one more village, and
    hazards in a second village, add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anjian.regions.services import region_create
    from anjian.testing.hazards import report as report_hazard

    scheme = services.scheme_save(actor=world.users["office"], data={
        "name": "全指标", "region": world.town, "target": "village", "active": True},
        indicators=[(k, 10, 1.0) for k in ("coverage", "on_time", "overdue", "daily_report",
                                           "training", "agreements", "accidents",
                                           "accident_deaths")])
    start, end = _period()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.compute(Scheme.objects.get(pk=scheme.pk), start, end)
        return len(queries.captured_queries)

    report_hazard(world.users["office"], world.units["shop_a"])
    before = count()
    village = region_create(actor=None, parent=world.town, name="新增村", code="411203102299",
                            kind="village")
    report_hazard(world.users["office"], world.units["shop_b"])
    assert count() == before
    rows = selectors.compute(scheme, start, end)
    assert village.pk in {r.pk for r in rows}
    assert _row(rows, world.village_a).lines[1].detail != "—"
