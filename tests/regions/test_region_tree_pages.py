"""The region tree pages: the tree with counts, creating child nodes, editing, and their scope."""

import time

import pytest

from anjian.core.models import JournalEntry
from anjian.regions.models import Region


def body(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("who", ["office", "leader", "agency", "village_a", "grid_a", "sysadmin"])
def test_tree_renders_for_roles_that_see_regions(world, client, who):
    client.force_login(world.users[who])
    response = client.get("/regions/")
    assert response.status_code == 200
    assert "区划网格" in body(response)


@pytest.mark.parametrize("who", ["enterprise_a", "expert", "nobody", "secadmin", "auditor"])
def test_tree_is_forbidden_to_roles_without_regions(world, client, who):
    client.force_login(world.users[who])
    assert client.get("/regions/").status_code == 403


def test_tree_shows_only_the_users_subtree(world, client):
    client.force_login(world.users["village_a"])
    html = body(client.get("/regions/"))
    assert "张一村第1网格" in html
    assert "后关村" not in html and "西张村镇" not in html


def test_tree_counts_units_and_people_of_the_subtree(world, client):
    client.force_login(world.users["office"])
    response = client.get("/regions/")
    tree = response.context["tree"]
    town = tree[0]
    assert town.region == world.town
    village_a = next(n for n in town.children if n.region == world.village_a)
    # 张一村: the shop on its grid and the school on the village itself.
    assert village_a.units == 2
    assert town.units == 4
    grid = village_a.children[0]
    assert grid.region == world.grid_a and grid.units == 1
    expected_people = world.village_a.people.filter(is_active=True).count() + world.grid_a.people.filter(
        is_active=True).count()
    assert village_a.people == expected_people


def test_office_adds_a_village_under_the_town_and_it_is_journaled(world, client):
    client.force_login(world.users["office"])
    response = client.post(f"/regions/{world.town.pk}/new/", {
        "kind": "village", "name": "新建村", "code": "411203102299", "notes": "测试"})
    assert response.status_code == 302
    village = Region.objects.get(code="411203102299")
    assert village.parent == world.town and village.level == 3
    assert village.path == f"{world.town.path}{village.pk}/"
    entry = JournalEntry.objects.get(object_id=str(village.pk), action="create",
                                     content_type__model="region")
    assert entry.actor == world.users["office"] and entry.changes["name"] == [None, "新建村"]


def test_office_adds_a_grid_under_a_village(world, client):
    client.force_login(world.users["office"])
    response = client.post(f"/regions/{world.village_b.pk}/new/", {
        "kind": "grid", "name": "后关村第2网格", "code": "411203102205-02"})
    assert response.status_code == 302
    assert Region.objects.get(code="411203102205-02").level == 4


def test_child_kind_offered_matches_the_level_below(world, client):
    client.force_login(world.users["office"])
    form = client.get(f"/regions/{world.town.pk}/new/").context["form"]
    assert {value for value, _ in form.fields["kind"].choices} == {"village", "community"}
    response = client.post(f"/regions/{world.town.pk}/new/", {
        "kind": "grid", "name": "错层网格", "code": "X1"})
    assert response.status_code == 200
    assert not Region.objects.filter(code="X1").exists()


def test_duplicate_code_and_empty_name_are_refused_in_chinese(world, client):
    client.force_login(world.users["office"])
    before = Region.objects.count()
    response = client.post(f"/regions/{world.town.pk}/new/", {
        "kind": "village", "name": "  ", "code": world.village_a.code})
    html = body(response)
    assert response.status_code == 200
    assert "该字段是必填项" in html
    response = client.post(f"/regions/{world.town.pk}/new/", {
        "kind": "village", "name": "重码村", "code": world.village_a.code})
    assert f"区划代码{world.village_a.code}已存在" in body(response)
    response = client.post(f"/regions/{world.town.pk}/new/", {
        "kind": "village", "name": "张一村", "code": "411203102288"})
    assert "同一上级下已有名为“张一村”的区划" in body(response)
    assert Region.objects.count() == before


def test_grid_cannot_have_children(world, client):
    client.force_login(world.users["office"])
    assert client.get(f"/regions/{world.grid_a.pk}/new/").status_code == 403


def test_read_only_roles_cannot_add_or_edit(world, client):
    for who in ("leader", "village_a", "agency"):
        client.force_login(world.users[who])
        region = world.village_a
        assert client.get(f"/regions/{region.pk}/new/").status_code == 403, who
        assert client.post(f"/regions/{region.pk}/edit/", {"name": "改名", "code": region.code}
                           ).status_code == 403, who
    world.village_a.refresh_from_db()
    assert world.village_a.name == "张一村"


def test_out_of_scope_region_is_404(world, client):
    client.force_login(world.users["village_a"])
    for url in (f"/regions/{world.village_b.pk}/", f"/regions/{world.village_b.pk}/new/",
                f"/regions/{world.village_b.pk}/edit/"):
        assert client.get(url).status_code == 404, url


def test_office_cannot_add_beside_its_town(world, client):
    client.force_login(world.users["office"])
    # The county lies above the office's town: visible to nobody in the town, so 404.
    assert client.get(f"/regions/{world.county.pk}/new/").status_code == 404


def test_edit_renames_and_journals(world, client):
    client.force_login(world.users["sysadmin"])
    response = client.post(f"/regions/{world.village_b.pk}/edit/", {
        "name": "后关社区", "code": world.village_b.code, "notes": "撤村建居"})
    assert response.status_code == 302
    world.village_b.refresh_from_db()
    assert world.village_b.name == "后关社区" and world.village_b.notes == "撤村建居"
    entry = JournalEntry.objects.filter(object_id=str(world.village_b.pk), action="update").first()
    assert entry.changes["name"] == ["后关村", "后关社区"]
    assert entry.actor == world.users["sysadmin"]


def test_edit_with_bad_input_changes_nothing(world, client):
    client.force_login(world.users["office"])
    response = client.post(f"/regions/{world.village_b.pk}/edit/", {
        "name": "后关新村", "code": world.village_a.code})
    assert response.status_code == 200
    assert f"区划代码{world.village_a.code}已存在" in body(response)
    world.village_b.refresh_from_db()
    assert world.village_b.name == "后关村"
    assert not JournalEntry.objects.filter(object_id=str(world.village_b.pk), action="update").exists()


def test_detail_shows_buttons_by_permission(world, client):
    client.force_login(world.users["office"])
    html = body(client.get(f"/regions/{world.village_a.pk}/"))
    assert f"/regions/{world.village_a.pk}/edit/" in html and "新增网格" in html
    client.force_login(world.users["leader"])
    html = body(client.get(f"/regions/{world.village_a.pk}/"))
    assert f"/regions/{world.village_a.pk}/edit/" not in html and "新增网格" not in html


def test_tree_costs_the_same_queries_however_big(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anjian.core.middleware import SessionTouchMiddleware
    from anjian.regions.services import region_create

    client.force_login(world.users["office"])
    session = client.session  # just saved: no request here saves it again (SessionTouchMiddleware)
    session[SessionTouchMiddleware.KEY] = int(time.time())
    session.save()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/regions/").status_code == 200
        return len(queries)

    few = count()
    for i in range(10):
        village = region_create(actor=None, parent=world.town, name=f"测试村{i}",
                                code=f"4112031023{i:02d}", kind="village")
        region_create(actor=None, parent=village, name=f"测试村{i}第1网格",
                      code=f"4112031023{i:02d}-01", kind="grid")
    assert count() == few
