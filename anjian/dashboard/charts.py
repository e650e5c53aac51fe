"""ECharts options for the dashboard, built from the selectors' figures (data only: the page's
script adds the click-through to `urls`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

LEVEL_COLOURS = {"ordinary": "#f0ad4e", "major": "#d9534f"}


def open_chart(matrix) -> dict:
    states = [label for _state, label in matrix.states]
    series, urls = [], []
    for level, label in matrix.levels:
        cells = [matrix.cells[(level, state)] for state, _name in matrix.states]
        series.append({"name": label, "type": "bar", "stack": "open",
                       "itemStyle": {"color": LEVEL_COLOURS.get(level)},
                       "data": [c.count for c in cells]})
        urls.append([c.url for c in cells])
    return {"option": {"tooltip": {"trigger": "axis"}, "legend": {"top": 0},
                       "grid": {"left": 40, "right": 10, "bottom": 30, "top": 40},
                       "xAxis": {"type": "category", "data": states},
                       "yAxis": {"type": "value", "minInterval": 1}, "series": series},
            "urls": urls}


def weekly_chart(weeks) -> dict:
    labels = [f"{w.start:%m-%d}" for w in weeks]
    return {"option": {
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 40, "right": 10, "bottom": 30, "top": 40},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": _("发现"), "type": "bar", "data": [w.found for w in weeks],
                    "itemStyle": {"color": "#0d6efd"}},
                   {"name": _("销号"), "type": "line", "data": [w.rectified for w in weeks],
                    "itemStyle": {"color": "#198754"}}]},
        "urls": [[w.url for w in weeks], [w.url for w in weeks]]}


def coverage_chart(rows) -> dict:
    names = [row.region.name if not row.own else _("（本级）") for row, _url in rows]
    return {"option": {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 90, "right": 30, "bottom": 20, "top": 10},
        "xAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [{"name": _("覆盖率"), "type": "bar", "itemStyle": {"color": "#20c997"},
                    "label": {"show": True, "position": "right", "formatter": "{c}%"},
                    "data": [row.share if row.share is not None else 0 for row, _u in rows]}]},
        "urls": [[url for _row, url in rows]], "height": max(160, 26 * len(rows) + 40)}
