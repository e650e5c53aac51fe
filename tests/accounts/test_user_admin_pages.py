"""User administration by the system administrator (系统管理员): users, passwords, roles, units."""

import pytest

from anjian.accounts.models import RoleGrant, User
from anjian.accounts.selectors import manageable_users
from anjian.core.models import JournalEntry
from anjian.regions.choices import RegionKind
from anjian.regions.services import region_create
from anjian.testing.world import make_user
from anjian.units.models import UnitAccess

GOOD_PASSWORD = "Xizhang-2026-ok"


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def admin(world, client):
    client.force_login(world.users["sysadmin"])
    return world.users["sysadmin"]


@pytest.fixture
def outsider(world):
    """A user whose role lies in another town of the county: outside the town admin's scope."""
    other_town = region_create(actor=None, parent=world.county, name="大营镇", code="411203106",
                               kind=RegionKind.TOWN)
    return make_user("other_town_office", "safety_office", region=other_town)


def page_login(client, username: str, password: str) -> bool:
    """Log in through the login page, as a person would (django-axes needs the request)."""
    client.logout()
    client.post("/login/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


def create_user(client, **extra):
    data = {"username": "zhangsan", "display_name": "张三", "phone": "13700000001",
            "password": GOOD_PASSWORD, "password_confirm": GOOD_PASSWORD, **extra}
    return client.post("/accounts/users/new/", data)


def test_list_shows_users_in_scope_and_users_without_grants(world, client, admin, outsider):
    User.objects.create_superuser("root", password=GOOD_PASSWORD)
    listed = {u.username for u in client.get("/accounts/users/").context["page"].object_list}
    assert {"village_a", "office", "agency", "enterprise_a", "nobody", "sysadmin"} <= listed
    assert "other_town_office" not in listed and "root" not in listed


@pytest.mark.parametrize("who", ["office", "leader", "secadmin", "auditor", "village_a", "nobody"])
def test_user_pages_are_for_system_admins_only(world, client, who):
    client.force_login(world.users[who])
    target = world.users["village_a"].pk
    for url in ("/accounts/users/", "/accounts/users/new/", f"/accounts/users/{target}/",
                f"/accounts/users/{target}/password/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/accounts/users/{target}/deactivate/").status_code == 403


def test_out_of_scope_user_is_404(world, client, admin, outsider):
    for url in (f"/accounts/users/{outsider.pk}/", f"/accounts/users/{outsider.pk}/edit/",
                f"/accounts/users/{outsider.pk}/password/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/accounts/users/{outsider.pk}/deactivate/").status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active


def test_admin_creates_a_village_user_who_then_sees_only_that_village(world, client, admin):
    response = create_user(client)
    assert response.status_code == 302
    user = User.objects.get(username="zhangsan")
    assert user.check_password(GOOD_PASSWORD)
    entry = JournalEntry.objects.get(content_type__model="user", object_id=str(user.pk),
                                     action="create")
    assert "password" not in entry.changes and entry.changes["display_name"] == [None, "张三"]
    response = client.post(f"/accounts/users/{user.pk}/grants/", {
        "role": "village", "region": world.village_b.pk})
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user=user, role="village", region=world.village_b).exists()

    assert page_login(client, "zhangsan", GOOD_PASSWORD)
    units = {u.name for u in client.get("/units/").context["page"].object_list}
    assert units == {"后关小饭馆", "后关废弃坑口1号"}
    assert client.get(f"/units/{world.units['shop_a'].pk}/").status_code == 404
    assert client.get(f"/regions/{world.village_a.pk}/").status_code == 404


def test_weak_password_and_taken_username_are_refused_in_chinese(world, client, admin):
    before = User.objects.count()
    response = create_user(client, password="12345678", password_confirm="12345678")
    html = body(response)
    assert "密码太短，至少需要10个字符" in html and "密码不能全是数字" in html
    response = create_user(client, username="village_a")
    assert "用户名“village_a”已被使用" in body(response)
    response = create_user(client, password_confirm="something-else-1")
    assert "两次输入的密码不一致" in body(response)
    response = create_user(client, phone="123")
    assert "电话号码格式不正确" in body(response)
    assert User.objects.count() == before


def test_agency_role_without_organisation_is_refused(world, client, admin):
    target = world.users["nobody"]
    response = client.post(f"/accounts/users/{target.pk}/grants/", {"role": "agency"})
    assert response.status_code == 400
    assert "“机关站所”角色必须指定所属机构" in body(response)
    assert not RoleGrant.objects.filter(user=target).exists()
    response = client.post(f"/accounts/users/{target.pk}/grants/", {
        "role": "agency", "organisation": world.school_office.pk})
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user=target, role="agency",
                                    organisation=world.school_office).exists()


@pytest.mark.parametrize(("role", "place", "message"), [
    ("village", "town", "“村（社区）”角色只能授予在村（社区）"),
    ("grid_worker", "village_a", "“网格员”角色只能授予在网格"),
    ("leader", "grid_a", "“镇领导”角色只能授予在县（区）、乡镇（街道）"),
    ("village", None, "“村（社区）”角色必须指定区划"),
])
def test_region_roles_must_sit_on_their_level(world, client, admin, role, place, message):
    target = world.users["nobody"]
    data = {"role": role}
    if place:
        data["region"] = getattr(world, place).pk
    response = client.post(f"/accounts/users/{target.pk}/grants/", data)
    assert response.status_code == 400 and message in body(response)
    assert not RoleGrant.objects.filter(user=target).exists()


