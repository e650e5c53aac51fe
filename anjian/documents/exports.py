"""Excel exports of the document-tracking ledger (the filtered lists)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx


def documents_xlsx(rows) -> bytes:
    columns = [Column(_("发文单位"), 18), Column(_("文号"), 18), Column(_("文件标题"), 40),
               Column(_("收文日期"), 12, "date"), Column(_("办结期限"), 12, "date"),
               Column(_("任务数"), 8, "int"), Column(_("已完成"), 8, "int")]
    return table_xlsx(_("督办文件台账"), columns, (
        [d.issuer, d.number, d.title, d.received_on, d.deadline, d.task_count, d.done_count]
        for d in rows))


def tasks_xlsx(rows) -> bytes:
    today = timezone.localdate()
    columns = [Column(_("文件"), 36), Column(_("任务内容"), 40), Column(_("责任单位（人）"), 20),
               Column(_("完成期限"), 12, "date"), Column(_("状态"), 10), Column(_("逾期"), 8),
               Column(_("完成日期"), 12, "date")]
    return table_xlsx(_("督办任务台账"), columns, (
        [str(t.document), t.text, t.owner_name, t.deadline, t.get_status_display(),
         t.is_overdue(today), t.done_on] for t in rows))
