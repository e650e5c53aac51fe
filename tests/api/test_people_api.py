"""People on the tree through the API."""

from anjian.accounts.models import Person
from anjian.core.journal import entries_for
from tests.api.conftest import assert_chinese


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_village_cadre_sees_and_places_people_in_its_village_only(world, api):
    client = api("village_a")
    people = world.people
    assert ids(client.get("/api/people/")) == {people["secretary_a"].pk, people["grid_worker_a"].pk}
    response = client.post("/api/people/", {
        "name": "刘网格", "region": world.grid_a.pk, "duty": "grid_worker",
        "phone": "13700000001"}, format="json")
    assert response.status_code == 201, response.content
    person = Person.objects.get(pk=response.json()["id"])
    assert entries_for(person).get().actor == world.users["village_a"]
    outside = client.post("/api/people/", {"name": "越界", "region": world.grid_b.pk,
                                           "duty": "grid_worker"}, format="json")
    assert outside.status_code == 400
    assert_chinese(outside.json())
    assert not Person.objects.filter(name="越界").exists()


def test_people_filters(world, api):
    client = api("office")
    people = world.people
    assert ids(client.get("/api/people/?duty=grid_worker")) == {people["grid_worker_a"].pk}
    assert ids(client.get(f"/api/people/?region={world.village_b.pk}")) == {people["cadre_b"].pk}
    assert ids(client.get(f"/api/people/?organisation={world.police.pk}")) == {
        people["police_staff"].pk}
    assert ids(client.get("/api/people/?q=书记")) == {people["secretary_a"].pk, people["leader"].pk}


def test_person_rules_come_back_in_chinese_and_change_nothing(world, api):
    client = api("office")
    before = Person.objects.count()
    for data in [
        {"name": "", "region": world.village_a.pk},
        {"name": "甲", "region": world.village_a.pk, "phone": "110"},
        {"name": "乙", "region": world.village_a.pk, "duty": "grid_worker"},  # not on a grid
        {"name": "丙", "region": world.village_a.pk, "duty": "king"},
        {"name": "丁", "region": world.village_c.pk},
    ]:
        response = client.post("/api/people/", data, format="json")
        assert response.status_code == 400, (data, response.content)
        assert_chinese(response.json())
    assert Person.objects.count() == before


def test_delete_means_the_person_left_the_post(world, api):
    cadre = world.people["cadre_b"]
    client = api("village_b")
    response = client.delete(f"/api/people/{cadre.pk}/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    cadre.refresh_from_db()
    assert not cadre.is_active
    assert client.get(f"/api/people/{cadre.pk}/journal/").json()["count"] == 2
    again = client.delete(f"/api/people/{cadre.pk}/")
    assert again.status_code == 400
    assert_chinese(again.json())
