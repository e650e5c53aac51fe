"""The duty pages: who is on duty now, the roster with its gaps and overlaps, the shift form and
the generator, logging a call, closing it, handing over, the log list and its filters."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift
from anjian.testing.duty import at, current_and_next, make_shift


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client
    return login


def _local(value: dt.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_who_is_on_duty_now_shows_names_phones_and_the_next_shift(staff, as_user):
    w = staff
    first, second = current_and_next(w)
    page = as_user(w.users["village_a"]).get(reverse("duty:now")).content.decode()
    assert "刘值守" in page and 'href="tel:13900000001"' in page
    assert 'href="tel:13900000008"' in page  # the leader on duty
    assert "钱镇长" in page  # leads the next shift
    assert reverse("duty:log_create", args=[first.pk]) not in page  # a village cadre only reads


def test_the_office_sees_the_log_and_handover_buttons_on_the_now_page(staff, as_user):
    w = staff
    first, _second = current_and_next(w)
    page = as_user(w.users["office"]).get(reverse("duty:now")).content.decode()
    assert reverse("duty:log_create", args=[first.pk]) in page
    assert reverse("duty:handover_create", args=[first.pk]) in page


def test_a_village_cadre_on_duty_logs_on_their_own_shift_only(staff, as_user):
    w = staff
    first, second = current_and_next(w)
    user = w.users["village_a"]
    user.person = w.people["duty_1"]
    user.save(update_fields=["person"])
    client = as_user(user)
    page = client.get(reverse("duty:now")).content.decode()
    assert reverse("duty:log_create", args=[first.pk]) in page
    assert client.get(reverse("duty:log_create", args=[first.pk])).status_code == 200
    assert client.get(reverse("duty:log_create", args=[second.pk])).status_code == 404


def test_no_shift_now_is_shown_as_a_warning(staff, as_user):
    page = as_user(staff.users["office"]).get(reverse("duty:now")).content.decode()
    assert "当前时段没有安排值班" in page


def test_the_navbar_has_the_duty_button_for_those_who_may_see_the_roster(staff, as_user, client):
    for name, shown in (("office", True), ("village_a", True), ("grid_a", True),
                        ("agency", True), ("enterprise_a", False), ("auditor", False)):
        client.logout()
        page = as_user(staff.users[name]).get(reverse("home")).content.decode()
        assert ('id="duty-now-link"' in page) is shown, name


def test_the_week_view_marks_gaps_and_overlaps(staff, as_user, day):
    w = staff
    make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"])
    make_shift(w, at(day, 17, 0), at(day, 22), ["duty_2"], leader="leader_2")
    page = as_user(w.users["leader"]).get(
        reverse("duty:roster"), {"start": day.isoformat()}).content.decode()
    assert "段无人值班" in page and "段班次重叠" in page
    assert page.count('class="list-group-item py-1 duty-overlap"') == 2
    assert "添加班次" not in page  # leaders read


def test_the_month_view_lists_every_day(staff, as_user, day):
    page = as_user(staff.users["office"]).get(
        reverse("duty:roster"), {"start": day.isoformat(), "span": "month"}).content.decode()
    assert page.count("data-day=") == 31


def test_the_office_adds_a_shift_through_the_form(staff, as_user, day):
    w = staff
    client = as_user(w.users["office"])
    response = client.post(reverse("duty:shift_create"), {
        "region": w.town.pk, "start": f"{day}T08:30", "end": f"{day}T17:30",
        "people": [w.people["duty_1"].pk, w.people["duty_2"].pk],
        "leader": w.people["leader"].pk, "note": "春节值班"})
    shift = DutyShift.objects.get()
    assert response.status_code == 302 and shift.note == "春节值班"
    assert shift.start == at(day, 8, 30)


def test_the_form_shows_the_clash_naming_the_person_and_shift(staff, as_user, day):
    w = staff
    first = make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"])
    response = as_user(w.users["office"]).post(reverse("duty:shift_create"), {
        "region": w.town.pk, "start": f"{day}T12:00", "end": f"{day}T20:00",
        "people": [w.people["duty_1"].pk], "leader": w.people["leader_2"].pk})
    page = response.content.decode()
    assert response.status_code == 200 and "刘值守已安排在西张村镇" in page and str(first) in page
    assert DutyShift.objects.count() == 1


def test_the_office_edits_a_shift(staff, as_user, day):
    w = staff
    shift = make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"])
    client = as_user(w.users["office"])
    assert client.get(reverse("duty:shift_edit", args=[shift.pk])).status_code == 200
    client.post(reverse("duty:shift_edit", args=[shift.pk]), {
        "region": w.town.pk, "start": f"{day}T09:00", "end": f"{day}T17:30",
        "people": [w.people["duty_1"].pk, w.people["duty_3"].pk],
        "leader": w.people["leader"].pk})
    shift.refresh_from_db()
    assert shift.start == at(day, 9) and shift.people.count() == 2


def test_the_generator_page_fills_a_week(staff, as_user, day):
    w = staff
    response = as_user(w.users["office"]).post(reverse("duty:generate"), {
        "region": w.town.pk, "first_day": day.isoformat(),
        "last_day": (day + dt.timedelta(days=6)).isoformat(), "day_start": "08:30",
        "day_end": "17:30", "night": "on", "per_shift": 2,
        "staff": [w.people[k].pk for k in ("duty_1", "duty_2", "duty_3")],
        "leaders": [w.people["leader"].pk, w.people["leader_2"].pk]})
    assert response.status_code == 302
    assert DutyShift.objects.count() == 14


def test_logging_a_call_and_closing_it(staff, as_user):
    w = staff
    first, _second = current_and_next(w)
    client = as_user(w.users["office"])
    form = client.get(reverse("duty:log_create", args=[first.pk])).content.decode()
    assert "接报时间" in form
    response = client.post(reverse("duty:log_create", args=[first.pk]), {
        "received_at": _local(first.start + dt.timedelta(minutes=30)), "kind": "call",
        "source": "后关村李某", "source_phone": "13711112222", "content": "小饭馆液化气味道大"})
    assert response.status_code == 302
    entry = DutyLogEntry.objects.get()
    detail = client.get(reverse("duty:shift_detail", args=[first.pk])).content.decode()
    assert "后关村李某" in detail and "未办结" in detail
    client.post(reverse("duty:log_detail", args=[entry.pk]), {
        "received_at": _local(entry.received_at), "kind": "call", "source": "后关村李某",
        "content": "小饭馆液化气味道大", "handling": "派消防中心检查，关闭阀门",
        "notified": "派出所", "closed": "on"})
    entry.refresh_from_db()
    assert entry.closed and entry.notified == "派出所"


def test_the_handover_form_is_prefilled_with_the_open_entries(staff, as_user):
    w = staff
    first, second = current_and_next(w)
    client = as_user(w.users["office"])
    client.post(reverse("duty:log_create", args=[first.pk]), {
        "received_at": _local(first.start + dt.timedelta(minutes=5)), "kind": "event",
        "source": "县应急局", "content": "大风蓝色预警"})
    entry = DutyLogEntry.objects.get()
    page = client.get(reverse("duty:handover_create", args=[first.pk])).content.decode()
    assert "大风蓝色预警" in page and f'value="{entry.pk}"' in page
    response = client.post(reverse("duty:handover_create", args=[first.pk]), {
        "to_shift": second.pk, "handed_over_by": w.people["duty_1"].pk,
        "taken_over_by": w.people["duty_3"].pk, "handed_over_at": _local(first.end),
        "summary": "本班平稳", "open_matters": "大风预警待解除", "carried_entries": [entry.pk]})
    assert response.status_code == 302
    handover = DutyHandover.objects.get()
    assert list(handover.carried_entries.all()) == [entry]
    next_page = client.get(reverse("duty:shift_detail", args=[second.pk])).content.decode()
    assert "大风预警待解除" in next_page and "县应急局" in next_page


def test_the_log_list_filters_by_kind_state_date_and_text(staff, as_user, day):
    w = staff
    from anjian.duty import services

    shift = make_shift(w, at(day, 8), at(day, 20), ["duty_1"])
    office = w.users["office"]
    for hour, kind, source, closed in ((9, "call", "王某", False), (10, "event", "县应急局", True),
                                       (11, "instruction", "县委办", False)):
        services.log_entry_create(actor=office, shift=shift, data={
            "received_at": at(day, hour), "kind": kind, "source": source, "content": "内容",
            "handling": "已处理" if closed else "", "closed": closed})
    client = as_user(office)

    def sources(**params):
        page = client.get(reverse("duty:log_list"), params).content.decode()
        return {s for s in ("王某", "县应急局", "县委办") if s in page}

    assert sources() == {"王某", "县应急局", "县委办"}
    assert sources(kind="event") == {"县应急局"}
    assert sources(closed="false") == {"王某", "县委办"}
    assert sources(q="县委") == {"县委办"}
    assert sources(date_from=(day + dt.timedelta(days=1)).isoformat()) == set()
    assert sources(date_to=day.isoformat()) == {"王某", "县应急局", "县委办"}


def test_the_menu_offers_the_roster_and_the_log(staff, as_user):
    page = as_user(staff.users["office"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("duty:roster")}"' in page and f'href="{reverse("duty:log_list")}"' in page
    page = as_user(staff.users["village_a"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("duty:roster")}"' in page
    assert f'href="{reverse("duty:log_list")}"' not in page


def test_a_village_cadre_sees_who_is_on_a_shift_but_not_its_log(staff, as_user, day):
    w = staff
    from anjian.duty import services

    shift = make_shift(w, at(day, 8), at(day, 17), ["duty_1"])
    services.log_entry_create(actor=None, shift=shift, data={
        "received_at": at(day, 9), "kind": "call", "source": "秘密来电人", "content": "内容"})
    page = as_user(w.users["village_a"]).get(
        reverse("duty:shift_detail", args=[shift.pk])).content.decode()
    assert "刘值守" in page and 'href="tel:13900000001"' in page
    assert "秘密来电人" not in page and "值班记录" not in page
    page = as_user(w.users["leader"]).get(
        reverse("duty:shift_detail", args=[shift.pk])).content.decode()
    assert "秘密来电人" in page and "登记来电" not in page


def test_the_month_view_and_the_log_list_do_not_query_per_row(staff, as_user, day,
                                                              django_assert_max_num_queries):
    w = staff
    from anjian.duty import services

    services.shifts_generate(actor=None, region=w.town, first_day=day.replace(day=1),
                             last_day=day.replace(day=28), per_shift=2,
                             staff=[w.people[k] for k in ("duty_1", "duty_2", "duty_3")],
                             leaders=[w.people["leader"], w.people["leader_2"]])
    shift = DutyShift.objects.order_by("start").first()
    for minute in range(20):
        services.log_entry_create(actor=w.users["office"], shift=shift, data={
            "received_at": shift.start + dt.timedelta(minutes=minute), "kind": "call",
            "source": f"来电{minute}", "content": "内容"})
    client = as_user(w.users["office"])
    with django_assert_max_num_queries(25):
        client.get(reverse("duty:roster"), {"start": day.isoformat(), "span": "month"})
    with django_assert_max_num_queries(25):
        client.get(reverse("duty:log_list"))
