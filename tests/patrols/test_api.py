import pytest
from django.utils import timezone

from anjian.core.journal import entries_for
from anjian.patrols.models import FireSource, PatrolCheckIn, PersuasionRecord
from anjian.testing.patrols import make_point, make_ranger, make_record
from tests.api.conftest import assert_chinese

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_records_scoped_filtered_and_created_through_the_service(world, api):
    mine, theirs = make_point(world.grid_a), make_point(world.village_b, name="后关劝导点")
    a = make_record(mine, vehicle_type="motorcycle", violation="no_helmet")
    b = make_record(theirs)
    assert ids(api("office").get("/api/persuasion-records/")) == {a.pk, b.pk}
    assert ids(api("grid_a").get("/api/persuasion-records/")) == {a.pk}
    assert ids(api("office").get("/api/persuasion-records/", {"violation": "no_helmet"})) == {
        a.pk}
    response = api("grid_a").post("/api/persuasion-records/", {
        "point": mine.pk, "vehicle_type": "e_bike", "violation": "no_helmet"}, format="json")
    assert response.status_code == 201, response.content
    record = PersuasionRecord.objects.get(pk=response.json()["id"])
    assert record.region == world.grid_a and entries_for(record).exists()
    response = api("grid_a").post("/api/persuasion-records/", {
        "point": theirs.pk, "vehicle_type": "e_bike", "violation": "no_helmet"}, format="json")
    assert response.status_code == 400
    assert_chinese(response.json())
    assert api("grid_a").get(f"/api/persuasion-records/{b.pk}/").status_code == 404


def test_checkins_and_fire_sources(world, api):
    ranger = make_ranger(world.village_a)
    response = api("village_a").post("/api/patrol-checkins/", {
        "ranger": ranger.pk, "place": "干山片区", "latitude": "34.700000",
        "longitude": "111.200000"}, format="json")
    assert response.status_code == 201, response.content
    assert PatrolCheckIn.objects.get().region == world.village_a
    assert ids(api("village_b").get("/api/patrol-checkins/")) == set()
    response = api("village_a").post("/api/fire-sources/", {
        "region": world.village_a.pk, "found_at": timezone.now().isoformat(), "place": "山脚",
        "kind": "smoking"}, format="json")
    assert response.status_code == 201, response.content
    source = FireSource.objects.get()
    response = api("village_a").patch(f"/api/fire-sources/{source.pk}/", {
        "handling": "已扑灭", "handled_at": timezone.now().isoformat()}, format="json")
    assert response.status_code == 200, response.content
    assert entries_for(source).filter(action="update").exists()
    assert api("leader").post("/api/fire-sources/", {}, format="json").status_code == 403


def test_points_and_checkpoints(world, api):
    response = api("office").post("/api/persuasion-points/", {
        "region": world.town.pk, "name": "镇区劝导点", "road": "省道"}, format="json")
    assert response.status_code == 201, response.content
    response = api("office").post("/api/fire-checkpoints/", {
        "region": world.village_a.pk, "name": "东山防火检查站", "location": "东山"},
        format="json")
    assert response.status_code == 201, response.content
    assert len(ids(api("village_a").get("/api/fire-checkpoints/"))) == 1


def test_a_ranger_posts_and_reads_their_own_checkins_without_a_role(world, api):
    from rest_framework.test import APIClient

    from anjian.testing.world import make_user

    ranger, other = make_ranger(world.village_a), make_ranger(world.village_a, name="王护林")
    user = make_user("ranger_api")
    user.person = ranger
    user.save(update_fields=["person"])
    client = APIClient()
    client.force_login(user)
    response = client.post("/api/patrol-checkins/", {"ranger": ranger.pk, "place": "方山"},
                           format="json")
    assert response.status_code == 201, response.content
    mine = response.json()["id"]
    response = client.post("/api/patrol-checkins/", {"ranger": other.pk, "place": "方山"},
                           format="json")
    assert response.status_code == 400
    api("village_a").post("/api/patrol-checkins/", {"ranger": other.pk, "place": "山口"},
                          format="json")
    assert ids(client.get("/api/patrol-checkins/")) == {mine}
    assert client.get("/api/fire-sources/").status_code == 403
