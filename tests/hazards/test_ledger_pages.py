"""The ledger (隐患台账), one hazard's page and the statistics page: scope, filters, figures, the
next steps offered, and the unit page's hazard box."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.hazards import services as hs
from anjian.hazards.models import Hazard
from anjian.testing.hazards import MAJOR_DOSSIER, assign_data, report, staged

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hazards(world):
    """shop_a (village A): one reported, one assigned and overdue, one major; shop_b (village B):
    one reported."""
    u = world.users
    reported = report(u["grid_a"], world.units["shop_a"], description="灭火器过期未更换")
    overdue = report(u["grid_a"], world.units["shop_a"], description="配电箱电线私拉乱接")
    overdue = hs.hazard_assign(actor=u["office"], hazard=overdue, data=assign_data())
    Hazard.objects.filter(pk=overdue.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=3))
    major = report(u["office"], world.units["school_a"], level="major",
                   description="教学楼疏散楼梯堆放杂物")
    other = report(u["village_b"], world.units["shop_b"], description="后厨燃气软管老化")
    return {"reported": reported, "overdue": overdue, "major": major, "other": other}


def numbers(response) -> set[str]:
    assert response.status_code == 200
    return {h.number for h in response.context["page"].object_list}


def test_village_cadre_sees_only_own_village_hazards(world, client, hazards):
    client.force_login(world.users["village_a"])
    shown = numbers(client.get("/hazards/"))
    assert shown == {hazards[k].number for k in ("reported", "overdue", "major")}
    assert hazards["other"].number not in client.get("/hazards/").content.decode()


def test_office_sees_the_whole_town(world, client, hazards):
    client.force_login(world.users["office"])
    assert numbers(client.get("/hazards/")) == {h.number for h in hazards.values()}


@pytest.mark.parametrize(("query", "expected"), [
    ("state=assigned", {"overdue"}),
    ("state=reported", {"reported", "major", "other"}),
    ("level=major", {"major"}),
    ("overdue=true", {"overdue"}),
    ("overdue=false", {"reported", "major", "other"}),
    ("q=燃气", {"other"}),
    ("q=张一小学", {"major"}),
    ("unit_category=crowded_place", {"major"}),
])
def test_ledger_filters(world, client, hazards, query, expected):
    client.force_login(world.users["office"])
    assert numbers(client.get(f"/hazards/?{query}")) == {hazards[k].number for k in expected}


def test_region_and_grid_filters_include_what_lies_below(world, client, hazards):
    client.force_login(world.users["office"])
    assert numbers(client.get(f"/hazards/?region={world.village_b.pk}")) == {
        hazards["other"].number}
    assert numbers(client.get(f"/hazards/?region={world.village_a.pk}")) == {
        hazards[k].number for k in ("reported", "overdue", "major")}
    assert numbers(client.get(f"/hazards/?grid={world.grid_a.pk}")) == {
        hazards[k].number for k in ("reported", "overdue")}


def test_a_region_outside_scope_is_not_offered(world, client, hazards):
    client.force_login(world.users["village_a"])
    response = client.get("/hazards/")
    assert f'value="{world.village_b.pk}"' not in response.content.decode().split(
        'name="region"')[1].split("</select>")[0]
    # Asking for it anyway does not widen the list beyond the scope.
    assert hazards["other"].number not in numbers(
        client.get(f"/hazards/?region={world.village_b.pk}"))


def test_htmx_refresh_returns_the_table_with_its_figures(world, client, hazards):
    client.force_login(world.users["office"])
    response = client.get("/hazards/?level=major", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="hazard-stats"' in body and hazards["major"].number in body
    # The figures come in their own request, for the same query string.
    assert 'hx-get="/hazards/figures/?level=major"' in body and 'hx-trigger="load"' in body
    figures = client.get("/hazards/figures/?level=major", HTTP_HX_REQUEST="true")
    assert figures.context["stats"].found == 1
    assert 'data-figure="found">1<' in figures.content.decode()


def test_the_ledger_page_leaves_the_figures_to_their_own_request(world, client, hazards):
    client.force_login(world.users["office"])
    response = client.get("/hazards/")
    body = response.content.decode()
    assert "stats" not in response.context and 'data-figure="found"' not in body
    assert 'hx-get="/hazards/figures/"' in body


def test_the_ledger_figures_match_the_database(world, client, hazards):
    u = world.users
    closed = report(u["grid_a"], world.units["shop_a"], description="疏散指示灯损坏")
    hs.hazard_fix_on_spot(actor=u["grid_a"], hazard=closed,
                          data={"rectification_note": "已更换"},
                          photos=[staged("after")])
    client.force_login(u["office"])
    response = client.get("/hazards/figures/")
    stats = response.context["stats"]
    all_ = Hazard.objects.all()
    assert stats.found == all_.count() == 5
    assert stats.rectified == all_.filter(state="closed").count() == 1
    assert stats.overdue == Hazard.objects.overdue().count() == 1
    assert stats.major == all_.filter(level="major").count() == 1
    assert stats.rectification_rate == 20.0 and stats.on_time_rate == 100.0
    body = response.content.decode()
    assert 'data-figure="found">5<' in body and 'data-figure="rectification_rate">20%<' in body
    assert 'data-figure="overdue">1<' in body


def test_the_ledger_marks_overdue_and_provisional_deadlines(world, client, hazards):
    Hazard.objects.filter(pk=hazards["overdue"].pk).update(deadline_provisional=True)
    client.force_login(world.users["office"])
    body = client.get("/hazards/").content.decode()
    row = body.split(f'data-hazard="{hazards["overdue"].number}"')[1].split("</tr>")[0]
    assert "逾期" in row and "待定" in row
    other = body.split(f'data-hazard="{hazards["reported"].number}"')[1].split("</tr>")[0]
    assert "逾期" not in other and "待定" not in other


def test_the_ledger_keeps_to_a_query_budget(world, client, hazards, django_assert_max_num_queries):
    for _ in range(20):
        report(world.users["grid_a"], world.units["shop_a"])
    client.force_login(world.users["office"])
    client.get("/hazards/")  # warm the session and the user's grants
    with django_assert_max_num_queries(18):
        response = client.get("/hazards/")
    assert len(response.context["page"].object_list) == 24


def test_the_statistics_page_matches_the_database(world, client, hazards):
    client.force_login(world.users["office"])
    response = client.get("/hazards/statistics/")
    assert response.status_code == 200
    rows = {s.label: s for s in response.context["rows"]}
    assert set(rows) == {"张一村", "后关村"}
    assert rows["张一村"].found == 3 and rows["张一村"].overdue == 1 and rows["张一村"].major == 1
    assert rows["后关村"].found == 1
    total = response.context["total"]
    assert total.found == Hazard.objects.count() == 4
    body = response.content.decode()
    assert 'id="totals"' in body and "张一村" in body


@pytest.mark.parametrize(("by", "labels"), [
    ("level", {"一般隐患": 3, "重大隐患": 1}),
    ("source", {"网格巡查": 4}),
    ("unit_category", {"九小场所": 3, "人员密集场所": 1}),
])
def test_the_statistics_page_groups(world, client, hazards, by, labels):
    client.force_login(world.users["office"])
    rows = client.get(f"/hazards/statistics/?by={by}").context["rows"]
    assert {s.label: s.found for s in rows} == labels


def test_statistics_of_a_village_cadre_stay_in_the_village(world, client, hazards):
    client.force_login(world.users["village_a"])
    response = client.get("/hazards/statistics/")
    assert response.context["total"].found == 3
    assert "后关村" not in response.content.decode()


def test_statistics_period_excludes_other_years(world, client, hazards):
    Hazard.objects.filter(pk=hazards["other"].pk).update(
        discovered_at=timezone.now() - dt.timedelta(days=400))
    client.force_login(world.users["office"])
    assert client.get("/hazards/statistics/").context["total"].found == 3
    start = (timezone.localdate() - dt.timedelta(days=500)).isoformat()
    response = client.get(f"/hazards/statistics/?discovered_from={start}")
    assert response.context["total"].found == 4


def test_office_is_offered_assignment_of_a_reported_hazard(world, client, hazards):
    client.force_login(world.users["office"])
    body = client.get(f"/hazards/{hazards['reported'].pk}/").content.decode()
    assert 'data-action="assign"' in body and 'data-action="cancel"' in body
    assert 'data-action="acknowledge"' not in body


def test_enterprise_is_offered_acknowledgement_after_assignment(world, client, hazards):
    client.force_login(world.users["enterprise_a"])
    body = client.get(f"/hazards/{hazards['overdue'].pk}/").content.decode()
    assert 'data-action="acknowledge"' in body and "签收" in body
    assert 'data-action="assign"' not in body and 'data-action="extend_deadline"' not in body
    # Before assignment nothing is the enterprise's to do.
    body = client.get(f"/hazards/{hazards['reported'].pk}/").content.decode()
    assert "data-action=" not in body


def test_the_detail_page_shows_facts_timeline_photos_and_journal(world, client, hazards):
    client.force_login(world.users["office"])
    hazard = hazards["overdue"]
    response = client.get(f"/hazards/{hazard.pk}/")
    body = response.content.decode()
    assert "配电箱电线私拉乱接" in body and "清理安全出口货物" in body  # facts and 五落实
    assert 'data-event="report"' in body and 'data-event="assign"' in body
    photo = hazard.photos.get()
    assert f"/hazards/photos/{photo.pk}/?size=thumb" in body
    assert response.context["journal"]
    assert "逾期" in body


def test_the_detail_page_of_a_major_hazard_shows_its_dossier_and_listing(world, client, hazards):
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazards["major"],
                              data=assign_data(**MAJOR_DOSSIER))
    client.force_login(world.users["leader"])
    body = client.get(f"/hazards/{hazard.pk}/").content.decode()
    assert 'id="dossier"' in body and MAJOR_DOSSIER["plan_goal"] in body
    assert MAJOR_DOSSIER["supervision_authority"] in body and "挂牌督办中" in body


def test_another_village_gets_404_for_the_detail_page(world, client, hazards):
    client.force_login(world.users["village_b"])
    assert client.get(f"/hazards/{hazards['reported'].pk}/").status_code == 404
    assert client.get(f"/hazards/{hazards['other'].pk}/").status_code == 200


def test_navigation_lists_the_hazard_pages_for_those_who_see_hazards(world, client):
    client.force_login(world.users["village_a"])
    labels = {str(i["label"]) for i in client.get("/").context["nav_items"]}
    assert {"隐患台账", "隐患统计"} <= labels
    client.force_login(world.users["sysadmin"])
    labels = {str(i["label"]) for i in client.get("/").context["nav_items"]}
    assert not {"隐患台账", "隐患统计"} & labels


def test_the_unit_page_counts_its_open_hazards_and_offers_a_report(world, client, hazards):
    unit = world.units["shop_a"]
    client.force_login(world.users["village_a"])
    body = client.get(f"/units/{unit.pk}/").content.decode()
    box = body.split('id="unit-hazards"')[1].split("</div></div></div>")[0]
    assert "未销号 2 条" in box and "逾期 1" in box
    assert f"/hazards/?unit={unit.pk}" in box and f"/hazards/report/?unit={unit.pk}" in box
    assert numbers(client.get(f"/hazards/?unit={unit.pk}")) == {
        hazards[k].number for k in ("reported", "overdue")}
    client.force_login(world.users["leader"])  # leaders lead inspections and report what they find
    box = client.get(f"/units/{unit.pk}/").content.decode().split('id="unit-hazards"')[1]
    assert "/hazards/report/" in box.split("</div></div></div>")[0]
    client.force_login(world.users["expert"])  # the expert's unit is another: no report here
    assert client.get(f"/units/{unit.pk}/").status_code == 404
