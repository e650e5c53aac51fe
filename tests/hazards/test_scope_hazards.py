"""The scope matrix for the objects of inspections and hazards: every persona × every unit of the
test world (inside and outside the persona's scope) × records, their photos, tasks, hazards and
their photos — through the scoped querysets, the web pages and the API. What each persona should
reach is computed independently, as in tests/test_scope_matrix.py, from the permission matrix and
each persona's declared scope; every mismatch is collected."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from anjian.accounts.models import User
from anjian.accounts.roles import PERMISSIONS, UNIT
from anjian.core.scope import VIEW
from anjian.hazards.models import Hazard, HazardPhoto
from anjian.inspections.models import InspectionPhoto, InspectionRecord, InspectionTask
from anjian.inspections.services import plan_create
from anjian.testing.hazards import report, submit_record
from tests.test_scope_matrix import PERSONAS, in_reach

pytestmark = pytest.mark.django_db

# label -> (model, how an object reaches its unit, web detail url name, API path or None)
KINDS = {
    "hazards.hazard": (Hazard, lambda o: o.unit, "hazards:detail", "/api/hazards/"),
    "hazards.hazardphoto": (HazardPhoto, lambda o: o.hazard.unit, "hazards:photo", None),
    "inspections.inspectionrecord": (InspectionRecord, lambda o: o.unit,
                                     "inspections:record_detail", "/api/inspection-records/"),
    "inspections.inspectionphoto": (InspectionPhoto, lambda o: o.record.unit, "inspections:photo",
                                    None),
    "inspections.inspectiontask": (InspectionTask, lambda o: o.unit, None,
                                   "/api/inspection-tasks/"),
}


def expected(world, persona: str, label: str, unit) -> bool:
    return any(VIEW in PERMISSIONS[role].get(label, ()) and in_reach(world, where, UNIT, unit)
               for role, where in PERSONAS[persona])


@pytest.fixture
def filled(world):
    """A record (with photos) and a hazard (with a photo) on every unit, and a plan's tasks."""
    root = User.objects.create_superuser("root", password="x")
    for unit in world.units.values():
        submit_record(root, unit, nonconforming=1)  # a photo on every record
        report(root, unit)
    today = dt.date.today()
    for town in (world.town, world.town_b):
        plan_create(actor=root, data={"name": f"{town.name}常态化检查", "kind": "routine",
                                      "region": town, "start_date": today,
                                      "end_date": today + dt.timedelta(days=30)})
    return world


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_inspection_and_hazard_objects_are_scoped(filled, persona):
    world, problems = filled, []
    user = world.users[persona]
    client = APIClient()
    client.force_login(user)
    for label, (model, unit_of, detail, api) in KINDS.items():
        objects = list(model.objects.all())
        assert {unit_of(o).pk for o in objects} >= {u.pk for u in world.units.values()}
        wanted = {o.pk for o in objects if expected(world, persona, label, unit_of(o))}
        got = set(model.objects.for_user(user, VIEW).values_list("pk", flat=True))
        if got != wanted:
            problems.append(f"{persona} · {label} queryset: got {sorted(got)}, want {sorted(wanted)}")
        for obj in objects:
            sees = obj.pk in wanted
            if detail:
                status = client.get(reverse(detail, args=[obj.pk])).status_code
                if status != (200 if sees else 404):
                    problems.append(f"{persona} · {label} {obj.pk} web: {status}")
            if api:
                status = client.get(f"{api}{obj.pk}/").status_code
                if (status == 200) != sees or status not in (200, 403, 404):
                    problems.append(f"{persona} · {label} {obj.pk} API: {status}")
        if api:
            response = client.get(f"{api}?page_size=500")
            ids = {r["id"] for r in response.json().get("results", [])} \
                if response.status_code == 200 else set()
            if ids != (wanted if response.status_code == 200 else set()) or \
                    (wanted and response.status_code != 200):
                problems.append(f"{persona} · {label} API list: {response.status_code} {ids}")
    assert not problems, "\n".join(problems)
