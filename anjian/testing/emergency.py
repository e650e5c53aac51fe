"""Helpers for tests (and the demo) of the emergency ledgers: real minimal PDF and Word files, and
ready-made data for plans, drills, teams, supplies and incidents."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.utils import timezone

from anjian.demo.emergency_files import plan_pdf as pdf_bytes  # noqa: F401


def docx_bytes(text: str = "应急预案") -> bytes:
    """A real .docx written by python-docx."""
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def fake_docx_bytes() -> bytes:
    """A zip archive that is not a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not word")
    return buffer.getvalue()


def version_data(**extra) -> dict:
    today = timezone.localdate()
    return {"number": "2024版", "approved_by": "西张村镇人民政府", "approved_on": today,
            "document_number": "西政〔2024〕12号", "effective_on": today,
            "review_interval_years": 3, **extra}


def drill_data(region, **extra) -> dict:
    return {"title": "处置突发事件应急实战演练", "held_on": timezone.localdate() - dt.timedelta(days=3),
            "kind": "comprehensive", "form": "live", "region": region,
            "scenario": "集镇商铺突发火灾，人员被困", "location": "张村街道", "participants": 52,
            "evaluation": "响应迅速，分工明确", **extra}


def supply_data(region, **extra) -> dict:
    return {"name": "灭火器", "category": "fire_fighting", "specification": "MFZ/ABC4",
            "quantity": "20", "unit_of_measure": "具", "minimum_stock": "10", "region": region,
            "location": "镇应急物资库", "custodian": "王强", "custodian_phone": "13800000001",
            **extra}


def incident_data(region, **extra) -> dict:
    return {"title": "张一村民房火灾", "kind": "accident",
            "occurred_at": timezone.now() - dt.timedelta(hours=3), "place": "张一村三组",
            "region": region, "summary": "一处民房厨房起火，无人员伤亡", **extra}