def test_grants_outside_the_admins_town_are_not_offered(world, client, admin, outsider):
    form = client.get(f"/accounts/users/{world.users['nobody'].pk}/").context["grant_form"]
    regions = set(form.fields["region"].queryset)
    assert world.village_a in regions and world.county not in regions


def test_three_administrators_stay_separate(world, client, admin):
    target = world.users["secadmin"]
    response = client.post(f"/accounts/users/{target.pk}/grants/", {
        "role": "audit_admin", "region": world.town.pk})
    assert response.status_code == 400 and "三员分立" in body(response)
    assert not target.role_grants.filter(role="audit_admin").exists()


def test_admin_cannot_change_own_roles(world, client, admin):
    response = client.post(f"/accounts/users/{admin.pk}/grants/", {
        "role": "safety_office", "region": world.town.pk})
    assert response.status_code == 400 and "不能修改自己的角色授权" in body(response)
    grant = admin.role_grants.get()
    client.post(f"/accounts/users/{admin.pk}/grants/{grant.pk}/revoke/")
    assert admin.role_grants.filter(pk=grant.pk).exists()


def test_revoke_a_role_is_journaled(world, client, admin):
    target = world.users["village_a"]
    grant = target.role_grants.get()
    assert client.post(f"/accounts/users/{target.pk}/grants/{grant.pk}/revoke/").status_code == 302
    assert not target.role_grants.exists()
    entry = JournalEntry.objects.filter(content_type__model="user", object_id=str(target.pk)).first()
    assert entry.changes["roles"] == [["村（社区） 张一村"], []]
    assert "收回角色" in entry.comment


def test_enterprise_user_gets_its_unit_by_credit_code(world, client, admin):
    target = world.users["nobody"]
    response = client.post(f"/accounts/users/{target.pk}/units/", {
        "role": "enterprise", "unit": "91350100M000100Y43"})
    assert response.status_code == 302
    assert UnitAccess.objects.filter(user=target, unit=world.units["shop_a"]).exists()
    response = client.post(f"/accounts/users/{target.pk}/units/", {
        "role": "expert", "unit": "不存在的单位"})
    assert response.status_code == 400 and "找不到该监管对象" in body(response)
    response = client.post(f"/accounts/users/{target.pk}/grants/", {
        "role": "enterprise", "region": world.village_a.pk})
    assert response.status_code == 200 or response.status_code == 400
    assert not target.role_grants.exists()
    access = UnitAccess.objects.get(user=target)
    assert client.post(f"/accounts/users/{target.pk}/units/{access.pk}/revoke/").status_code == 302
    assert not UnitAccess.objects.filter(user=target).exists()


def test_reset_password_lets_the_user_log_in_and_is_journaled(world, client, admin):
    target = world.users["village_a"]
    response = client.post(f"/accounts/users/{target.pk}/password/", {
        "password": "short", "password_confirm": "short"})
    assert response.status_code == 200 and "密码太短" in body(response)
    response = client.post(f"/accounts/users/{target.pk}/password/", {
        "password": GOOD_PASSWORD, "password_confirm": GOOD_PASSWORD})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password(GOOD_PASSWORD)
    entry = JournalEntry.objects.filter(content_type__model="user", object_id=str(target.pk)).first()
    assert entry.comment == "重置密码" and entry.changes == {}


def test_deactivated_user_cannot_log_in_and_can_be_reactivated(world, client, admin):
    target = world.users["village_a"]
    assert client.post(f"/accounts/users/{target.pk}/deactivate/").status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert client.post(f"/accounts/users/{admin.pk}/deactivate/").status_code == 302
    admin.refresh_from_db()
    assert admin.is_active  # never oneself
    assert not page_login(client.__class__(), "village_a", "Anjian-test-2026")
    assert client.post(f"/accounts/users/{target.pk}/activate/").status_code == 302
    target.refresh_from_db()
    assert target.is_active


def test_edit_links_a_user_to_a_person(world, client, admin):
    from anjian.accounts.models import Person

    person = Person.objects.create(name="后关村书记", region=world.village_b, duty="village_secretary")
    target = world.users["village_b"]
    response = client.post(f"/accounts/users/{target.pk}/edit/", {
        "username": "village_b", "display_name": "后关村书记", "person": person.pk})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.person == person
    entry = JournalEntry.objects.filter(content_type__model="user", object_id=str(target.pk)).first()
    assert entry.changes["person"] == [None, person.pk]
    other = world.users["village_a"]
    response = client.post(f"/accounts/users/{other.pk}/edit/", {
        "username": "village_a", "person": person.pk})
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.person is None


def test_manageable_users_follow_the_admins_subtree(world, outsider):
    county_admin = make_user("county_admin", "system_admin", region=world.county)
    assert outsider in manageable_users(county_admin)
    assert outsider not in manageable_users(world.users["sysadmin"])
    assert county_admin not in manageable_users(world.users["sysadmin"])
    assert not manageable_users(world.users["office"]).exists()
