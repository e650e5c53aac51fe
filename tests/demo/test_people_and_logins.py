"""People on the demo tree (seed 001 §二's leading group, cadres, grid workers, rangers) and one
working login per role."""

import pytest
from django.contrib.auth.password_validation import validate_password

from anjian.accounts.choices import Duty, Role
from anjian.accounts.models import Person, RoleGrant, User
from anjian.core.validators import MOBILE_RE
from anjian.demo import DEMO_PASSWORD
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit, UnitAccess
from tests.demo.conftest import FAST_ARGON2


def test_leading_group_of_seed_001(town):
    yan = Person.objects.get(name="燕生")
    assert yan.duty == Duty.LEADER and yan.position.startswith("镇党委书记")
    assert yan.position.endswith("领导小组组长")
    qian = Person.objects.get(name="钱熙浩")
    assert "镇长" in qian.position and qian.position.endswith("领导小组常务副组长")
    deputies = Person.objects.filter(duty=Duty.LEADER, position__endswith="领导小组副组长")
    assert deputies.count() == 8
    members = Person.objects.filter(position__endswith="领导小组成员")
    secretaries = members.filter(duty=Duty.VILLAGE_SECRETARY)
    assert secretaries.count() == 41
    heads = members.exclude(duty=Duty.VILLAGE_SECRETARY)
    assert heads.filter(organisation__name__contains="应急管理办公室").exists()
    assert heads.count() == Organisation.objects.filter(region__code="411203102").count()


def test_37_forest_rangers_in_the_forested_villages(town):
    rangers = Person.objects.filter(duty=Duty.FOREST_RANGER).select_related("region", "organisation")
    assert rangers.count() == 37
    for ranger in rangers:
        assert ranger.region.level == 3 and ranger.organisation.name == "西张村镇林业站"
        assert ranger.region.notes.startswith(("南部山区", "中部浅山")), ranger.region
        assert ranger.position.startswith("护林员")


def test_every_village_has_a_secretary_and_cadres_and_every_grid_a_worker(town):
    for village in Region.objects.filter(level=3):
        people = village.people.all()
        assert people.filter(duty=Duty.VILLAGE_SECRETARY).count() == 1, village
        assert people.filter(duty=Duty.CADRE).exists(), village
    for grid in Region.objects.filter(level=4):
        assert grid.people.filter(duty=Duty.GRID_WORKER).count() == 1, grid


def test_every_organisation_has_staff(town):
    for org in Organisation.objects.all():
        assert org.people.count() >= 2, org


def test_people_have_unique_names_and_valid_mobile_numbers(town):
    people = list(Person.objects.values_list("name", "phone"))
    assert len({name for name, _ in people}) == len(people)
    assert len({phone for _, phone in people}) == len(people)
    assert all(MOBILE_RE.match(phone) for _, phone in people)
    assert all(2 <= len(name) <= 3 for name, _ in people)


def test_there_is_a_demo_user_for_every_role(town):
    roles = set(RoleGrant.objects.filter(user__username__startswith="demo_").values_list("role", flat=True))
    roles |= set(UnitAccess.objects.filter(user__username__startswith="demo_").values_list("role", flat=True))
    assert roles == set(Role.values)
    for user in User.objects.filter(username__startswith="demo_").select_related("person"):
        assert user.person is not None and user.display_name == user.person.name, user
    assert User.objects.get(username="demo_leader").person.name == "燕生"


def test_demo_password_passes_the_password_rules(town):
    for user in User.objects.filter(username__startswith="demo_"):
        validate_password(DEMO_PASSWORD, user)
        assert user.password.startswith("argon2$"), user


@pytest.mark.parametrize("username", [
    "demo_leader", "demo_office", "demo_police", "demo_village", "demo_grid", "demo_enterprise",
    "demo_expert", "demo_sysadmin", "demo_secadmin", "demo_auditor",
])
def test_each_demo_user_can_log_in(town, client, settings, username):
    settings.PASSWORD_HASHERS = FAST_ARGON2  # the demo was built with it (see conftest)
    response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and "/login/" not in response["Location"]
    assert client.get("/").status_code == 200


def test_demo_users_see_what_the_login_table_says(town):
    def visible(username):
        return Unit.objects.for_user(User.objects.get(username=username))

    assert visible("demo_leader").count() == visible("demo_office").count() == Unit.objects.count()
    village = Region.objects.get(name="张一村")
    assert visible("demo_village").count() == Unit.objects.filter(region__parent=village).count() > 0
    grid = Region.objects.get(code="411203102201-01")
    assert set(visible("demo_grid")) == set(Unit.objects.filter(region=grid))
    assert [u.name for u in visible("demo_enterprise")] == ["三门峡西张村机械厂"]
    expert = set(visible("demo_expert").values_list("category", flat=True))
    assert {"mine", "tailings_pond"} <= expert
    police = set(visible("demo_police").values_list("sector__code", flat=True))
    assert police == {"fire", "road_traffic", "fireworks"}
    assert not visible("demo_auditor").exists() and not visible("demo_secadmin").exists()
