"""Pages of document tracking: lists, filters, details, forms, Excel export, the weekly review and
its Word bulletin (read back figure by figure, and opened by LibreOffice), scope for each role."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight
from openpyxl import load_workbook

from anjian.documents import selectors
from anjian.documents.choices import TaskStatus
from anjian.documents.models import DocumentTask, TrackedDocument
from anjian.testing.documents import docx_tables, docx_text, libreoffice_pdf

pytestmark = pytest.mark.django_db


def test_office_registers_a_document_with_a_pdf_and_splits_it(client, world):
    client.force_login(world.users["office"])
    pdf = SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    response = client.post(reverse("documents:document_create"), {
        "region": world.town.pk, "issuer": "陕州区安委会", "number": "陕安委〔2026〕3号",
        "title": "关于开展安全生产大检查的通知", "received_on": today().isoformat(), "file": pdf})
    document = TrackedDocument.objects.get()
    assert response.status_code == 302 and document.has_file
    assert client.get(reverse("documents:document_file", args=[document.pk])).status_code == 200
    response = client.post(reverse("documents:task_create", args=[document.pk]), {
        "text": "全镇排查", "owner_village": world.village_a.pk, "deadline_workdays": "3"})
    assert response.status_code == 302
    assert DocumentTask.objects.get().deadline > today()


def test_a_fake_pdf_is_refused(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("documents:document_create"), {
        "region": world.town.pk, "issuer": "x", "title": "y", "received_on": today().isoformat(),
        "file": SimpleUploadedFile("a.pdf", b"not a pdf at all")})
    assert response.status_code == 200 and "不是有效的 PDF" in response.content.decode()
    assert not TrackedDocument.objects.exists()


def test_lists_filters_and_details(client, world, docs):
    client.force_login(world.users["office"])
    page = client.get(reverse("documents:document_list")).content.decode()
    assert "关于开展安全生产大检查的通知" in page and "观音堂镇收文" not in page
    page = client.get(reverse("documents:task_list"), {"overdue": "true"}).content.decode()
    assert "后关村整治九小场所" in page and "张一村排查废弃坑口" not in page
    detail = client.get(reverse("documents:document_detail", args=[docs["doc"].pk])).content.decode()
    assert "派出所检查加油站" in detail and "task-add" in detail
    task = client.get(reverse("documents:task_detail", args=[docs["police"].pk])).content.decode()
    assert "已检查完毕" in task


def test_village_sees_and_updates_its_tasks_only(client, world, docs):
    client.force_login(world.users["village_a"])
    page = client.get(reverse("documents:task_list")).content.decode()
    assert "张一村排查废弃坑口" in page and "后关村整治九小场所" not in page
    assert client.get(reverse("documents:task_detail", args=[docs["b_overdue"].pk])).status_code == 404
    assert client.get(reverse("documents:document_detail", args=[docs["doc"].pk])).status_code == 404
    url = reverse("documents:task_detail", args=[docs["a_open"].pk])
    client.post(url, {"on": today().isoformat(), "text": "完成", "status": "done"})
    docs["a_open"].refresh_from_db()
    assert docs["a_open"].status == TaskStatus.DONE


@pytest.mark.parametrize("user", ["office_b", "enterprise_a", "expert", "nobody", "grid_a"])
def test_outsiders_get_404(client, world, docs, user):
    client.force_login(world.users[user])
    assert client.get(reverse("documents:document_detail", args=[docs["doc"].pk])).status_code == 404
    assert client.get(reverse("documents:task_detail", args=[docs["a_open"].pk])).status_code == 404


def test_leader_reads_without_forms(client, world, docs):
    client.force_login(world.users["leader"])
    assert 'id="ledger-add"' not in client.get(reverse("documents:document_list")).content.decode()
    page = client.get(reverse("documents:task_detail", args=[docs["a_open"].pk])).content.decode()
    assert "progress-form" not in page
    assert client.post(reverse("documents:task_detail", args=[docs["a_open"].pk]),
                       {"text": "x"}).status_code == 403


def test_export_matches_the_filtered_list(client, world, docs):
    client.force_login(world.users["office"])
    response = client.get(reverse("documents:task_export"), {"status": "done"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == ["派出所检查加油站"]
    assert rows[0][4] == "已完成"
    response = client.get(reverse("documents:document_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    titles = {r[2]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert set(titles) == {"关于开展安全生产大检查的通知", "关于做好汛期安全防范工作的通知"}
    assert titles["关于开展安全生产大检查的通知"][5:] == (4, 1)


def test_weekly_review_page_and_bulletin_figures(client, world, docs, tmp_path):
    client.force_login(world.users["office"])
    page = client.get(reverse("documents:weekly_review")).content.decode()
    review = selectors.weekly_review(world.town, today())
    year, week = review.iso_week
    title = f"西张村镇安全生产文件督办周通报（{year}年第{week}周）"
    assert title in page
    assert f'id="n-overdue">{len(review.overdue)}<' in page
    response = client.get(reverse("documents:weekly_bulletin"), {"week": today().isoformat()})
    data = b"".join(response.streaming_content)
    text = docx_text(data)
    assert title in text
    assert (f"督办任务完成{len(review.done)}项，推进中{len(review.in_progress)}项，"
            f"逾期{len(review.overdue)}项") in text
    by_owner = docx_tables(data)[0]
    assert by_owner[0] == ["责任单位（人）", "完成", "推进中", "逾期"]
    for row in by_owner[1:]:
        counts = next(r for r in review.by_owner if r.owner == row[0])
        assert row[1:] == [str(len(counts.done)), str(len(counts.in_progress)),
                           str(len(counts.overdue))]
    assert len(by_owner) - 1 == len(review.by_owner)
    overdue_table = docx_tables(data)[1]
    assert [r[1] for r in overdue_table[1:]] == [t.text for t in review.overdue]
    libreoffice_pdf(data, tmp_path, "bulletin.docx")


def test_weekly_review_of_an_earlier_week(client, world, docs):
    client.force_login(world.users["office"])
    earlier = today() - dt.timedelta(days=14)
    page = client.get(reverse("documents:weekly_review"), {"week": earlier.isoformat()})
    assert page.status_code == 200 and 'id="n-done">0<' in page.content.decode()


def test_weekly_review_is_closed_to_enterprises(client, world, docs):
    client.force_login(world.users["enterprise_a"])
    assert client.get(reverse("documents:weekly_review")).status_code == 404
