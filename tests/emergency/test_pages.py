"""The pages: each ledger's list, filters, detail, forms and Excel export, within the user's scope."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from anjian.emergency import services
from anjian.testing.emergency import drill_data, incident_data, supply_data

pytestmark = pytest.mark.django_db

LEDGERS = ["plan", "drill", "team", "supply", "incident"]
TITLE = {"plan": "title", "drill": "title", "team": "name", "supply": "name",
         "incident": "title"}


def _name(obj, prefix):
    return getattr(obj, TITLE[prefix])


@pytest.mark.parametrize("prefix", LEDGERS)
def test_office_sees_every_record_of_its_town(client, world, ledgers, prefix):
    client.force_login(world.users["office"])
    page = client.get(reverse(f"emergency:{prefix}_list")).content.decode()
    for key in ("town", "a", "b"):
        assert _name(ledgers[f"{prefix}_{key}"], prefix) in page
    detail = client.get(reverse(f"emergency:{prefix}_detail", args=[ledgers[f"{prefix}_a"].pk]))
    assert detail.status_code == 200 and "变更记录" in detail.content.decode()
    assert client.get(reverse(f"emergency:{prefix}_create")).status_code == 200
    edit = reverse(f"emergency:{prefix}_edit", args=[ledgers[f"{prefix}_a"].pk])
    assert client.get(edit).status_code == 200


@pytest.mark.parametrize("prefix", LEDGERS)
def test_village_sees_its_own_records_only(client, world, ledgers, prefix):
    client.force_login(world.users["village_a"])
    page = client.get(reverse(f"emergency:{prefix}_list")).content.decode()
    assert _name(ledgers[f"{prefix}_a"], prefix) in page
    assert _name(ledgers[f"{prefix}_b"], prefix) not in page
    assert _name(ledgers[f"{prefix}_town"], prefix) not in page
    outside = reverse(f"emergency:{prefix}_detail", args=[ledgers[f"{prefix}_b"].pk])
    assert client.get(outside).status_code == 404


@pytest.mark.parametrize("user", ["office_b", "enterprise_a", "expert", "nobody"])
@pytest.mark.parametrize("prefix", LEDGERS)
def test_outsiders_get_404_on_details(client, world, ledgers, prefix, user):
    client.force_login(world.users[user])
    url = reverse(f"emergency:{prefix}_detail", args=[ledgers[f"{prefix}_town"].pk])
    assert client.get(url).status_code == 404


def test_leader_reads_but_has_no_add_button_and_no_form(client, world, ledgers):
    client.force_login(world.users["leader"])
    page = client.get(reverse("emergency:plan_list")).content.decode()
    assert ledgers["plan_b"].title in page and 'id="ledger-add"' not in page
    assert client.get(reverse("emergency:plan_create")).status_code == 403
    edit = reverse("emergency:plan_edit", args=[ledgers["plan_town"].pk])
    assert client.get(edit).status_code == 404


@pytest.mark.parametrize("prefix,sheet_title,count", [
    ("plan", "应急预案台账", 3), ("drill", "应急演练台账", 3), ("team", "应急队伍台账", 3),
    ("supply", "应急物资台账", 3), ("incident", "突发事件台账", 3)])
def test_export_reads_back_the_filtered_rows(client, world, ledgers, prefix, sheet_title, count):
    client.force_login(world.users["office"])
    response = client.get(reverse(f"emergency:{prefix}_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value == sheet_title
    assert sheet.max_row == 2 + count
    narrowed = client.get(reverse(f"emergency:{prefix}_export"),
                          {"region": world.village_a.pk})
    sheet = load_workbook(io.BytesIO(b"".join(narrowed.streaming_content))).active
    values = [c.value for row in sheet.iter_rows(min_row=3) for c in row]
    assert sheet.max_row == 3 and _name(ledgers[f"{prefix}_a"], prefix) in values


def test_htmx_filter_returns_only_the_table(client, world, ledgers):
    client.force_login(world.users["office"])
    response = client.get(reverse("emergency:drill_list"), {"q": "张一村"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and ledgers["drill_a"].title in body
    assert ledgers["drill_b"].title not in body


def test_plan_review_filter_and_badge(client, world, ledgers):
    client.force_login(world.users["office"])
    page = client.get(reverse("emergency:plan_list"), {"review": "ok"}).content.decode()
    assert ledgers["plan_a"].title in page and "review-ok" in page
    page = client.get(reverse("emergency:plan_list"), {"review": "overdue"}).content.decode()
    assert ledgers["plan_a"].title not in page


@pytest.mark.parametrize("prefix", LEDGERS)
def test_list_queries_do_not_grow_with_rows(client, world, ledgers, prefix,
                                            django_assert_max_num_queries):
    """No N+1: the page costs the same with three rows as the budget allows for any number."""
    client.force_login(world.users["office"])
    url = reverse(f"emergency:{prefix}_list")
    client.get(url)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    office = world.users["office"]
    for i in range(5):
        services.drill_create(actor=office, data=drill_data(world.town, title=f"演练{i}"))
        services.supply_create(actor=office, data=supply_data(world.town, name=f"物资{i}"))
        services.incident_create(actor=office, data=incident_data(world.town, title=f"事件{i}"))
        services.team_create(actor=office, data={"name": f"队伍{i}", "kind": "rescue",
                                                 "region": world.town, "leader": "甲",
                                                 "phone": "13800000009"})
        services.plan_create(actor=office, data={"title": f"预案{i}", "kind": "special",
                                                 "region": world.town})
    with django_assert_max_num_queries(len(three)):
        client.get(url)
