"""The pages: today's status, filing (zero and full), list with filters, detail, settings, nav."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.core.journal import entries_for
from anjian.dailyreports.models import DailyReport, ReportSettings
from anjian.testing.dailyreports import file


@pytest.fixture
def client_for(client, world):
    def login(persona):
        client.force_login(world.users[persona])
        return client
    return login


def test_the_office_sees_who_is_missing_with_phones(client_for, world, reps, today):
    file(world.users["village_a"], reps["village_a"], today)
    html = client_for("office").get(reverse("dailyreports:today")).content.decode()
    missing = html.split('id="missing"')[1].split('id="filed"')[0]
    assert "后关村" in missing and "李红梅" in missing and 'href="tel:13800000012"' in missing
    assert "西张村镇中心校" in missing and "张一村" not in missing
    assert "张一村" in html.split('id="filed"')[1]
    assert 'id="settings-link"' in html


def test_a_village_cadre_is_one_tap_from_filing(client_for, reps):
    html = client_for("village_a").get(reverse("dailyreports:today")).content.decode()
    assert f'{reverse("dailyreports:file")}?reporter={reps["village_a"].key}' in html
    assert 'id="file-link"' in html
    assert "后关村" not in html and 'id="settings-link"' not in html


@pytest.mark.parametrize("persona", ["grid_a", "enterprise_a", "auditor", "nobody"])
def test_roles_without_daily_reports_get_403(client_for, persona):
    c = client_for(persona)
    assert c.get(reverse("dailyreports:today")).status_code == 403
    assert c.get(reverse("dailyreports:file")).status_code == 403


def test_the_menu_links_the_today_page(client_for):
    html = client_for("village_a").get(reverse("dailyreports:list")).content.decode()
    assert f'href="{reverse("dailyreports:today")}"' in html


def test_one_tap_zero_report(client_for, world, reps, today):
    c = client_for("village_a")
    response = c.post(reverse("dailyreports:file"), {
        "reporter": reps["village_a"].key, "date": today.isoformat(), "zero": "1",
        "inspections_count": "5"})  # the full form's values are ignored
    assert response.status_code == 302
    report = DailyReport.objects.get()
    assert report.is_zero and report.inspections_count == 0
    assert report.submitted_by == world.users["village_a"]


def test_full_report_then_correction(client_for, world, reps, yesterday):
    c = client_for("village_a")
    url = reverse("dailyreports:file")
    data = {"reporter": reps["village_a"].key, "date": yesterday.isoformat(),
            "inspections_count": "2", "hazards_count": "1", "events": "", "measures": "当场整改",
            "note": ""}
    assert c.post(url, data).status_code == 302
    page = c.get(url, {"reporter": reps["village_a"].key, "date": yesterday.isoformat()})
    assert 'id="existing-note"' in page.content.decode()
    assert c.post(url, {**data, "hazards_count": "2"}).status_code == 302
    report = DailyReport.objects.get()
    assert (report.hazards_count, report.corrections) == (2, 1)
    assert entries_for(report).count() == 2


def test_the_form_shows_the_services_refusal(client_for, world, reps, today):
    from anjian.testing.hazards import report as report_hazard

    report_hazard(world.users["grid_a"], world.units["shop_a"])
    c = client_for("village_a")
    page = c.get(reverse("dailyreports:file")).content.decode()
    assert 'id="zero-button" disabled' in page and 'value="1"' in page  # hazards prefilled
    response = c.post(reverse("dailyreports:file"), {
        "reporter": reps["village_a"].key, "date": today.isoformat(), "zero": "1"})
    assert response.status_code == 200
    assert "不能报零报告" in response.content.decode()
    assert not DailyReport.objects.exists()


def test_a_village_cannot_post_for_another_village(client_for, reps, today):
    response = client_for("village_a").post(reverse("dailyreports:file"), {
        "reporter": reps["village_b"].key, "date": today.isoformat(), "zero": "1"})
    assert response.status_code == 200  # not one of the form's reporters
    assert not DailyReport.objects.exists()


def test_the_list_filters(client_for, world, reps, today, yesterday):
    file(world.users["office"], reps["village_a"], yesterday, hour=20)
    file(world.users["office"], reps["police"], yesterday, events="轻微交通事故")
    file(world.users["office"], reps["village_b"], today)
    c = client_for("office")

    def names(**query):
        html = c.get(reverse("dailyreports:list"), query).content.decode()
        return {pk for pk in DailyReport.objects.values_list("pk", flat=True)
                if f'data-report="{pk}"' in html}

    by = {r.reporter_key: r.pk for r in DailyReport.objects.all()}
    a, b, police = by[reps["village_a"].key], by[reps["village_b"].key], by[reps["police"].key]
    assert names() == {a, b, police}
    assert names(is_late="true") == {a}
    assert names(is_zero="false") == {police}
    assert names(date_from=today.isoformat()) == {b}
    assert names(date_to=yesterday.isoformat()) == {a, police}
    assert names(kind="organisation") == {police}
    assert names(region=world.village_a.pk) == {a}
    assert names(reporter=reps["police"].key) == {police}
    assert names(organisation=world.police.pk) == {police}
    assert names(q="交通") == {police}


def test_detail_in_and_out_of_scope(client_for, world, reps, yesterday):
    report = file(world.users["office"], reps["village_b"], yesterday)
    url = reverse("dailyreports:detail", args=[report.pk])
    assert client_for("village_a").get(url).status_code == 404
    assert client_for("agency").get(url).status_code == 404
    page = client_for("village_b").get(url)
    assert page.status_code == 200 and 'id="correct-link"' in page.content.decode()
    leader = client_for("leader").get(url).content.decode()
    assert 'id="journal"' in leader and 'id="correct-link"' not in leader


def test_the_office_sets_the_cut_off_on_a_page(client_for, world):
    c = client_for("office")
    assert "截止" in c.get(reverse("dailyreports:settings")).content.decode()
    response = c.post(reverse("dailyreports:settings"), {"town": world.town.pk, "cutoff": "16:00"})
    assert response.status_code == 302
    assert ReportSettings.objects.get().cutoff == dt.time(16, 0)
    assert "16:00" in c.get(reverse("dailyreports:today")).content.decode()
    # The box left unticked: rest days are free; a Sunday says so and lists nobody as missing.
    assert ReportSettings.objects.get().rest_days is False
    sunday = c.get(reverse("dailyreports:today") + "?date=2026-03-15").content.decode()
    assert 'id="rest-day"' in sunday
    monday = c.get(reverse("dailyreports:today") + "?date=2026-03-16").content.decode()
    assert 'id="rest-day"' not in monday
    c.post(reverse("dailyreports:settings"), {"town": world.town.pk, "cutoff": "16:00",
                                              "rest_days": "on"})
    assert ReportSettings.objects.get().rest_days is True


@pytest.mark.parametrize("persona", ["village_a", "leader", "agency"])
def test_others_may_not_set_the_cut_off(client_for, world, persona):
    c = client_for(persona)
    assert c.get(reverse("dailyreports:settings")).status_code == 403
    c.post(reverse("dailyreports:settings"), {"town": world.town.pk, "cutoff": "12:00"})
    assert not ReportSettings.objects.exists()


def test_compliance_and_summary_pages(client_for, world, reps, yesterday):
    file(world.users["office"], reps["village_a"], yesterday, events="小火情", measures="扑灭")
    c = client_for("leader")
    html = c.get(reverse("dailyreports:compliance"), {"start": yesterday.isoformat(),
                                                      "end": yesterday.isoformat()}).content.decode()
    assert f'data-reporter="{reps["village_b"].key}"' in html
    summary = c.get(reverse("dailyreports:summary"), {"date": yesterday.isoformat()})
    text = summary.content.decode()
    assert "小火情" in text and "后关村" in text.split('id="summary-missing"')[1]
