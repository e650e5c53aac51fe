"""Date pickers keep their value in Chinese: the zh-hans locale's first input format is 2026/01/02,
which an `<input type="date">` rejects (it would show blank)."""

import datetime as dt

from django.utils import translation

from anjian.core.forms import DateInput, DateTimeInput


def test_date_pickers_render_iso_values_in_chinese():
    with translation.override("zh-hans"):
        date_html = DateInput().render("d", dt.date(2026, 1, 2))
        time_html = DateTimeInput().render("t", dt.datetime(2026, 1, 2, 8, 30))
    assert 'type="date"' in date_html and 'value="2026-01-02"' in date_html
    assert 'type="datetime-local"' in time_html and 'value="2026-01-02T08:30"' in time_html


def test_a_form_with_today_as_initial_shows_it(world):
    from anjian.assessment.forms import ActionForm

    today = dt.date(2026, 11, 24)
    with translation.override("zh-hans"):
        form = ActionForm(user=world.users["office"], initial={"date": today})
        html = str(form["date"])
    assert 'value="2026-11-24"' in html
