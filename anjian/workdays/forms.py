"""The schedule form of the safety office: one exception a line, `2027-01-01 休 元旦`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HOLIDAY_MARK, WORKDAY_MARK = "休", "班"
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as the office counts them in the text box
    text: str
    date: dt.date
    is_workday: bool
    name: str


def parse_lines(text: str) -> tuple[list[Line], list[tuple[int, str, str]]]:
    """Parse the text box: returns the good lines and (line number, line, Chinese message) for the
    bad ones. Blank lines and lines starting with # are skipped. Only the format is checked here;
    the service checks the dates against the year and the weekdays."""
    good: list[Line] = []
    bad: list[tuple[int, str, str]] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(maxsplit=2)  # str.split also splits on the full-width space
        if len(parts) < 2:
            bad.append((number, line, _("格式应为“日期 休/班 名称”，例如：2027-01-01 休 元旦")))
            continue
        match = _DATE.match(parts[0])
        day = None
        if match:
            try:
                day = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                day = None
        if day is None:
            bad.append((number, line, _("“%(v)s”不是有效的日期，应写成2027-01-01这样的年-月-日")
                        % {"v": parts[0]}))
            continue
        mark = parts[1]
        if mark not in (HOLIDAY_MARK, WORKDAY_MARK):
            bad.append((number, line, _("第二项应为“休”（放假）或“班”（调休上班），而不是“%(v)s”")
                        % {"v": mark}))
            continue
        name = parts[2].strip() if len(parts) > 2 else ""
        good.append(Line(number, line, day, mark == WORKDAY_MARK, name))
    return good, bad


class ScheduleForm(forms.Form):
    lines = forms.CharField(
        label=gettext_lazy("放假和调休上班安排"), required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "form-control font-monospace",
                                     "spellcheck": "false", "autocomplete": "off"}),
        help_text=gettext_lazy("每行一天：日期、“休”或“班”、名称，用空格隔开。只填周一至周五的放假日"
                               "和周六、周日的调休上班日，普通周末不用填。"),
    )
    official = forms.BooleanField(
        label=gettext_lazy("这是国务院办公厅公布的正式安排"), required=False, initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    source = forms.CharField(
        label=gettext_lazy("依据"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control",
                                      "placeholder": gettext_lazy("例如：国办发明电〔2026〕x号")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed: list[Line] = []
        # (line number, line text, message), shown above the text box in line order
        self.line_errors: list[tuple[int | None, str, str]] = []

    def clean_lines(self) -> str:
        text = self.cleaned_data.get("lines", "")
        self.parsed, bad = parse_lines(text)
        self.line_errors.extend(bad)
        if bad:
            raise ValidationError(_("有%(n)d行填写有误，请按提示修改") % {"n": len(bad)})
        return text

    def days(self) -> list[tuple[dt.date, bool, str]]:
        return [(line.date, line.is_workday, line.name) for line in self.parsed]

    def add_service_errors(self, exc: ValidationError) -> None:
        """Point the service's messages at the lines whose date they name (`params["date"]`)."""
        lines_of: dict[str, list[Line]] = {}
        for line in self.parsed:
            lines_of.setdefault(line.date.isoformat(), []).append(line)
        found: list[tuple[int | None, str, str]] = []
        for error in exc.error_list:
            params = error.params or {}
            message = str(error.message % params if params else error.message)
            if error.code == "source_too_long":
                self.add_error("source", message)
                continue
            matches = lines_of.get(params.get("date"), [])
            if error.code == "duplicate":
                matches = matches[1:]  # the first occurrence is fine, the repeats are not
            found.extend((line.number, line.text, message) for line in matches)
            if not matches:
                found.append((None, "", message))
        found = list(dict.fromkeys(found))  # a date written three times: one message a line
        self.line_errors.extend(found)
        self.line_errors.sort(key=lambda e: (e[0] is not None, e[0] or 0))  # stable: line order
        if found:
            self.add_error("lines", _("填写有误，请按提示修改"))
