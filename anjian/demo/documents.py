"""The demo year of document tracking (文件督办): twenty higher-level documents received by the town
through the year, each split into 2–4 tasks owned by villages, agencies or leaders. Older tasks
are done (a few after their deadline), recent ones in progress or open, and two tasks of a
document received about seven weeks ago are overdue. Everything goes through the services; nothing
is added when the town already has the demo's documents."""

from __future__ import annotations

import datetime as dt
import random

from anjian.demo.documents_data import DOCUMENTS
from anjian.demo.yearkit import YearKit
from anjian.documents import services
from anjian.documents.models import TrackedDocument
from anjian.regions.models import Region
from anjian.workdays.selectors import add_workdays

SEED = "xizhangcun-2023:documents"
OVERDUE_DOCUMENT = 50  # days ago: two of its tasks are left overdue


def build(kit: YearKit) -> None:
    first = DOCUMENTS[0][3]
    if TrackedDocument.objects.filter(region=kit.town, title=first).exists():
        return
    rng = random.Random(SEED)
    office = kit.users.get("demo_office")
    villages = list(Region.objects.filter(level=3, path__startswith=kit.town.path).order_by("code"))
    turn = {"village": 0, "leader": 0}
    for days_ago, issuer, number, title, tasks in DOCUMENTS:
        received = kit.year.day(days_ago)
        document = services.document_create(actor=office, data={
            "region": kit.town, "issuer": issuer, "number": number.format(y=received.year),
            "title": title, "received_on": received,
            "deadline": add_workdays(received, max(t[2] for t in tasks) + 5).date,
            "summary": f"{issuer}印发《{title}》，要求各乡镇认真贯彻落实。"})
        kit.created["tracked_documents"] += 1
        for index, (owner, text, workdays) in enumerate(tasks):
            data = {"text": text, "deadline_workdays": workdays}
            if owner == "village":
                village = villages[turn["village"] % len(villages)]
                turn["village"] += 1
                data["owner_village"] = village
                data["owner_person"] = kit.secretaries.get(village.code)
                data["text"] = f"{village.name}：{text}"
            elif owner == "leader":
                data["owner_person"] = kit.leaders[turn["leader"] % len(kit.leaders)]
                turn["leader"] += 1
            else:
                data["owner_organisation"] = kit.organisations[owner]
                data["owner_person"] = kit.head(owner) if kit.staff.get(owner) else None
            task = services.task_create(actor=office, document=document, data=data)
            kit.created["document_tasks"] += 1
            _progress(kit, office, task, rng, overdue=days_ago == OVERDUE_DOCUMENT and index < 2)


def _progress(kit: YearKit, office, task, rng: random.Random, *, overdue: bool) -> None:
    """Progress notes up to yesterday: done by (or a little after) the deadline when it has
    passed, in progress when started, else untouched."""
    received = task.document.received_on
    last = kit.year.last
    started = received + dt.timedelta(days=rng.randint(1, 3))
    if started > last:
        return
    services.task_progress_add(actor=office, task=task, data={
        "on": started, "text": "已部署落实，正在推进"})
    if overdue or task.deadline > last:
        return
    done_on = task.deadline - dt.timedelta(days=rng.randint(0, 3))
    if rng.random() < 0.1:
        done_on = task.deadline + dt.timedelta(days=rng.randint(1, 4))
    done_on = min(max(done_on, started), last)
    services.task_complete(actor=office, task=task, on=done_on, text="已按要求完成并报送")
    kit.created["document_tasks_done"] += 1
