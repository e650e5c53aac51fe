"""Cell converters: each takes a raw calamine value (str, float, int, bool, date, datetime, time)
and returns a typed value or raises `CellError` with a Chinese message. They accept what clerks type:
full-width digits, thousands separators, units ("12人", "300㎡"), √/是/Y for flags, 无 or / for
"none", dates as text in several formats or as Excel serial numbers."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user as is."""


# Written where a value is absent: 无 / — / 暂无 …  (compared after NFKC and lower-casing)
MISSING_WORDS = frozenset({
    "", "无", "/", "//", "\\", "-", "--", "---", "—", "——", "–", "一", "暂无", "没有", "空", "未办理",
    "未办", "无证", "未登记", "不详", "null", "none", "n/a", "na", "nil", "#n/a",
})
TRUE_WORDS = frozenset({"√", "✓", "✔", "☑", "是", "是的", "对", "有", "y", "yes", "t", "true", "1", "1.0"})
FALSE_WORDS = frozenset({
    "×", "✗", "✘", "☒", "否", "不是", "非", "n", "no", "f", "false", "0", "0.0", "x",
}) | MISSING_WORDS
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\ufeff\u00ad]")
_SPACES_RE = re.compile(r"\s+")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def nfkc(value: str) -> str:
    """Full-width letters, digits and punctuation to their ASCII forms; invisible marks removed."""
    if value.isascii():
        return value
    if _INVISIBLE_RE.search(value):
        value = value.translate(_INVISIBLE)
    if unicodedata.is_normalized("NFKC", value):
        return value
    return unicodedata.normalize("NFKC", value)


def squash(value: str) -> str:
    """A key for comparing names typed in different ways: NFKC, no spaces, lower case."""
    return _SPACES_RE.sub("", nfkc(value)).lower()


def _number_text(value: float) -> str:
    if abs(value) < 1e16 and value == int(value):  # infinity and NaN fail the first test
        return str(int(value))
    return repr(value)


