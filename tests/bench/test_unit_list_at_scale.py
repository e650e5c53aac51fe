"""What the unit list's speed work must not change: the same units, counted the same, in scope.

The list reads a page in steps (ids, then rows), counts a text search in Python, and puts the
filters before the user's scope in the SQL; these tests hold those paths to the plain query.
"""

import re

import pytest
from django.test import Client

from anjian.units.filtersets import UnitFilterSet
from anjian.units.models import Unit
from anjian.units.selectors import unit_list, unit_page
from bench.generate import generate

COUNT = re.compile(r"共 (\d+) 个")


@pytest.fixture
def county(db):
    return generate(units=400, towns=2)


def _page_ids(client, url) -> tuple[int, list[int]]:
    html = client.get(url).content.decode()
    ids = [int(i) for i in re.findall(r'href="/units/(\d+)/"', html)]
    return int(COUNT.search(html).group(1)), ids


def _expected(user, **filters) -> list[int]:
    units = Unit.objects.for_user(user).filter(status="active", **filters).order_by("-pk")
    return list(units.values_list("pk", flat=True))


def test_a_village_filter_lists_exactly_that_villages_units_newest_first(county):
    office = county.users["county_office"]
    village = county.towns[0].children.order_by("pk").first()
    client = Client()
    client.force_login(office)
    count, ids = _page_ids(client, f"/units/?region={village.pk}")
    expected = _expected(office, region__path__startswith=village.path)
    assert expected and count == len(expected)
    assert ids == expected[:50]


def test_a_text_search_counts_and_pages_like_the_plain_query(county):
    office = county.users["county_office"]
    word = Unit.objects.filter(status="active").order_by("pk").first().name[:2]
    client = Client()
    client.force_login(office)
    expected = [u.pk for u in Unit.objects.for_user(office).filter(status="active").order_by("-pk")
                if word in u.name or word in u.address or word in u.principal]
    count, ids = _page_ids(client, f"/units/?q={word}")
    assert count == len(expected) > 0
    assert ids == expected[:50]
    if count > 50:
        assert _page_ids(client, f"/units/?q={word}&page=2")[1] == expected[50:100]


def test_unit_page_gives_the_same_page_with_and_without_the_text_search_shortcut(county):
    office = county.users["county_office"]
    units = UnitFilterSet({"status": "active"}, queryset=unit_list(office), user=office).qs
    for number in (1, 2, 3):
        plain, few = unit_page(units, number, per_page=50), unit_page(units, number, per_page=50,
                                                                       few=True)
        assert plain.paginator.count == few.paginator.count == units.count()
        assert [u.pk for u in plain.object_list] == [u.pk for u in few.object_list]


def test_filters_before_the_scope_still_keep_a_village_cadre_in_their_village(world):
    cadre = world.users["village_a"]
    client = Client()
    client.force_login(cadre)
    for query in ("", "?category=small_venue", f"?region={world.village_b.pk}",
                  f"?grid={world.grid_b.pk}", "?q=后关"):
        html = client.get(f"/units/{query}").content.decode()
        assert "后关小饭馆" not in html and "后关废弃坑口1号" not in html, query
    html = client.get("/units/?category=small_venue").content.decode()
    assert "张一便民超市" in html


def test_the_filtered_queryset_keeps_its_scope_and_related_rows(world):
    cadre = world.users["village_a"]
    scoped = unit_list(cadre)
    units = UnitFilterSet({"status": "active"}, queryset=scoped, user=cadre).qs
    assert set(units) == set(scoped.filter(status="active"))
    assert units.query.select_related == scoped.query.select_related
    empty = Unit.objects.for_user(world.users["nobody"])
    assert not UnitFilterSet({"category": "small_venue"}, queryset=empty).qs.exists()


def test_rows_show_their_labels(world):
    client = Client()
    client.force_login(world.users["office"])
    html = client.get("/units/").content.decode()
    assert "小商店" in html and "一般风险（黄）" in html and "未评定" in html
    assert "risk-yellow" in html and "risk-none" in html
