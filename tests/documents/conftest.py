"""A small document ledger in the test world: two documents of 西张村镇 split into tasks owned by
village A, village B, the police station and a person, in every state; one in the other town."""

import datetime as dt

import pytest
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight

from anjian.documents import services
from anjian.documents.models import DocumentTask


def document_data(world, **extra):
    return {"region": world.town, "issuer": "陕州区安委会", "number": "陕安委〔2026〕12号",
            "title": "关于开展安全生产大检查的通知", "received_on": today() - dt.timedelta(days=20),
            "deadline": today() + dt.timedelta(days=30), "summary": "全面排查", **extra}


@pytest.fixture
def docs(world):
    office = world.users["office"]
    doc = services.document_create(actor=office, data=document_data(world))
    other = services.document_create(actor=office, data=document_data(
        world, title="关于做好汛期安全防范工作的通知", number="陕安委〔2026〕15号",
        issuer="陕州区防汛办", received_on=today()))
    task = lambda **data: services.task_create(actor=office, document=doc, data=data)  # noqa: E731
    tasks = {
        "a_open": task(text="张一村排查废弃坑口", owner_village=world.village_a,
                       deadline=today() + dt.timedelta(days=10)),
        "b_overdue": task(text="后关村整治九小场所", owner_village=world.village_b,
                          deadline=today() - dt.timedelta(days=3)),
        "police": task(text="派出所检查加油站", owner_organisation=world.police,
                       deadline=today() + dt.timedelta(days=5)),
        "person": task(text="书记带队督导", owner_person=world.people["secretary_a"],
                       deadline=today() + dt.timedelta(days=2)),
    }
    services.task_complete(actor=office, task=tasks["police"], on=today(), text="已检查完毕")
    tasks["police"].refresh_from_db()
    outside = services.document_create(actor=world.users["office_b"], data=document_data(
        world, region=world.town_b, title="观音堂镇收文"))
    tasks["outside"] = services.task_create(actor=world.users["office_b"], document=outside,
                                            data={"text": "七里村任务", "owner_village": world.village_c,
                                                  "deadline": today()})
    return {"doc": doc, "other": other, "outside": outside, **tasks}


def tasks_of(region):
    return DocumentTask.objects.filter(region__path__startswith=region.path)
