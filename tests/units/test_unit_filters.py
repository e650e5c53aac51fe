from rest_framework.test import APIClient

from anjian.units.services import unit_update


def _names(client, query: str) -> set[str]:
    response = client.get(f"/api/units/?page_size=100&{query}")
    assert response.status_code == 200, response.content
    return {u["name"] for u in response.json()["results"]}


def test_units_filter_by_size_grade_and_industry(world):
    office = world.users["office"]
    unit_update(actor=office, unit=world.units["shop_a"],
                data={"employees": 60, "standardisation_grade": "level_3", "industry_section": "F"})
    unit_update(actor=office, unit=world.units["shop_b"], data={"employees": 8})
    client = APIClient()
    client.force_login(office)
    assert _names(client, "employees_min=50") == {"张一便民超市"}
    assert _names(client, "employees_max=10") == {"后关小饭馆"}
    assert _names(client, "standardisation_grade=level_3") == {"张一便民超市"}
    assert _names(client, "industry_section=F") == {"张一便民超市"}


def test_updated_after_lists_only_recent_changes(world):
    office = world.users["office"]
    client = APIClient()
    client.force_login(office)
    mark = client.get("/api/units/?page_size=100").json()["results"][0]["updated_at"]
    unit_update(actor=office, unit=world.units["pit_b"], data={"notes": "复查"})
    names = _names(client, f"updated_after={mark.replace('+', '%2B')}")
    assert "后关废弃坑口1号" in names and len(names) < 4
