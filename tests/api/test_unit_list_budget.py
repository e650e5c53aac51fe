"""NetBox habits for the unit list: every Unit field is filterable or exempted on purpose, and the
list (API and page) costs a fixed number of queries however many units it shows (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from anjian.units.filtersets import UnitFilterSet
from anjian.units.models import Unit
from anjian.units.services import unit_create

# Fields the free-text filter `q` searches.
COVERED_BY_Q = {"name", "address", "principal", "credit_code"}
# Fields with no filter, and why. A field listed here that gains a filter must leave this list.
EXEMPT = {
    "id": "addressed by the detail URL, not filtered",
    "industry_code": "a 4–5 digit code; the section (门类) is the filterable level",
    "longitude": "coordinates: a map bounding-box filter belongs to the map issue",
    "latitude": "coordinates: a map bounding-box filter belongs to the map issue",
    "principal_phone": "personal data: searched, not listed by value",
    "safety_officer": "personal data: searched, not listed by value",
    "safety_officer_phone": "personal data: searched, not listed by value",
    "floor_area": "a measurement shown on the detail page",
    "warning_signs": "free text",
    "notes": "free text",
    "deregistered_reason": "free text; deregistered units are found with status",
}


def _filtered_fields() -> set[str]:
    fields = set()
    for name, f in UnitFilterSet.base_filters.items():
        if name == "q":
            fields |= COVERED_BY_Q
            continue
        field = f.field_name.split("__")[0]
        fields.add(field.removesuffix("_id"))
    return fields


def test_every_unit_field_is_filterable_or_exempted_on_purpose():
    model_fields = {f.name for f in Unit._meta.concrete_fields}
    filtered = _filtered_fields()
    assert filtered <= model_fields, filtered - model_fields
    missing = model_fields - filtered - set(EXEMPT)
    assert not missing, f"Unit fields with neither a filter nor an exemption: {sorted(missing)}"
    stale = set(EXEMPT) & filtered
    assert not stale, f"exempted but filterable now, drop from EXEMPT: {sorted(stale)}"
    assert set(EXEMPT) <= model_fields, set(EXEMPT) - model_fields


def _add_units(world, n: int) -> None:
    for i in range(n):
        unit_create(actor=None, data={
            "name": f"预算测试商店{i}", "category": "small_venue", "subcategory": "small_shop",
            "region": world.grid_a if i % 2 else world.village_b, "risk_level": "yellow",
            "linked_leader": world.people["leader"]})


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/api/units/?page_size=100", "/units/?status="])
@pytest.mark.parametrize("username", ["office", "agency", "enterprise_a"])
def test_unit_list_costs_the_same_queries_for_5_or_50_units(world, username, url):
    client = APIClient()
    client.force_login(world.users[username])
    client.get(url)  # the user's grants read once and kept (accounts.grant_cache), as in use
    few = _count(client, url)
    _add_units(world, 45)
    many = _count(client, url)
    assert many == few, f"{url} as {username}: {few} queries for a few units, {many} for many"


# Measured after the user's first request (their grants then kept by the process with their region
# subtrees, accounts.grant_cache: one query for its token instead of two to four; the user's roles
# kept with them): the API 6 queries for every role — count, the page's ids, then its rows —, the
# page 11 (9 for an enterprise). They include reading the session; its save (three more) comes at
# most once a minute (core.middleware.SessionTouchMiddleware). The page also counts the unread
# messages (the header's 消息) and reads the dishonesty list once (失信 badges).
@pytest.mark.parametrize("username, api_budget, page_budget", [
    ("office", 6, 11), ("agency", 6, 11), ("village_a", 6, 11), ("enterprise_a", 6, 9)])
def test_unit_list_query_budgets(world, django_assert_max_num_queries, username, api_budget,
                                 page_budget):
    _add_units(world, 60)
    client = APIClient()
    client.force_login(world.users[username])
    client.get("/api/units/?page_size=1")  # the grants read and kept, as after a user's first request
    with django_assert_max_num_queries(api_budget):
        assert client.get("/api/units/?page_size=50&category=small_venue").status_code == 200
    with django_assert_max_num_queries(page_budget):
        assert client.get("/units/?category=small_venue").status_code == 200
