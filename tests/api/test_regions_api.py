"""Regions and organisations through the API: scoped reads and filters, writes through the
regions services, Chinese messages for bad input."""

from anjian.core.journal import entries_for
from anjian.regions.models import Organisation, Region, Sector
from tests.api.conftest import assert_chinese


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_village_cadre_sees_only_its_village_subtree(world, api):
    assert ids(api("village_a").get("/api/regions/")) == {world.village_a.pk, world.grid_a.pk}


def test_region_filters(world, api):
    client = api("office")
    assert ids(client.get(f"/api/regions/?within={world.village_b.pk}")) == {
        world.village_b.pk, world.grid_b.pk}
    assert ids(client.get(f"/api/regions/?parent={world.town.pk}")) == {
        world.village_a.pk, world.village_b.pk}
    assert ids(client.get("/api/regions/?level=4")) == {world.grid_a.pk, world.grid_b.pk}
    assert ids(client.get("/api/regions/?q=411203102205")) == {world.village_b.pk, world.grid_b.pk}
    refused = client.get(f"/api/regions/?within={world.town_b.pk}")
    assert refused.status_code == 400
    assert_chinese(refused.json())


def test_office_adds_a_grid_under_a_village_and_it_is_journaled(world, api):
    response = api("office").post("/api/regions/", {
        "parent": world.village_b.pk, "name": "后关村第2网格", "code": "411203102205-02",
        "kind": "grid"}, format="json")
    assert response.status_code == 201, response.content
    grid = Region.objects.get(pk=response.json()["id"])
    assert grid.level == 4 and grid.path == f"{world.village_b.path}{grid.pk}/"
    assert entries_for(grid).get().actor == world.users["office"]


def test_region_rules_come_back_in_chinese_and_change_nothing(world, api):
    client = api("office")
    before = Region.objects.count()
    for data in [
        {"parent": world.village_b.pk, "name": "错层", "code": "X1", "kind": "village"},
        {"parent": world.village_b.pk, "name": "后关村第1网格", "code": "X2", "kind": "grid"},
        {"parent": world.village_b.pk, "name": "重码", "code": world.grid_a.code, "kind": "grid"},
        {"parent": world.village_b.pk, "name": "", "code": "X3", "kind": "grid"},
        {"parent": world.town_b.pk, "name": "越界", "code": "X4", "kind": "village"},
        {"name": "无上级", "code": "X5", "kind": "county"},
    ]:
        response = client.post("/api/regions/", data, format="json")
        assert response.status_code == 400, (data, response.content)
        assert_chinese(response.json())
    assert Region.objects.count() == before


def test_a_region_keeps_its_place_in_the_tree(world, api):
    client = api("office")
    response = client.patch(f"/api/regions/{world.grid_b.pk}/", {"parent": world.village_a.pk},
                            format="json")
    assert response.status_code == 400
    assert_chinese(response.json())
    renamed = client.patch(f"/api/regions/{world.grid_b.pk}/", {"name": "后关村一组网格"},
                           format="json")
    assert renamed.status_code == 200 and renamed.json()["name"] == "后关村一组网格"
    world.grid_b.refresh_from_db()
    assert world.grid_b.parent == world.village_b
    assert entries_for(world.grid_b).filter(action="update").count() == 1


def test_regions_are_not_deleted_through_the_api(world, api):
    response = api("office").delete(f"/api/regions/{world.grid_b.pk}/")
    assert response.status_code == 405
    assert Region.objects.filter(pk=world.grid_b.pk).exists()


def test_agency_reads_organisations_but_cannot_write_them(world, api):
    client = api("agency")
    assert ids(client.get("/api/organisations/")) == {world.police.pk, world.school_office.pk}
    response = client.patch(f"/api/organisations/{world.police.pk}/", {"phone": "0398-3811111"},
                            format="json")
    assert response.status_code == 403
    assert_chinese(response.json())


def test_organisation_filters(world, api):
    client = api("office")
    education = Sector.objects.get(code="education")
    assert ids(client.get(f"/api/organisations/?sector={education.pk}")) == {world.school_office.pk}
    assert ids(client.get("/api/organisations/?kind=police_station")) == {world.police.pk}
    assert ids(client.get("/api/organisations/?q=中心校")) == {world.school_office.pk}


def test_office_creates_edits_and_retires_an_organisation(world, api):
    client = api("office")
    water = Sector.objects.get(code="water")
    response = client.post("/api/organisations/", {
        "region": world.town.pk, "name": "西张村镇水利站", "kind": "water_station",
        "sectors": [water.pk], "phone": "0398-3812345"}, format="json")
    assert response.status_code == 201, response.content
    org_id = response.json()["id"]
    assert response.json()["sectors"] == [water.pk]
    bad = client.patch(f"/api/organisations/{org_id}/", {"phone": "电话"}, format="json")
    assert bad.status_code == 400
    assert_chinese(bad.json())
    retired = client.delete(f"/api/organisations/{org_id}/")
    assert retired.status_code == 200 and retired.json()["is_active"] is False
    org = Organisation.objects.get(pk=org_id)
    assert org.phone == "0398-3812345" and not org.is_active
    assert [e.action for e in entries_for(org)] == ["update", "create"]
    again = client.delete(f"/api/organisations/{org_id}/")
    assert again.status_code == 400
    assert_chinese(again.json())
