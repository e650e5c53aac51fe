"""Checklist pages: the office copies and edits; a version a record used is never changed."""

import pytest
from django.urls import reverse

from anjian.inspections import services
from anjian.inspections.models import ChecklistTemplate, InspectionRecord
from tests.inspections.helpers import submit

pytestmark = pytest.mark.django_db

ITEM_FIELDS = ("section", "text", "answer_type", "hazard_category", "cause_class", "hazard_text",
               "basis")


def _builtin():
    return ChecklistTemplate.objects.get(family="small-venue-fire", is_current=True)


def edit_data(template, *, name=None, change=None, add=(), delete=()) -> dict:
    """The edit page's POST: every item as it is, with `change` {order: new text}, rows `add`ed
    at the end and the orders in `delete` ticked for deletion."""
    change = change or {}
    items = list(template.items.all())
    data = {"name": name or template.name, "description": template.description,
            "categories": template.categories, "subcategories": template.subcategories,
            "items-TOTAL_FORMS": str(len(items) + len(add)),
            "items-INITIAL_FORMS": str(len(items)), "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000"}
    rows = [{f: getattr(i, f) for f in ITEM_FIELDS} | {"required": i.required, "order": i.order}
            for i in items]
    rows += [{"section": "新增", "text": text, "answer_type": "verdict", "hazard_category": "fire",
              "cause_class": "condition", "hazard_text": "", "basis": "", "required": True,
              "order": len(items) + n + 1} for n, text in enumerate(add)]
    for index, row in enumerate(rows):
        prefix = f"items-{index}-"
        for f in ITEM_FIELDS:
            data[prefix + f] = row[f]
        if row["required"]:
            data[prefix + "required"] = "on"
        data[prefix + "ORDER"] = str(row["order"])
        if row["order"] in change:
            data[prefix + "text"] = change[row["order"]]
        if row["order"] in delete:
            data[prefix + "DELETE"] = "on"
    return data


@pytest.fixture
def office(client, world):
    client.force_login(world.users["office"])
    return client


def test_the_list_marks_builtin_checklists_and_offers_copy_to_the_office(office):
    response = office.get(reverse("inspections:template_list"))
    html = response.content.decode()
    assert response.status_code == 200 and "九小场所消防安全检查表" in html and "内置" in html
    assert reverse("inspections:template_copy", args=[_builtin().pk]) in html


def test_the_office_copies_a_builtin_checklist(office, world):
    source = _builtin()
    response = office.post(reverse("inspections:template_copy", args=[source.pk]),
                           {"name": "本镇小场所检查表"})
    copy = ChecklistTemplate.objects.get(name="本镇小场所检查表")
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:template_edit", args=[copy.pk])
    assert copy.family != source.family and copy.version == 1 and not copy.builtin
    assert [i.text for i in copy.items.all()] == [i.text for i in source.items.all()]
    assert copy.created_by == world.users["office"]


def test_editing_an_unused_checklist_changes_it_in_place(office, world):
    copy = services.checklist_template_copy(actor=world.users["office"], template=_builtin(),
                                            name="本镇检查表")
    response = office.post(reverse("inspections:template_edit", args=[copy.pk]),
                           edit_data(copy, change={1: "责任制已落实"}, add=["门前三包落实"],
                                     delete=[2]))
    assert response.status_code == 302, response.context and response.context["form"].errors
    copy.refresh_from_db()
    texts = [i.text for i in copy.items.all()]
    assert copy.version == 1 and copy.is_current
    assert texts[0] == "责任制已落实" and texts[-1] == "门前三包落实" and len(texts) == 15
    assert "日常防火检查巡查有记录" not in texts


def test_editing_a_used_checklist_makes_a_new_version_and_the_record_keeps_the_old(office, world):
    copy = services.checklist_template_copy(actor=world.users["office"], template=_builtin(),
                                            name="本镇检查表")
    record = submit(world.users["office"], world.units["shop_a"], template=copy)
    old_text = copy.items.get(order=1).text
    response = office.post(reverse("inspections:template_edit", args=[copy.pk]),
                           edit_data(copy, change={1: "第1项新的说法"}))
    new = ChecklistTemplate.objects.get(family=copy.family, is_current=True)
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:template_detail", args=[new.pk])
    copy.refresh_from_db()
    assert new.version == 2 and not copy.is_current
    assert new.items.get(order=1).text == "第1项新的说法"
    assert copy.items.get(order=1).text == old_text
    record = InspectionRecord.objects.get(pk=record.pk)
    assert record.template == copy
    page = office.get(reverse("inspections:record_detail", args=[record.pk])).content.decode()
    assert old_text in page and "第1项新的说法" not in page
    detail = office.get(reverse("inspections:template_detail", args=[new.pk])).content.decode()
    assert "第2版" in detail and "第1版" in detail  # the version history


def test_editing_a_builtin_checklist_keeps_the_builtin_version(office):
    builtin = _builtin()
    office.post(reverse("inspections:template_edit", args=[builtin.pk]),
                edit_data(builtin, change={3: "灭火器配置合格"}))
    builtin.refresh_from_db()
    assert not builtin.is_current
    new = ChecklistTemplate.objects.get(family="small-venue-fire", is_current=True)
    assert new.version == 2 and not new.builtin
    assert new.items.get(order=3).text == "灭火器配置合格"


def test_an_old_version_cannot_be_edited_and_leads_to_the_current_one(office):
    builtin = _builtin()
    office.post(reverse("inspections:template_edit", args=[builtin.pk]), edit_data(builtin))
    response = office.get(reverse("inspections:template_edit", args=[builtin.pk]))
    current = ChecklistTemplate.objects.get(family="small-venue-fire", is_current=True)
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:template_edit", args=[current.pk])


def test_a_checklist_without_items_is_refused(office):
    builtin = _builtin()
    data = edit_data(builtin, delete=list(range(1, 16)))
    response = office.post(reverse("inspections:template_edit", args=[builtin.pk]), data)
    assert response.status_code == 200
    assert "检查表至少要有一个检查项" in response.content.decode()
    assert ChecklistTemplate.objects.filter(family="small-venue-fire").count() == 1


@pytest.mark.parametrize("user", ["village_a", "grid_a", "leader", "enterprise_a"])
def test_only_the_office_may_copy_or_edit(client, world, user):
    client.force_login(world.users[user])
    builtin = _builtin()
    for name in ("template_edit", "template_copy"):
        url = reverse(f"inspections:{name}", args=[builtin.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, edit_data(builtin) | {"name": "x"}).status_code == 403
    assert ChecklistTemplate.objects.filter(family="small-venue-fire").count() == 1
    assert client.get(reverse("inspections:template_detail", args=[builtin.pk])).status_code == 200
