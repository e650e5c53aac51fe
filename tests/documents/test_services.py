"""Services of document tracking: registering, splitting, progress to done, the checks they make,
the journal they write, and the weekly review they feed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight

from anjian.core.journal import entries_for
from anjian.documents import selectors, services
from anjian.documents.choices import TaskStatus
from anjian.documents.models import TrackedDocument
from anjian.workdays.selectors import add_workdays
from tests.documents.conftest import document_data

pytestmark = pytest.mark.django_db


def test_register_and_split_are_journaled(world, docs):
    assert entries_for(docs["doc"]).filter(action="create").count() == 1
    task = docs["a_open"]
    assert task.region == world.village_a  # scoped to the owning village
    assert docs["police"].region == world.town
    assert docs["person"].region == world.village_a  # the person's village
    assert entries_for(task).count() == 1


def test_deadline_in_working_days(world, docs):
    task = services.task_create(actor=world.users["office"], document=docs["doc"], data={
        "text": "五个工作日内报送", "owner_village": world.village_a, "deadline_workdays": 5})
    assert task.deadline == add_workdays(docs["doc"].received_on, 5).date


def test_progress_moves_the_task_and_done_sets_the_date(world, docs):
    task = docs["a_open"]
    services.task_progress_add(actor=world.users["village_a"], task=task,
                               data={"on": today(), "text": "已排查3处"})
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.done_on is None
    services.task_complete(actor=world.users["village_a"], task=task)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_on == today()
    assert task.progress.count() == 2
    assert entries_for(task).filter(action="update").count() == 2


@pytest.mark.parametrize("data, field", [
    ({"deadline": today() - dt.timedelta(days=30)}, "deadline"),
    ({"region": None}, "region"),
])
def test_bad_documents_are_refused_in_chinese(world, data, field):
    with pytest.raises(ValidationError) as exc:
        services.document_create(actor=world.users["office"], data=document_data(world, **data))
    assert field in exc.value.message_dict
    assert TrackedDocument.objects.count() == 0


def test_task_owner_must_be_in_the_town(world, docs):
    with pytest.raises(ValidationError) as exc:
        services.task_create(actor=world.users["office"], document=docs["doc"], data={
            "text": "x", "owner_village": world.village_c, "deadline": today()})
    assert "本镇" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.task_create(actor=world.users["office"], document=docs["doc"],
                             data={"text": "x", "deadline": today()})
    assert "责任人" in str(exc.value)


def test_writes_outside_the_scope_are_refused(world, docs):
    with pytest.raises(PermissionDenied):
        services.document_create(actor=world.users["office_b"], data=document_data(world))
    with pytest.raises(PermissionDenied):
        services.task_progress_add(actor=world.users["village_b"], task=docs["a_open"],
                                   data={"text": "不是我的"})
    with pytest.raises(PermissionDenied):
        services.task_create(actor=world.users["leader"], document=docs["doc"],
                             data={"text": "x", "owner_village": world.village_a, "deadline": today()})


def test_overdue_is_derived(world, docs):
    overdue = list(selectors.tasks_overdue(world.town, today()))
    assert overdue == [docs["b_overdue"]]
    assert docs["b_overdue"].is_overdue(today())
    services.task_complete(actor=world.users["office"], task=docs["b_overdue"])
    assert not selectors.tasks_overdue(world.town, today()).exists()


def test_weekly_review_counts(world, docs):
    review = selectors.weekly_review(world.town, today())
    assert review.start.weekday() == 0 and (review.end - review.start).days == 6
    assert review.done == [docs["police"]]
    overdue_ids = {t.pk for t in review.overdue}
    assert docs["b_overdue"].pk in overdue_ids and docs["outside"].pk not in overdue_ids
    progress_ids = {t.pk for t in review.in_progress}
    assert docs["a_open"].pk in progress_ids and docs["police"].pk not in progress_ids
    assert docs["other"] in review.received and docs["outside"] not in review.received
    by_owner = {row.owner: row for row in review.by_owner}
    assert len(by_owner["西张村派出所"].done) == 1
    assert len(by_owner["后关村"].overdue) == 1
    # A week before: the task done today is not done then.
    earlier = selectors.weekly_review(world.town, today() - dt.timedelta(days=7))
    assert docs["police"] not in earlier.done


def test_deadline_reminders_are_sent_once(world, docs):
    from anjian.accounts.models import User
    from anjian.documents.notifications import deadline_check
    from anjian.notify.models import Notification

    User.objects.filter(pk=world.users["village_a"].pk).update(person=world.people["secretary_a"])
    assert deadline_check(today()) == 1  # the person's task due in two days
    assert deadline_check(today()) == 0
    note = Notification.objects.get(recipient=world.users["village_a"])
    assert "即将到期" in note.title
