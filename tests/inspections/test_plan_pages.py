"""Plan pages: creating a plan makes one task per active unit of its region and categories."""

import pytest
from django.urls import reverse

from anjian.inspections.models import InspectionPlan, InspectionTask
from anjian.units.services import unit_deregister
from tests.inspections.helpers import form_data, record_url

pytestmark = pytest.mark.django_db


def plan_post(world, **extra) -> dict:
    return {"name": "九小场所消防专项检查", "kind": "special_campaign", "region": world.town.pk,
            "categories": ["small_venue"], "start_date": "2026-03-01", "end_date": "2026-03-31",
            "inspectors": [world.people["grid_worker_a"].pk],
            "organisations": [world.police.pk], "leader": world.people["leader"].pk,
            "description": "全面排查", **extra}


def test_the_office_creates_a_plan_with_a_task_per_active_unit(client, world):
    unit_deregister(actor=world.users["office"], unit=world.units["shop_b"], reason="已关停")
    client.force_login(world.users["office"])
    response = client.post(reverse("inspections:plan_new"), plan_post(world))
    plan = InspectionPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:plan_detail", args=[plan.pk])
    tasks = InspectionTask.objects.filter(plan=plan)
    # 九小场所 of 西张村镇: shop_a (shop_b is deregistered, shop_c is in another town)
    assert {t.unit for t in tasks} == {world.units["shop_a"]}
    assert plan.leader == world.people["leader"] and list(plan.organisations.all()) == [
        world.police]
    assert list(plan.inspectors.all()) == [world.people["grid_worker_a"]]
    page = client.get(response["Location"])
    assert page.context["progress"]["total"] == 1 and page.context["progress"]["done"] == 0
    assert "已创建检查计划，生成检查任务 1 个" in page.content.decode()


def test_a_plan_without_categories_covers_every_active_unit_of_its_region(client, world):
    client.force_login(world.users["office"])
    client.post(reverse("inspections:plan_new"),
                plan_post(world, region=world.village_b.pk, categories=[]))
    units = {t.unit for t in InspectionTask.objects.all()}
    assert units == {world.units["shop_b"], world.units["pit_b"]}


def test_the_end_before_the_start_is_refused(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("inspections:plan_new"),
                           plan_post(world, end_date="2026-02-01"))
    assert response.status_code == 200 and not InspectionPlan.objects.exists()
    assert "结束日期不能早于开始日期" in response.content.decode()


def test_a_region_outside_the_offices_town_cannot_be_chosen(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("inspections:plan_new"),
                           plan_post(world, region=world.village_c.pk))
    assert response.status_code == 200 and not InspectionPlan.objects.exists()


def test_a_village_cadre_cannot_create_plans(client, world):
    client.force_login(world.users["village_a"])
    assert client.get(reverse("inspections:plan_new")).status_code == 403
    assert client.post(reverse("inspections:plan_new"), plan_post(world)).status_code == 403
    assert client.get(reverse("inspections:plan_list")).status_code == 200


def test_progress_follows_the_records_and_my_tasks_lists_what_is_left(client, world):
    client.force_login(world.users["office"])
    client.post(reverse("inspections:plan_new"),
                plan_post(world, region=world.village_a.pk, categories=[],
                          end_date="2099-12-31"))
    plan = InspectionPlan.objects.get()
    task = InspectionTask.objects.get(plan=plan, unit=world.units["shop_a"])
    client.force_login(world.users["grid_a"])
    mine = client.get(reverse("inspections:my_tasks")).context["page"].object_list
    assert list(mine) == [task]  # school_a sits on the village, not on the grid worker's grid
    data, _ = form_data(client, task.unit, task=task)
    client.post(record_url(task.unit, task), data)
    assert list(client.get(reverse("inspections:my_tasks")).context["page"].object_list) == []
    client.force_login(world.users["office"])
    page = client.get(reverse("inspections:plan_detail", args=[plan.pk]))
    assert page.context["progress"] == {"total": 2, "done": 1, "pending": 1, "share": 50.0}
    plans = client.get(reverse("inspections:plan_list")).context["page"].object_list
    assert [(p.task_done, p.task_total) for p in plans] == [(1, 2)]


def test_a_plan_is_seen_within_scope_only(client, world):
    client.force_login(world.users["office"])
    client.post(reverse("inspections:plan_new"), plan_post(world))
    plan = InspectionPlan.objects.get()
    client.force_login(world.users["office_b"])
    assert client.get(reverse("inspections:plan_detail", args=[plan.pk])).status_code == 404
