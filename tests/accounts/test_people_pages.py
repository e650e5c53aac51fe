"""People (人员) pages: list with filters, detail, create, edit, take off duty; placement rules."""

import pytest

from anjian.accounts.models import Person
from anjian.core.models import JournalEntry


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def people(world):
    """Enough people to filter: one per place, one off duty."""
    make = Person.objects.create
    return {
        "grid": make(name="王铁军", region=world.grid_a, duty="grid_worker", phone="13800000101"),
        "cadre_a": make(name="张建国", region=world.village_a, duty="cadre", position="村委委员"),
        "cadre_b": make(name="李红梅", region=world.village_b, duty="cadre"),
        "police": make(name="赵卫东", region=world.town, duty="staff", organisation=world.police),
        "gone": make(name="钱旧人", region=world.village_a, duty="cadre", is_active=False),
    }


def names(response) -> set[str]:
    return {p.name for p in response.context["page"].object_list}


@pytest.mark.parametrize("who", ["office", "leader", "agency", "village_a", "sysadmin"])
def test_list_renders_for_roles_that_see_people(world, client, people, who):
    client.force_login(world.users[who])
    assert client.get("/accounts/people/").status_code == 200
    assert client.get(f"/accounts/people/{people['cadre_a'].pk}/").status_code == 200


@pytest.mark.parametrize("who", ["grid_a", "enterprise_a", "expert", "nobody"])
def test_people_are_hidden_from_roles_without_them(world, client, people, who):
    client.force_login(world.users[who])
    assert client.get("/accounts/people/").status_code == 403
    assert client.get(f"/accounts/people/{people['cadre_a'].pk}/").status_code == 404


def test_village_cadre_sees_only_own_village_people(world, client, people):
    client.force_login(world.users["village_a"])
    listed = names(client.get("/accounts/people/"))
    assert {"王铁军", "张建国"} <= listed and "李红梅" not in listed and "赵卫东" not in listed
    assert client.get(f"/accounts/people/{people['cadre_b'].pk}/").status_code == 404


def test_filters_by_region_subtree_duty_organisation_text_and_status(world, client, people):
    client.force_login(world.users["office"])
    by_region = names(client.get(f"/accounts/people/?region={world.village_a.pk}"))
    assert {"王铁军", "张建国"} <= by_region and "李红梅" not in by_region and "钱旧人" not in by_region
    assert names(client.get("/accounts/people/?duty=grid_worker")) >= {"王铁军"}
    assert "张建国" not in names(client.get("/accounts/people/?duty=grid_worker"))
    assert names(client.get(f"/accounts/people/?organisation={world.police.pk}")) == {"赵卫东"}
    assert names(client.get("/accounts/people/?q=13800000101")) == {"王铁军"}
    assert names(client.get("/accounts/people/?q=村委委员")) >= {"张建国"}
    assert "钱旧人" in names(client.get("/accounts/people/?status=inactive"))
    assert "钱旧人" not in names(client.get("/accounts/people/?status=active"))


def test_village_cadre_places_a_grid_worker_on_a_grid(world, client):
    client.force_login(world.users["village_a"])
    form = client.get("/accounts/people/new/").context["form"]
    assert set(form.fields["region"].queryset) == {world.village_a, world.grid_a}
    response = client.post("/accounts/people/new/", {
        "name": "周网格", "duty": "grid_worker", "region": world.grid_a.pk, "phone": "13900000001"})
    assert response.status_code == 302
    person = Person.objects.get(name="周网格")
    assert person.region == world.grid_a
    entry = JournalEntry.objects.get(content_type__model="person", object_id=str(person.pk))
    assert entry.action == "create" and entry.actor == world.users["village_a"]


def test_grid_worker_on_a_village_is_refused_in_chinese(world, client):
    client.force_login(world.users["village_a"])
    before = Person.objects.count()
    response = client.post("/accounts/people/new/", {
        "name": "周网格", "duty": "grid_worker", "region": world.village_a.pk, "phone": "139"})
    html = body(response)
    assert "网格员应落位在网格" in html and "电话号码格式不正确" in html
    assert Person.objects.count() == before


def test_cadre_of_another_village_cannot_be_placed(world, client):
    client.force_login(world.users["village_a"])
    response = client.post("/accounts/people/new/", {
        "name": "越界者", "duty": "cadre", "region": world.village_b.pk})
    assert response.status_code == 200 and "选择一个有效的选项" in body(response)
    assert not Person.objects.filter(name="越界者").exists()


def test_staff_placed_by_organisation_takes_its_region(world, client):
    client.force_login(world.users["office"])
    response = client.post("/accounts/people/new/", {
        "name": "孙民警", "duty": "staff", "organisation": world.police.pk, "position": "民警"})
    assert response.status_code == 302
    assert Person.objects.get(name="孙民警").region == world.town
    response = client.post("/accounts/people/new/", {"name": "无处安放", "duty": "staff"})
    assert "请选择所在区划/网格或所在机构" in body(response)


def test_edit_moves_a_person_and_journals_it(world, client, people):
    client.force_login(world.users["office"])
    cadre = people["cadre_a"]
    response = client.post(f"/accounts/people/{cadre.pk}/edit/", {
        "name": "张建国", "duty": "village_secretary", "region": world.village_a.pk,
        "position": "党支部书记", "is_active": "on"})
    assert response.status_code == 302
    cadre.refresh_from_db()
    assert cadre.duty == "village_secretary"
    entry = JournalEntry.objects.get(content_type__model="person", object_id=str(cadre.pk))
    assert entry.changes["position"] == ["村委委员", "党支部书记"]


def test_edit_with_bad_input_changes_nothing(world, client, people):
    client.force_login(world.users["office"])
    grid_worker = people["grid"]
    response = client.post(f"/accounts/people/{grid_worker.pk}/edit/", {
        "name": "王铁军", "duty": "grid_worker", "region": world.town.pk, "is_active": "on"})
    assert "网格员应落位在网格，“西张村镇”是乡镇（街道）" in body(response)
    grid_worker.refresh_from_db()
    assert grid_worker.region == world.grid_a


def test_deactivate_keeps_the_record(world, client, people):
    client.force_login(world.users["village_a"])
    cadre = people["cadre_a"]
    response = client.post(f"/accounts/people/{cadre.pk}/deactivate/")
    assert response.status_code == 302
    cadre.refresh_from_db()
    assert not cadre.is_active
    assert JournalEntry.objects.filter(content_type__model="person", object_id=str(cadre.pk),
                                       changes__is_active=[True, False]).exists()
    assert client.get(f"/accounts/people/{cadre.pk}/").status_code == 200


def test_read_only_and_outsiders_cannot_write(world, client, people):
    client.force_login(world.users["leader"])
    assert client.get("/accounts/people/new/").status_code == 403
    assert client.post(f"/accounts/people/{people['cadre_a'].pk}/deactivate/").status_code == 403
    client.force_login(world.users["village_b"])
    assert client.get(f"/accounts/people/{people['cadre_a'].pk}/edit/").status_code == 404
    assert client.post(f"/accounts/people/{people['cadre_a'].pk}/deactivate/").status_code == 404
    people["cadre_a"].refresh_from_db()
    assert people["cadre_a"].is_active
