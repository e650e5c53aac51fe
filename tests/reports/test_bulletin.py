"""The weekly bulletin: every figure in the Word file agrees with the ledgers, it opens in
LibreOffice, the page generates it within the user's scope, and the Monday job announces it once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anjian.hazards.models import Hazard
from anjian.hazards.services import hazard_assign, hazard_escalate, hazard_fix_on_spot
from anjian.notify.models import Notification
from anjian.reports.documents import bulletin_docx
from anjian.reports.models import Bulletin
from anjian.reports.selectors import bulletin_figures, week_bounds
from anjian.reports.tasks import weekly_bulletins
from anjian.testing.documents import docx_tables, docx_text, libreoffice_pdf
from anjian.testing.hazards import assign_data, report, staged, submit_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def week(world):
    """This week in the town: 2 inspections at 2 units, 3 hazards found (one fixed on the spot,
    one overdue and escalated), and one in the other town that must not count."""
    office = world.users["office"]
    submit_record(office, world.units["shop_a"])
    submit_record(office, world.units["shop_b"])
    fixed = report(office, world.units["shop_a"])
    hazard_fix_on_spot(actor=office, hazard=fixed,
                       data={"rectification_note": "当场清理"},
                       photos=[staged("after", (10, 200, 10))])
    late = hazard_assign(actor=office, hazard=report(office, world.units["school_a"]),
                         data=assign_data(responsible_person="李校长"))
    Hazard.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    hazard_escalate(actor=office, hazard=late.pk, data={"step": "bulletin",
                                                        "document_number": "西安办〔2026〕3号"})
    report(office, world.units["shop_b"])
    report(world.users["office_b"], world.units["shop_c"])
    return {"fixed": fixed, "late": Hazard.objects.get(pk=late.pk)}


def test_the_figures_match_the_ledgers(world, week):
    f = bulletin_figures(world.town, timezone.localdate())
    assert (f.records, f.units_inspected) == (2, 2)
    assert (f.found, f.found_major, f.closed, f.closed_on_time) == (3, 0, 1, 1)
    assert (f.open_at_end, f.overdue_at_end) == (2, 1)
    assert [(o.person, o.count) for o in f.owners] == [("李校长", 1)]
    assert f.escalation_counts["通报"] == 1 and f.escalations[0].document_number == "西安办〔2026〕3号"
    by_name = {r.name: r for r in f.rows}
    assert by_name[world.village_a.name].found == 2 and by_name[world.village_b.name].found == 1
    assert by_name[world.village_a.name].overdue == 1


def test_the_word_file_states_each_figure(world, week, tmp_path):
    f = bulletin_figures(world.town, timezone.localdate())
    data = bulletin_docx(f)
    text = docx_text(data)
    assert f"第{f.week_number}周" in text and world.town.name in text
    assert "本周共开展检查2次，检查生产经营单位和场所2家" in text
    assert "本周新发现隐患3处（其中重大隐患0处），整改销号1处，其中按期整改1处，按期率100.0%" in text
    assert "逾期未整改1处" in text and "西安办〔2026〕3号" in text and "通报1次" in text
    by_region, owners, escalations = docx_tables(data)[:3]
    assert by_region[0][:4] == ["区域", "检查次数", "检查单位", "新发现隐患"]
    assert [world.village_a.name, "1", "1", "2", "1", "1"] in by_region
    assert owners[1][1:] == ["李校长", world.units["school_a"].name, "1"]
    assert escalations[1][0] == week["late"].number
    libreoffice_pdf(data, tmp_path, "bulletin.docx")


def test_a_quiet_week_says_so(world):
    last_year = timezone.localdate() - dt.timedelta(days=365)
    text = docx_text(bulletin_docx(bulletin_figures(world.town, last_year)))
    assert "本周无逾期未整改隐患" in text and "本周无督促升级" in text


def test_the_office_generates_a_bulletin_and_another_village_cannot_download_it(world, week, client):
    client.force_login(world.users["office"])
    response = client.post("/reports/bulletins/", {"region": world.town.pk,
                                                   "day": timezone.localdate().isoformat()})
    assert response.status_code == 302
    bulletin = Bulletin.objects.get(region=world.town)
    assert bulletin.figures["found"] == 3
    download = client.get(f"/reports/bulletins/{bulletin.pk}.docx")
    assert download.status_code == 200 and "第" in docx_text(b"".join(download.streaming_content))
    client.force_login(world.users["village_b"])
    assert client.get(f"/reports/bulletins/{bulletin.pk}.docx").status_code == 404
    response = client.post("/reports/bulletins/", {"region": world.town.pk,
                                                   "day": timezone.localdate().isoformat()})
    assert response.status_code == 200 and "region" in response.context["form"].errors


@pytest.mark.django_db(transaction=True)
def test_the_monday_job_regenerates_and_announces_once(world_tx):
    monday_next = week_bounds(timezone.localdate())[0] + dt.timedelta(days=7)
    assert weekly_bulletins(monday_next) >= 2  # both towns of the test world
    assert weekly_bulletins(monday_next) >= 2
    town = world_tx.town
    assert Bulletin.objects.filter(region=town).count() == 1
    office = world_tx.users["office"]
    assert Notification.objects.filter(recipient=office, kind="bulletin").count() == 1


def test_the_daily_reports_of_the_week_are_counted_per_reporter(world):
    from anjian.testing.dailyreports import file, reporters

    monday = week_bounds(timezone.localdate())[0] - dt.timedelta(days=7)
    file(world.users["village_a"], reporters(world)["village_a"], monday, hour=9)
    file(world.users["village_a"], reporters(world)["village_a"], monday + dt.timedelta(days=1),
         hour=20)  # after the 17:00 cut-off: late
    f = bulletin_figures(world.town, monday)
    row = next(r for r in f.daily if r.reporter.name == world.village_a.name)
    assert (row.due, row.filed, row.late, row.missing) == (7, 2, 1, 5)
    text = docx_text(bulletin_docx(f))
    due = sum(r.due for r in f.daily)
    assert "五、日报告情况" in text and f"本周应报日报告{due}份，实报2份（其中迟报1份）" in text
    assert world.village_b.name in text  # it filed nothing: listed
