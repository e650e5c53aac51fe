from anjian.units.models import Unit


def test_village_cadre_sees_only_own_village_units(world):
    names = set(Unit.objects.for_user(world.users["village_a"]).values_list("name", flat=True))
    assert names == {"张一便民超市", "张一小学"}


def test_agency_sees_only_its_sectors(world):
    names = set(Unit.objects.for_user(world.users["school_agency"]).values_list("name", flat=True))
    assert names == {"张一小学"}


def test_enterprise_sees_only_own_unit(world):
    names = set(Unit.objects.for_user(world.users["enterprise_a"]).values_list("name", flat=True))
    assert names == {"张一便民超市"}


def test_unit_list_page_renders_for_office(world, client):
    client.force_login(world.users["office"])
    response = client.get("/units/?category=small_venue")
    assert response.status_code == 200
    body = response.content.decode()
    assert "后关小饭馆" in body and "张一小学" not in body


def test_out_of_scope_unit_is_404(world, client):
    client.force_login(world.users["village_a"])
    assert client.get(f"/units/{world.units['shop_b'].pk}/").status_code == 404
    assert client.get(f"/units/{world.units['shop_a'].pk}/").status_code == 200
