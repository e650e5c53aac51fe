"""Pages and API of enforcement: lists, filters, details, forms, exports, statistics, the badge on
the pages, and the scope of each role."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight
from openpyxl import load_workbook
from rest_framework.test import APIClient

from anjian.enforcement import services
from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import DishonestyListing, EnforcementAction
from anjian.testing.enforcement import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(world):
    office = world.users["office"]
    actions = {
        "order_a": record(office, world.units["shop_a"], acted_on=today() - dt.timedelta(days=9),
                          deadline=today() - dt.timedelta(days=2), number="指令〔2026〕1号"),
        "school": record(office, world.units["school_a"], ActionKind.PENALTY, number="罚〔2026〕2号"),
        "pit_joint": record(office, world.units["pit_b"], ActionKind.JOINT, number="联〔2026〕3号",
                            organisations=[world.police], hazards_found=4),
        "shop_b": record(office, world.units["shop_b"], ActionKind.CRACKDOWN, number="打〔2026〕4号",
                         illegal_acts_stopped=2),
        "outside": record(world.users["office_b"], world.units["shop_c"], number="观〔2026〕5号"),
    }
    actions["listing"] = services.listing_create(actor=office, data={
        "unit": world.units["shop_a"], "reason": "拒不执行指令书", "listed_on": today()})
    return actions


def _numbers(client, url, **params):
    page = client.get(url, params).content.decode()
    return {n for n in ("指令〔2026〕1号", "罚〔2026〕2号", "联〔2026〕3号", "打〔2026〕4号",
                        "观〔2026〕5号") if n in page}


def test_office_sees_its_town_and_filters(client, world, ledger):
    client.force_login(world.users["office"])
    url = reverse("enforcement:action_list")
    assert _numbers(client, url) == {"指令〔2026〕1号", "罚〔2026〕2号", "联〔2026〕3号", "打〔2026〕4号"}
    assert _numbers(client, url, overdue="true") == {"指令〔2026〕1号"}
    assert _numbers(client, url, kind="joint") == {"联〔2026〕3号"}
    page = client.get(url).content.decode()
    assert "dishonesty-badge" in page and "order-overdue" in page
    detail = client.get(reverse("enforcement:action_detail", args=[ledger["order_a"].pk]))
    assert "登记复查意见" in detail.content.decode() and "失信" in detail.content.decode()
    form = client.get(reverse("enforcement:action_create"), {"follows": ledger["order_a"].pk})
    assert form.status_code == 200


def test_reinspection_through_the_form(client, world, ledger):
    client.force_login(world.users["office"])
    order = ledger["order_a"]
    response = client.post(reverse("enforcement:action_create"), {
        "kind": "reinspection", "number": "复查〔2026〕1号", "acted_on": today().isoformat(),
        "unit": world.units["shop_a"].pk, "follows": order.pk, "outcome": "整改到位",
        "hazards_found": "0", "illegal_acts_stopped": "0"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    page = client.get(reverse("enforcement:action_detail", args=[order.pk])).content.decode()
    assert "复查〔2026〕1号" in page and "order-overdue" not in page


@pytest.mark.parametrize("user, expected", [
    ("leader", {"指令〔2026〕1号", "罚〔2026〕2号", "联〔2026〕3号", "打〔2026〕4号"}),
    # The police: its sectors (fire: the shops) and the joint action it took part in.
    ("agency", {"指令〔2026〕1号", "联〔2026〕3号", "打〔2026〕4号"}),
    ("school_agency", {"罚〔2026〕2号"}),
    ("village_a", {"指令〔2026〕1号", "罚〔2026〕2号"}),
    ("village_b", {"联〔2026〕3号", "打〔2026〕4号"}),
    ("enterprise_a", {"指令〔2026〕1号"}),
    ("office_b", {"观〔2026〕5号"}),
    ("expert", set()),
    ("nobody", set()),
])
def test_scope_of_the_list(client, world, ledger, user, expected):
    client.force_login(world.users[user])
    response = client.get(reverse("enforcement:action_list"))
    assert _numbers(client, reverse("enforcement:action_list")) == expected
    assert response.status_code == 200


def test_enterprise_reads_its_own_but_cannot_write(client, world, ledger):
    client.force_login(world.users["enterprise_a"])
    assert client.get(reverse("enforcement:action_detail",
                              args=[ledger["order_a"].pk])).status_code == 200
    assert client.get(reverse("enforcement:action_detail",
                              args=[ledger["school"].pk])).status_code == 404
    assert client.get(reverse("enforcement:action_edit",
                              args=[ledger["order_a"].pk])).status_code == 404
    assert client.get(reverse("enforcement:action_create")).status_code == 403
    page = client.get(reverse("enforcement:listing_list")).content.decode()
    assert "拒不执行指令书" in page


def test_exports_match_the_filters(client, world, ledger):
    client.force_login(world.users["office"])
    response = client.get(reverse("enforcement:action_export"), {"kind": "joint"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
        min_row=3, values_only=True))
    assert len(rows) == 1 and rows[0][1] == "联〔2026〕3号" and rows[0][5] == "西张村派出所"
    assert rows[0][12] == 4
    response = client.get(reverse("enforcement:action_export"), {"overdue": "true"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
        min_row=3, values_only=True))
    assert [r[10] for r in rows] == ["逾期未复查"]
    response = client.get(reverse("enforcement:listing_export"))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
        min_row=3, values_only=True))
    assert [(r[0], r[4]) for r in rows] == [("张一便民超市", "是")]


def test_listing_pages_and_lift(client, world, ledger):
    client.force_login(world.users["office"])
    listing = ledger["listing"]
    assert client.get(reverse("enforcement:listing_create")).status_code == 200
    response = client.post(reverse("enforcement:listing_detail", args=[listing.pk]),
                           {"lifted_on": today().isoformat(), "lift_reason": "已整改，信用修复"})
    assert response.status_code == 302
    assert DishonestyListing.objects.get().lifted_by == world.users["office"]


def test_statistics_page(client, world, ledger):
    client.force_login(world.users["leader"])
    page = client.get(reverse("enforcement:statistics")).content.decode()
    assert '<div class="h4 m-0 joint">1</div>' in page
    assert '<div class="h4 m-0 illegal">2</div>' in page
    assert '<div class="h4 m-0 hazards">4</div>' in page


def test_api(world, ledger):
    api = APIClient()
    api.force_authenticate(world.users["agency"])
    response = api.post("/api/enforcement-actions/", {
        "kind": "crackdown", "acted_on": today().isoformat(), "unit": world.units["shop_b"].pk,
        "illegal_acts_stopped": 1, "officers": [world.people["police_staff"].pk]}, format="json")
    assert response.status_code == 201, response.content
    action = EnforcementAction.objects.get(pk=response.data["id"])
    assert list(action.officers.all()) == [world.people["police_staff"]]
    response = api.post("/api/enforcement-actions/", {
        "kind": "order", "acted_on": today().isoformat(), "unit": world.units["school_a"].pk,
        "deadline": today().isoformat()}, format="json")
    assert response.status_code in (400, 403)
    assert api.get(f"/api/enforcement-actions/{ledger['school'].pk}/").status_code == 404
    api.force_authenticate(world.users["office"])
    stats = api.get("/api/enforcement-actions/statistics/", {"region": world.town.pk}).data
    assert stats["joint_actions"] == 1 and stats["illegal_acts_stopped"] == 3
    response = api.post(f"/api/dishonesty-listings/{ledger['listing'].pk}/lift/",
                        {"lift_reason": "修复"}, format="json")
    assert response.status_code == 200 and response.data["active"] is False
    api.force_authenticate(world.users["enterprise_a"])
    assert api.post("/api/enforcement-actions/", {}, format="json").status_code == 403
