"""Test data of the responsibility system, written through its services."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from PIL import Image

from anjian.demo.responsibility_texts import pdf_scan
from anjian.responsibility import services
from anjian.responsibility.choices import AgreementKind, DutyCategory, MeetingKind
from anjian.responsibility.scans import read_scan


def pdf_bytes(title: str = "责任书") -> bytes:
    return pdf_scan(title)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def scan(title: str = "责任书"):
    return read_scan(pdf_bytes(title), name=f"{title}.pdf")


def make_list(world, *, actor=None, year: int | None = None, post: str = "镇党委书记",
              region=None, holder=None):
    return services.responsibility_list_create(
        actor=actor, duties=[(DutyCategory.FIRST_RESPONSIBLE, "全镇安全生产第一责任人"),
                             (DutyCategory.DUAL_DUTY, "落实一岗双责")],
        data={"region": region or world.town, "year": year or timezone.localdate().year,
              "post": post, "holder": holder or world.people["leader"], "notes": ""})


def sign(world, *, actor=None, year: int | None = None, with_scan: bool = True, **party):
    """An agreement of `year` with the party given as village=, unit= or organisation=."""
    year = year or timezone.localdate().year
    if "village" in party:
        kind = AgreementKind.VILLAGE
    elif "organisation" in party:
        kind = AgreementKind.DEPARTMENT
    else:
        kind = services.kind_for_unit(party["unit"])
    return services.agreement_create(actor=actor, scan=scan() if with_scan else None, data={
        "year": year, "kind": kind, **party, "first_signatory": "钱熙浩",
        "second_signatory": "乙方", "signed_on": min(dt.date(year, 1, 10), timezone.localdate())})


def make_meeting(world, *, actor=None, region=None, day: dt.date | None = None,
                 kind: str = MeetingKind.PARTY_COMMITTEE, safety_first: bool = True):
    return services.meeting_create(actor=actor, data={
        "region": region or world.town, "held_on": day or timezone.localdate(), "kind": kind,
        "title": "镇党委会", "chaired_by": world.people["leader"], "attendees": 15,
        "safety_first": safety_first, "topics": "学习安全生产重要论述", "decisions": "部署排查"})


def make_visit(world, *, actor=None, unit=None, day: dt.date | None = None, problems: str = ""):
    return services.linkage_visit_create(actor=actor, data={
        "leader": world.people["leader"], "unit": unit or world.units["school_a"],
        "visited_on": day or timezone.localdate(), "checked": "检查消防设施",
        "problems": problems, "follow_up": ""})
