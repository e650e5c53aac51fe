"""The risks API: scoped reads, writes through the services, Chinese errors."""

import pytest
from rest_framework.test import APIClient

from anjian.risks import services
from anjian.risks.models import RiskPoint, SafetyCommitment
from anjian.testing.risks import commitment_data, lec, point_data

pytestmark = pytest.mark.django_db


def api(world, name):
    client = APIClient()
    client.force_authenticate(world.users[name])
    return client


def test_enterprise_files_a_commitment_and_the_office_sees_who_is_missing(rworld):
    office = api(rworld, "office")
    missing = office.get("/api/risks/commitments/missing/").json()
    assert [u["name"] for u in missing] == ["张一化工有限公司"]
    assert missing[0]["principal_phone"] == "13800000031"
    owner = api(rworld, "chem_owner")
    response = owner.post("/api/risks/commitments/", {"unit": rworld.units["chem_a"].pk,
                                                      **commitment_data()}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["all_ok"] is True
    assert office.get("/api/risks/commitments/missing/").json() == []
    listed = office.get("/api/risks/commitments/").json()["results"]
    assert [c["unit_name"] for c in listed] == ["张一化工有限公司"]
    assert api(rworld, "village_b").get("/api/risks/commitments/").json()["results"] == []
    journal = office.get(f"/api/risks/commitments/{listed[0]['id']}/journal/").json()
    assert journal["count"] == 1


def test_filing_for_someone_elses_unit_is_refused(rworld):
    response = api(rworld, "chem_owner").post(
        "/api/risks/commitments/", {"unit": rworld.units["shop_a"].pk, **commitment_data()},
        format="json")
    assert response.status_code == 403
    assert not SafetyCommitment.objects.exists()
    bad = api(rworld, "chem_owner").post(
        "/api/risks/commitments/", {"unit": rworld.units["chem_a"].pk,
                                    **commitment_data(key_places_ok=False)}, format="json")
    assert bad.status_code == 400 and "请说明情况" in str(bad.json())


def test_a_point_is_added_and_assessed_through_the_api(rworld):
    owner = api(rworld, "chem_owner")
    created = owner.post("/api/risks/points/", {"unit": rworld.units["chem_a"].pk,
                                                **point_data()}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    result = owner.post(f"/api/risks/points/{pk}/assess/", lec("3", "6", "15"), format="json")
    assert result.status_code == 201, result.json()
    assert (result.json()["score"], result.json()["colour"], result.json()["lec_class"]) == (
        "270.000", "orange", 2)
    assert owner.get(f"/api/risks/points/{pk}/").json()["colour"] == "orange"
    bad = owner.post(f"/api/risks/points/{pk}/assess/", lec("3", "6", "99"), format="json")
    assert bad.status_code == 400 and "取值应为" in str(bad.json())
    assert api(rworld, "village_b").post(f"/api/risks/points/{pk}/assess/", lec(),
                                         format="json").status_code == 404
    assert api(rworld, "village_a").post(f"/api/risks/points/{pk}/assess/", lec(),
                                         format="json").status_code == 403
    patched = owner.patch(f"/api/risks/points/{pk}/", {"control_measures": "加装报警器"},
                          format="json")
    assert patched.status_code == 200 and RiskPoint.objects.get().control_measures == "加装报警器"


def test_override_and_lift_through_the_api(rworld):
    point = services.risk_point_create(actor=None, unit=rworld.units["chem_a"], data=point_data())
    services.risk_assess(actor=None, point=point, data=lec("3", "6", "15"))
    office = api(rworld, "office")
    response = office.post("/api/risks/overrides/", {"unit": rworld.units["chem_a"].pk,
                                                      "colour": "red", "reason": "毗邻学校"},
                           format="json")
    assert response.status_code == 201, response.json()
    unit = rworld.units["chem_a"]
    unit.refresh_from_db()
    assert unit.risk_level == "red"
    lifted = office.post(f"/api/risks/overrides/{response.json()['id']}/lift/",
                         {"lift_reason": "学校搬迁"}, format="json")
    assert lifted.status_code == 200 and lifted.json()["lifted_at"]
    unit.refresh_from_db()
    assert unit.risk_level == "orange"
    assert api(rworld, "chem_owner").post(
        "/api/risks/overrides/", {"unit": unit.pk, "colour": "blue", "reason": "x"},
        format="json").status_code == 403


def test_reports_through_the_api(rworld):
    point = services.risk_point_create(actor=None, unit=rworld.units["chem_a"], data=point_data())
    services.risk_assess(actor=None, point=point, data=lec("6", "6", "15"))
    owner = api(rworld, "chem_owner")
    response = owner.post("/api/risks/reports/", {"unit": rworld.units["chem_a"].pk,
                                                  "period_start": "2026-01-01",
                                                  "period_end": "2026-03-31"}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["red"], response.json()["unit_colour"]) == (1, "red")
    assert api(rworld, "office_b").get("/api/risks/reports/").json()["results"] == []
