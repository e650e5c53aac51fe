"""Generating the weekly bulletin (周通报): on demand from the page, and every Monday for each town."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.regions.models import Region
from anjian.reports.documents import bulletin_docx, bulletin_title
from anjian.reports.models import Bulletin
from anjian.reports.selectors import bulletin_figures


def _summary(f) -> dict:
    return {"records": f.records, "units_inspected": f.units_inspected, "found": f.found,
            "found_major": f.found_major, "closed": f.closed, "closed_on_time": f.closed_on_time,
            "open_at_end": f.open_at_end, "overdue_at_end": f.overdue_at_end,
            "escalations": f.escalation_counts}


def bulletin_generate(*, actor, region: Region, day: dt.date) -> Bulletin:
    """The bulletin of `region` for the week holding `day`, generated now (again, if it exists:
    the file and figures are replaced and the journal keeps both generations)."""
    figures = bulletin_figures(region, day)
    data = bulletin_docx(figures)
    name = f"bulletin-{region.code or region.pk}-{figures.start:%G-W%V}.docx"
    with transaction.atomic():
        bulletin = (Bulletin.objects.select_for_update()
                    .filter(region=region, week_start=figures.start).first())
        created = bulletin is None
        before = {} if created else journal.snapshot(bulletin, ["title", "figures"])
        if created:
            bulletin = Bulletin(region=region, week_start=figures.start)
        else:  # the old file goes once the new one is committed
            old, storage = bulletin.file.name, bulletin.file.storage
            transaction.on_commit(lambda: storage.delete(old))
        bulletin.title = bulletin_title(figures)
        bulletin.figures = _summary(figures)
        bulletin.generated_at = timezone.now()
        bulletin.generated_by = actor if actor is not None and actor.pk else None
        bulletin.file.save(name, ContentFile(data), save=False)
        bulletin.save()
        journal.record(actor, bulletin, JournalAction.CREATE if created else JournalAction.UPDATE,
                       journal.diff(before, journal.snapshot(bulletin, ["title", "figures"])),
                       comment="" if created else "重新生成")
    return bulletin