def to_text(value) -> str:
    """Any cell as text: numbers without a spurious '.0', dates as YYYY-MM-DD, spaces trimmed
    (also the full-width U+3000)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def is_missing(text: str) -> bool:
    """无, /, —, 暂无 … (written for "none"); text longer than any such word is never missing."""
    if len(text) > 8:
        return False
    if text in MISSING_WORDS:
        return True
    if text.isalnum():  # a name such as 王强, or NULL / None
        return text.lower() in MISSING_WORDS
    return squash(text) in MISSING_WORDS


def to_code(value) -> str:
    """A credit code cell: 无 / — / 暂无 mean none; spaces are dropped, letters upper-cased."""
    text = to_text(value)
    if is_missing(text):
        return ""
    if text.isascii() and text.isalnum():
        return text.upper()
    return _SPACES_RE.sub("", nfkc(text)).upper()


def to_phones(value) -> str:
    """A phone cell, possibly with several numbers; a landline typed as a number lost its leading 0."""
    if value.__class__ is str:
        text = value.strip()
        return "" if is_missing(text) else text
    if isinstance(value, float | int) and not isinstance(value, bool):
        digits = _number_text(float(value))
        if digits.isdigit() and not digits.startswith("1") and 9 <= len(digits) <= 11:
            digits = "0" + digits
        return digits
    text = to_text(value)
    return "" if is_missing(text) else text


_INT_RE = re.compile(r"^(?:约|共|大约|计)?(\d+(?:\.\d+)?)(?:人|名|个|位|余人|多人|余|多|家|间)?$")


def to_int(value) -> int | None:
    if isinstance(value, bool):
        raise CellError(_("应为整数，不能是“%(v)s”") % {"v": to_text(value)})
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != int(value):
            raise CellError(_("应为整数，不能是%(v)s") % {"v": value})
        return int(value)
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise CellError(_("应为整数，不能是日期或时间"))
    text = to_text(value)
    if is_missing(text):
        return None
    compact = _SPACES_RE.sub("", nfkc(text)).replace(",", "").replace("，", "")
    match = _INT_RE.match(compact)
    if not match:
        raise CellError(_("应为整数，无法识别“%(v)s”") % {"v": text})
    number = Decimal(match.group(1))
    if number != number.to_integral_value():
        raise CellError(_("应为整数，不能是%(v)s") % {"v": text})
    return int(number)


_UNIT_SUFFIX_RE = re.compile(r"(平方米|平米|㎡|m2|m²|米|度|°)$")
_DMS_RE = re.compile(r"^(\d+(?:\.\d+)?)[°度](?:(\d+(?:\.\d+)?)['′分])?(?:(\d+(?:\.\d+)?)(?:\"|″|''|′′|秒))?$")


def to_decimal(value, places: int, max_digits: int) -> Decimal | None:
    """A decimal cell rounded to `places`; accepts "1,200.5", "300㎡" and 112°30′15″ (degrees)."""
    if isinstance(value, bool) or isinstance(value, dt.date | dt.time | dt.timedelta):
        raise CellError(_("应为数字，无法识别“%(v)s”") % {"v": to_text(value)})
    if value.__class__ is float:
        return _float_decimal(value, places, max_digits)
    if isinstance(value, int | float):
        number = Decimal(value)
    else:
        text = to_text(value)
        if is_missing(text):
            return None
        compact = _SPACES_RE.sub("", nfkc(text)).replace(",", "").replace("，", "")
        dms = _DMS_RE.match(compact)
        try:
            if dms and (dms.group(2) or dms.group(3)):
                d, m, s = (Decimal(g or 0) for g in dms.groups())
                number = d + m / 60 + s / 3600
            else:
                number = Decimal(_UNIT_SUFFIX_RE.sub("", compact))
        except InvalidOperation:
            raise CellError(_("应为数字，无法识别“%(v)s”") % {"v": text}) from None
    if not number.is_finite():
        raise CellError(_("应为数字，无法识别“%(v)s”") % {"v": to_text(value)})
    if number.as_tuple().exponent != -places:
        number = number.quantize(_STEPS[places], rounding=ROUND_HALF_UP)
    if abs(number) >= _LIMITS[max_digits - places]:
        raise CellError(_("数值过大：%(v)s") % {"v": to_text(value)})
    return number


def _float_decimal(value: float, places: int, max_digits: int) -> Decimal:
    """A float cell (what Excel stores) as the Decimal it shows: its shortest repr, rounded."""
    if not math.isfinite(value) or abs(value) >= 10 ** (max_digits - places):
        raise CellError(_("数值过大：%(v)s") % {"v": to_text(value)})
    text = repr(value)
    decimals = len(text) - text.find(".") - 1
    if "e" in text or decimals > places:
        number = Decimal(text).quantize(_STEPS[places], rounding=ROUND_HALF_UP)
        if abs(number) >= _LIMITS[max_digits - places]:
            raise CellError(_("数值过大：%(v)s") % {"v": to_text(value)})
        return number
    return Decimal(text + "0" * (places - decimals))  # repr always has a "." for a finite float


_STEPS = {p: Decimal(1).scaleb(-p) for p in range(10)}
_LIMITS = {d: Decimal(10) ** d for d in range(20)}


def decimal_reader(places: int, max_digits: int) -> Callable:
    """`to_decimal` for one column: the common float cell that needs no rounding takes a short
    path (three decimal columns of a 100,000-row ledger are 300,000 calls); the result is the same."""
    limit = 10 ** (max_digits - places)
    pads = ["0" * n for n in range(places + 1)]

    def read(value):
        if value.__class__ is float and -limit < value < limit:  # finite and in range
            text = repr(value)
            decimals = len(text) - text.find(".") - 1
            if decimals <= places and "e" not in text:
                return Decimal(text + pads[places - decimals])
        return to_decimal(value, places, max_digits)

    return read


def to_flag(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise CellError(_("应填“是”或“否”（也可填√、Y/N），不能是%(v)s") % {"v": to_text(value)})
    text = squash(to_text(value))
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("应填“是”或“否”（也可填√、Y/N），无法识别“%(v)s”") % {"v": to_text(value)})


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def excel_serial_date(serial: float) -> dt.date:
    if not 1 <= serial < 2958466:
        raise CellError(_("日期超出范围：%(v)s") % {"v": _number_text(serial)})
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def to_date(value) -> dt.date | None:
    """A date typed as a date, an Excel serial number or text (2023-2-14, 2023/02/14,
    2023.2.14, 2023年2月14日, 20230214). calamine gives a date for a cell at 00:00, else a datetime."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError(_("日期格式无法识别：“%(v)s”") % {"v": to_text(value)})
    if isinstance(value, int | float):
        return excel_serial_date(float(value))
    text = to_text(value)
    if is_missing(text):
        return None
    compact = nfkc(text).strip()
    compact = re.sub(r"\s*([年月日号/.-])\s*", r"\1", compact)
    if re.fullmatch(r"\d{5}(\.\d+)?", compact):
        return excel_serial_date(float(compact))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(compact)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                break
    raise CellError(_("日期格式无法识别：“%(v)s”（可填2023-02-14、2023/2/14、2023年2月14日或20230214）")
                    % {"v": text})
