"""Excel exports of the roster and the log, read back with openpyxl."""

import io

import openpyxl
from django.urls import reverse

from anjian.duty import services
from anjian.testing.duty import at, make_shift


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_the_roster_export_lists_the_filtered_shifts_with_phones(staff, client, day):
    w = staff
    make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1", "duty_2"])
    client.force_login(w.users["leader"])
    sheet = _sheet(client.get(reverse("duty:roster_export"),
                              {"town": w.town.pk, "date_from": day.isoformat(),
                               "date_to": day.isoformat()}))
    assert sheet["A1"].value == "值班表" and sheet["D2"].value == "带班领导"
    assert sheet["A3"].value == "西张村镇" and sheet["B3"].value.hour == 8
    assert sheet["D3"].value == "燕生（13900000008）"
    assert sheet["E3"].value == "刘值守（13900000001）、陈守夜（13900000002）"
    assert sheet.max_row == 3


def test_the_log_export_follows_the_list_filters(staff, client, day):
    w = staff
    shift = make_shift(w, at(day, 8), at(day, 20), ["duty_1"])
    for hour, kind, source in ((9, "call", "=王某"), (10, "event", "县应急局")):
        services.log_entry_create(actor=w.users["office"], shift=shift, data={
            "received_at": at(day, hour), "kind": kind, "source": source, "content": "内容"})
    client.force_login(w.users["office"])
    sheet = _sheet(client.get(reverse("duty:log_export"), {"kind": "call"}))
    assert sheet.max_row == 3
    assert sheet["D3"].value == "来电" and sheet["E3"].value == "=王某"  # text, not a formula
    assert sheet["J3"].value == "否" and sheet["L3"].value == "应急办"
