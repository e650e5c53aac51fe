"""The demo's document tracking: twenty documents with 2–4 tasks each, most done, some in
progress, a couple overdue; the weekly review of this week works on it; built again it adds
nothing."""

from collections import Counter

from django.utils import timezone

from anjian.demo import documents as demo_documents
from anjian.demo.builder import kit_from_database
from anjian.documents import selectors
from anjian.documents.choices import TaskStatus
from anjian.documents.models import DocumentTask, TrackedDocument
from anjian.regions.models import Region


def _town():
    return Region.objects.get(level=2, name="西张村镇")


def test_documents_and_tasks_fit_the_seeds(town):
    documents = TrackedDocument.objects.filter(region=_town())
    assert documents.count() == 20
    assert documents.filter(title="关于开展安全生产大检查的通知", issuer="陕州区安委会",
                            number__startswith="陕安委〔").exists()
    tasks = DocumentTask.objects.filter(document__region=_town())
    per_document = Counter(tasks.values_list("document_id", flat=True))
    assert set(per_document.values()) <= {2, 3, 4}
    status = Counter(tasks.values_list("status", flat=True))
    assert status[TaskStatus.DONE] > tasks.count() / 2
    assert status[TaskStatus.IN_PROGRESS] >= 3
    overdue = selectors.tasks_overdue(_town(), timezone.localdate())
    assert 2 <= overdue.count() <= 4
    assert all(t.progress.exists() for t in tasks.filter(status=TaskStatus.DONE))


def test_weekly_review_of_the_demo(town):
    review = selectors.weekly_review(_town(), timezone.localdate())
    assert len(review.overdue) >= 2
    assert review.by_owner


def test_built_again_adds_nothing(town):
    before = (TrackedDocument.objects.count(), DocumentTask.objects.count())
    kit = kit_from_database()
    demo_documents.build(kit)
    assert (TrackedDocument.objects.count(), DocumentTask.objects.count()) == before
    assert not kit.created


def test_builds_from_empty(town):

    TrackedDocument.objects.filter(region=_town()).delete()
    kit = kit_from_database()
    demo_documents.build(kit)
    assert kit.created["tracked_documents"] == 20 and kit.created["document_tasks"] >= 40
