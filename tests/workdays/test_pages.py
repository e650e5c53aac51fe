"""The working-day calendar page of the safety office."""

import datetime as dt

import pytest

from anjian.workdays import views
from anjian.workdays.models import CalendarYear
from anjian.workdays.selectors import add_workdays

D = dt.date


def body(response) -> str:
    return response.content.decode()


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(views, "_today", lambda: D(2026, 11, 24))


def test_office_sees_the_years_and_that_2027_is_missing(world, client):
    client.force_login(world.users["office"])
    response = client.get("/workdays/")
    html = body(response)
    assert response.status_code == 200
    assert "2027年的放假安排尚未录入" in html and "暂定" in html
    assert "/workdays/2027/" in html
    assert "2026" in html and "2004" in html and "正式安排" in html
    assert "工作日历" in html  # the menu entry


@pytest.mark.parametrize("who", ["leader", "agency", "village_a", "grid_a", "sysadmin", "nobody"])
def test_the_calendar_is_only_for_the_safety_office(world, client, who):
    client.force_login(world.users[who])
    assert client.get("/workdays/").status_code == 403
    assert client.get("/workdays/2027/").status_code == 403
    response = client.post("/workdays/2027/", {"lines": "2027-01-01 休 元旦", "official": "on"})
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert "/workdays/" not in body(client.get("/"))


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get("/workdays/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_office_enters_2027_and_deadlines_stop_being_provisional(world, client):
    client.force_login(world.users["office"])
    assert add_workdays(D(2026, 12, 25), 10).provisional
    response = client.post("/workdays/2027/", {
        "lines": "2027-01-01 休 元旦\r\n\r\n# 春节\r\n2027-02-06　班　调休上班\r\n2027/2/8 休 春节",
        "official": "on", "source": "国办发明电〔2026〕x号"})
    assert response.status_code == 302 and response["Location"] == "/workdays/"
    year = CalendarYear.objects.get(year=2027)
    assert year.official and year.entered_by == world.users["office"]
    assert year.source == "国办发明电〔2026〕x号"
    assert [str(d) for d in year.days.all()] == [
        "2027-01-01 放假 元旦", "2027-02-06 上班 调休上班", "2027-02-08 放假 春节"]
    deadline = add_workdays(D(2026, 12, 25), 10)
    assert deadline.date == D(2027, 1, 11) and not deadline.provisional
    html = body(client.get("/workdays/", follow=True))
    assert "已保存2027年放假安排" in html and "2027年的放假安排尚未录入" not in html
    edit = body(client.get("/workdays/2027/"))
    assert "2027-02-06 班 调休上班" in edit  # the saved schedule comes back in the text box


def test_bad_lines_are_shown_with_their_line_numbers(world, client):
    client.force_login(world.users["office"])
    response = client.post("/workdays/2027/", {
        "lines": "2027-01-01 休 元旦\n2027-13-01 休 错月\n2027-01-04 放 假\n2027-01-05\n"
                 "2027-01-03 休 周日", "official": "on"})
    html = body(response)
    assert response.status_code == 200
    assert "第2行" in html and "不是有效的日期" in html
    assert "第3行" in html and "“休”" in html
    assert "第4行" in html
    assert "第5行" in html and "本来就休息" in html  # the readable lines are checked too
    assert html.index("第2行") < html.index("第4行") < html.index("第5行")
    assert "第1行" not in html
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_an_empty_schedule_is_refused(world, client):
    client.force_login(world.users["office"])
    response = client.post("/workdays/2027/", {"lines": "\n# 还没公布\n", "official": "on"})
    assert response.status_code == 200 and "请至少填写一天" in body(response)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_service_errors_point_at_their_lines(world, client):
    client.force_login(world.users["office"])
    response = client.post("/workdays/2027/", {
        "lines": "2027-01-01 休 元旦\n\n2027-01-03 休 周日\n2026-12-31 休 跨年\n2027-01-01 休 元旦",
        "official": "on"})
    html = body(response)
    assert response.status_code == 200
    assert "第3行" in html and "星期日" in html and "本来就休息" in html
    assert "第4行" in html and "不在2027年内" in html
    assert "第5行" in html and "重复" in html
    assert "第1行" not in html
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_choosing_a_year_and_years_out_of_range(world, client):
    client.force_login(world.users["office"])
    response = client.get("/workdays/", {"year": "2028"})
    assert response.status_code == 302 and response["Location"] == "/workdays/2028/"
    assert "尚未录入" in body(client.get("/workdays/2028/"))
    assert "年份应在" in body(client.get("/workdays/", {"year": "abc"}))
    assert client.get("/workdays/1990/").status_code == 404
