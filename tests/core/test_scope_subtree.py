"""A region grant reads its subtree's ids once per request, and reads them again after any region
is saved: a grid created in the same request is in scope at once (the service re-checks it)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anjian.core.scope import SUBTREE_LIST_MAX, in_scope
from anjian.regions.choices import RegionKind
from anjian.regions.models import Region
from anjian.regions.services import region_create
from anjian.units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_subtree_is_read_once_for_many_queries(world):
    office = world.users["office"]
    list(Unit.objects.for_user(office))
    with CaptureQueriesContext(connection) as ctx:
        list(Unit.objects.for_user(office))
        list(Region.objects.for_user(office))
    assert not [q for q in ctx.captured_queries if "LIKE" in q["sql"] or "GLOB" in q["sql"]]


def test_a_region_created_in_the_same_request_is_in_scope_at_once(world):
    office = world.users["office"]
    assert Region.objects.for_user(office).count() > 0  # fills the cache
    grid = region_create(actor=office, parent=world.village_a, name="张一村第9网格",
                         code="411203102201-09", kind=RegionKind.GRID)
    assert in_scope(grid, office, "view")


def test_a_large_subtree_stays_a_subquery(world, monkeypatch):
    monkeypatch.setattr("anjian.core.scope.SUBTREE_LIST_MAX", 2)
    office = world.users["office"]
    sql = str(Unit.objects.for_user(office).query)
    assert "path" in sql and SUBTREE_LIST_MAX == 500
    assert set(Unit.objects.for_user(office)) >= {world.units["shop_a"], world.units["shop_b"]}
