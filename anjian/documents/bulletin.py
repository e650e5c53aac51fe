"""The weekly bulletin (一周一通报) as a Word document: the week's figures, then the tasks done,
in progress and overdue by owner, and the documents received."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anjian.core import word
from anjian.documents.selectors import WeeklyReview


def bulletin_title(review: WeeklyReview) -> str:
    year, week = review.iso_week
    return _("%(town)s安全生产文件督办周通报（%(year)s年第%(week)s周）") % {
        "town": review.region.name, "year": year, "week": week}


def summary_line(review: WeeklyReview) -> str:
    return _("本周（%(start)s至%(end)s）新收上级文件%(received)s件；督办任务完成%(done)s项，"
             "推进中%(progress)s项，逾期%(overdue)s项。") % {
        "start": word.cn_date(review.start), "end": word.cn_date(review.end),
        "received": len(review.received), "done": len(review.done),
        "progress": len(review.in_progress), "overdue": len(review.overdue)}


def weekly_bulletin(review: WeeklyReview) -> bytes:
    document = word.new_document(bulletin_title(review))
    word.title(document, bulletin_title(review))
    word.paragraph(document, summary_line(review), first_line_indent=True)
    word.heading(document, _("一、按责任单位（人）统计"))
    rows = [[row.owner, str(len(row.done)), str(len(row.in_progress)), str(len(row.overdue))]
            for row in review.by_owner]
    word.grid_table(document, [_("责任单位（人）"), _("完成"), _("推进中"), _("逾期")], rows,
                    word.even_widths(4))
    sections = ((_("二、逾期任务"), review.overdue), (_("三、本周完成任务"), review.done),
                (_("四、推进中任务"), review.in_progress))
    for heading, tasks in sections:
        word.heading(document, heading)
        if not tasks:
            word.paragraph(document, _("无。"), first_line_indent=True)
            continue
        word.grid_table(document, [_("文件"), _("任务"), _("责任单位（人）"), _("期限")], [
            [str(t.document), t.text, t.owner_name, word.cn_date(t.deadline)] for t in tasks],
            word.even_widths(4))
    word.heading(document, _("五、本周收文"))
    if review.received:
        word.grid_table(document, [_("发文单位"), _("文号"), _("标题"), _("收文日期")], [
            [d.issuer, d.number, d.title, word.cn_date(d.received_on)] for d in review.received],
            word.even_widths(4))
    else:
        word.paragraph(document, _("无。"), first_line_indent=True)
    return word.to_bytes(document)
