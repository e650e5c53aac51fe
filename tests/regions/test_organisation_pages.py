"""Organisation (机关站所) pages: list, detail, create, edit with sector checkboxes."""

import pytest
from django.core.exceptions import PermissionDenied

from anjian.core.models import JournalEntry
from anjian.regions.models import Organisation, Sector
from anjian.regions.services import organisation_update


def body(response) -> str:
    return response.content.decode()


def sector_ids(*codes) -> list[str]:
    return [str(pk) for pk in Sector.objects.filter(code__in=codes).values_list("pk", flat=True)]


@pytest.mark.parametrize("who", ["office", "leader", "agency", "sysadmin"])
def test_list_and_detail_render_for_roles_that_see_organisations(world, client, who):
    client.force_login(world.users[who])
    response = client.get("/regions/organisations/")
    assert response.status_code == 200 and "西张村派出所" in body(response)
    assert client.get(f"/regions/organisations/{world.police.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["village_a", "grid_a", "enterprise_a", "nobody"])
def test_organisations_are_hidden_from_roles_without_them(world, client, who):
    client.force_login(world.users[who])
    assert client.get("/regions/organisations/").status_code == 403
    assert client.get(f"/regions/organisations/{world.police.pk}/").status_code == 404


def test_list_filters_by_text_kind_and_sector(world, client):
    client.force_login(world.users["office"])
    html = body(client.get("/regions/organisations/?q=中心校"))
    assert "西张村镇中心校" in html and "西张村派出所" not in html
    html = body(client.get("/regions/organisations/?kind=police_station"))
    assert "西张村派出所" in html and "西张村镇中心校" not in html
    education = Sector.objects.get(code="education").pk
    html = body(client.get(f"/regions/organisations/?sector={education}"))
    assert "西张村镇中心校" in html and "西张村派出所" not in html


def test_office_creates_an_organisation_with_sectors(world, client):
    client.force_login(world.users["office"])
    form = client.get("/regions/organisations/new/").context["form"]
    assert world.town in form.fields["region"].queryset
    assert world.county not in form.fields["region"].queryset
    response = client.post("/regions/organisations/new/", {
        "name": "西张村卫生院", "kind": "health_centre", "region": world.town.pk,
        "sectors": sector_ids("health"), "phone": "0398-3810120"})
    assert response.status_code == 302
    org = Organisation.objects.get(name="西张村卫生院")
    assert [s.code for s in org.sectors.all()] == ["health"]
    entry = JournalEntry.objects.get(content_type__model="organisation", object_id=str(org.pk))
    assert entry.action == "create" and entry.changes["sectors"] == [None, ["卫生健康"]]


def test_bad_phone_and_duplicate_name_are_refused(world, client):
    client.force_login(world.users["office"])
    before = Organisation.objects.count()
    response = client.post("/regions/organisations/new/", {
        "name": "西张村派出所", "kind": "police_station", "region": world.town.pk, "phone": "12345"})
    html = body(response)
    assert response.status_code == 200
    assert "电话号码格式不正确" in html and "该区划下已有同名机构" in html
    assert Organisation.objects.count() == before


def test_edit_changes_sectors_and_journals_them(world, client):
    client.force_login(world.users["office"])
    url = f"/regions/organisations/{world.police.pk}/edit/"
    form = client.get(url).context["form"]
    assert {s.code for s in form.initial["sectors"]} == {"fire", "road_traffic"}
    response = client.post(url, {
        "name": "西张村派出所", "kind": "police_station", "region": world.town.pk,
        "sectors": sector_ids("fire"), "is_active": "on", "address": "西张村镇府前街1号"})
    assert response.status_code == 302
    world.police.refresh_from_db()
    assert [s.code for s in world.police.sectors.all()] == ["fire"]
    entry = JournalEntry.objects.filter(content_type__model="organisation",
                                        object_id=str(world.police.pk), action="update").get()
    assert entry.changes["sectors"] == [["消防安全", "道路交通"], ["消防安全"]]
    assert entry.changes["address"] == ["", "西张村镇府前街1号"]


def test_edit_with_bad_input_changes_nothing(world, client):
    client.force_login(world.users["office"])
    response = client.post(f"/regions/organisations/{world.police.pk}/edit/", {
        "name": "", "kind": "police_station", "region": world.town.pk,
        "sectors": sector_ids("mining"), "is_active": "on"})
    assert response.status_code == 200 and "该字段是必填项" in body(response)
    world.police.refresh_from_db()
    assert {s.code for s in world.police.sectors.all()} == {"fire", "road_traffic"}


@pytest.mark.parametrize("who", ["leader", "agency"])
def test_read_only_roles_cannot_create_or_edit(world, client, who):
    client.force_login(world.users[who])
    assert client.get("/regions/organisations/new/").status_code == 403
    assert client.get(f"/regions/organisations/{world.police.pk}/edit/").status_code == 403


def test_moving_an_organisation_out_of_scope_is_refused_and_rolled_back(world):
    with pytest.raises(PermissionDenied):
        organisation_update(actor=world.users["office"], organisation=world.police,
                            data={"region": world.county, "name": "搬走的派出所"})
    world.police.refresh_from_db()
    assert world.police.region == world.town and world.police.name == "西张村派出所"
