"""The ledger's capped count: exact up to the cap, "cap+" beyond, pages only within the cap; and
the free-text search's three paths (number, description, unit name)."""

import pytest

from anjian.hazards import selectors
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import CappedPaginator
from anjian.testing.hazards import report

pytestmark = pytest.mark.django_db


def test_a_small_result_is_counted_exactly():
    paginator = CappedPaginator(list(range(37)), 10, cap=50)
    assert paginator.count == 37 and not paginator.capped and paginator.num_pages == 4


def test_exactly_the_cap_is_not_capped():
    paginator = CappedPaginator(list(range(50)), 10, cap=50)
    assert paginator.count == 50 and not paginator.capped


def test_a_large_result_stops_at_the_cap():
    paginator = CappedPaginator(list(range(1000)), 10, cap=50)
    assert paginator.count == 50 and paginator.capped and paginator.num_pages == 5
    # Pages past the cap are not offered: asking for one gives the last page within it.
    page = paginator.get_page(7)
    assert page.number == 5 and list(page.object_list) == list(range(40, 50))
    assert not page.has_next()


def test_a_queryset_is_counted_with_a_limit(world, django_assert_max_num_queries):
    for _ in range(7):
        report(world.users["grid_a"], world.units["shop_a"])
    ids = Hazard.objects.order_by("-discovered_at", "-pk").values_list("pk", flat=True)
    paginator = CappedPaginator(ids, 2, cap=5)
    with django_assert_max_num_queries(1) as captured:
        assert paginator.count == 5 and paginator.capped
    assert "LIMIT 6" in captured.captured_queries[0]["sql"]
    exact = CappedPaginator(ids, 2, cap=7)
    assert exact.count == 7 and not exact.capped and exact.num_pages == 4


def test_hazard_page_caps_the_count_and_keeps_the_order(world):
    made = [report(world.users["grid_a"], world.units["shop_a"]) for _ in range(6)]
    page = selectors.hazard_page(Hazard.objects.all(), 2, per_page=2, cap=4)
    assert page.paginator.capped and page.paginator.count == 4 and page.paginator.num_pages == 2
    newest_first = sorted(made, key=lambda h: (h.discovered_at, h.pk), reverse=True)
    assert [h.pk for h in page.object_list] == [h.pk for h in newest_first[2:4]]
    whole = selectors.hazard_page(Hazard.objects.all(), 1, per_page=2)
    assert whole.paginator.count == 6 and not whole.paginator.capped


def test_the_ledger_says_when_the_count_is_capped(world, client, monkeypatch):
    for _ in range(3):
        report(world.users["grid_a"], world.units["shop_a"])
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    monkeypatch.setattr(selectors.hazard_page, "__kwdefaults__", {"per_page": 50, "cap": 2})
    client.force_login(world.users["office"])
    body = client.get("/hazards/").content.decode()
    assert "共 2+ 条" in body and 'id="ledger-capped"' in body
    monkeypatch.setattr(selectors.hazard_page, "__kwdefaults__", {"per_page": 50, "cap": 10})
    body = client.get("/hazards/").content.decode()
    assert "共 3 条" in body and 'id="ledger-capped"' not in body


@pytest.mark.parametrize("text", ["lower-case number", "description", "unit name"])
def test_the_free_text_search_finds_by_each_path(world, client, text):
    wanted = report(world.users["grid_a"], world.units["shop_a"], description="配电箱电线私拉乱接")
    other = report(world.users["office"], world.units["school_a"], description="楼梯堆放杂物")
    query = {"lower-case number": wanted.number.lower(), "description": "私拉乱接",
             "unit name": world.units["shop_a"].name}[text]
    client.force_login(world.users["office"])
    response = client.get("/hazards/", {"q": query})
    found = {h.pk for h in response.context["page"].object_list}
    assert wanted.pk in found and other.pk not in found
