import pytest
from django.utils import timezone

from anjian.core.journal import entries_for
from anjian.testing.training import make_activity, make_session
from anjian.training.models import TrainingSession
from tests.api.conftest import assert_chinese

pytestmark = pytest.mark.django_db
SESSIONS, PUBLICITY = "/api/training-sessions/", "/api/publicity/"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_sessions_are_scoped_and_filtered(world, api):
    a = make_session(world.village_a, kind="special")
    b = make_session(world.village_b)
    assert ids(api("office").get(SESSIONS)) == {a.pk, b.pk}
    assert ids(api("village_a").get(SESSIONS)) == {a.pk}
    assert ids(api("office").get(SESSIONS, {"kind": "special"})) == {a.pk}
    assert api("village_a").get(f"{SESSIONS}{b.pk}/").status_code == 404
    assert api("office").get(f"{SESSIONS}{a.pk}/journal/").status_code == 200


def test_create_with_attendances_goes_through_the_service(world, api):
    response = api("village_a").post(SESSIONS, {
        "region": world.village_a.pk, "held_on": timezone.localdate().isoformat(),
        "topic": "村干部培训", "kind": "cadre", "hours": "2", "attendance_count": 5,
        "attendances": [{"name": "张三", "role": "cadre"}]}, format="json")
    assert response.status_code == 201, response.content
    session = TrainingSession.objects.get(pk=response.json()["id"])
    assert session.attendances.count() == 1 and entries_for(session).exists()


def test_refusals_are_chinese(world, api):
    response = api("village_a").post(SESSIONS, {
        "region": world.village_b.pk, "held_on": timezone.localdate().isoformat(),
        "topic": "越界", "kind": "cadre", "hours": "2", "attendance_count": 5}, format="json")
    assert response.status_code == 400  # a region outside the scope "does not exist"
    assert_chinese(response.json())
    response = api("village_a").post(SESSIONS, {
        "unit": world.units["shop_b"].pk, "held_on": timezone.localdate().isoformat(),
        "topic": "越界", "kind": "cadre", "hours": "2", "attendance_count": 5}, format="json")
    assert response.status_code == 400
    assert_chinese(response.json())
    response = api("office").post(SESSIONS, {
        "region": world.town.pk, "held_on": timezone.localdate().isoformat(), "topic": "少",
        "kind": "cadre", "hours": "2", "attendance_count": 0,
        "attendances": [{"name": "甲"}]}, format="json")
    assert response.status_code == 400
    assert_chinese(response.json())
    assert api("leader").post(SESSIONS, {}, format="json").status_code == 403


def test_update_through_the_service(world, api):
    session = make_session(world.town)
    response = api("office").patch(f"{SESSIONS}{session.pk}/", {"topic": "新主题"},
                                   format="json")
    assert response.status_code == 200, response.content
    assert entries_for(session).filter(action="update").exists()


def test_publicity_with_materials(world, api):
    make_activity(world.village_b)
    response = api("village_a").post(PUBLICITY, {
        "region": world.village_a.pk, "held_on": timezone.localdate().isoformat(),
        "kind": "door_to_door", "title": "入户宣传", "participants": 60, "households": 30,
        "materials": [{"name": "宣传册", "quantity": 60}]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["materials"] == [{"name": "宣传册", "quantity": 60}]
    assert ids(api("village_a").get(PUBLICITY)) == {response.json()["id"]}
