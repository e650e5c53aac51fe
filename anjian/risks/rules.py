"""Risk grading rules (风险分级, 双重预防机制, domain.md §5), in pure Python.

- LEC (作业条件危险性评价法, Graham–Kinney): D = L × E × C with the classic score tables of domain.md
  §5.2 ✅; D's five danger classes (危险程度) with the bounds public implementations use
  (D > 320, 160 < D ≤ 320, 70 < D ≤ 160, 20 < D ≤ 70, D ≤ 20) ⚠️.
- LS (风险矩阵): R = L × S, each factor 1–5 ⚠️.
- Four colours (四色, §5.1 ✅): 红 重大 / 橙 较大 / 黄 一般 / 蓝 低. No national mapping from D or R
  to a colour exists ❌, so `Bands` are configurable; the defaults are LEC variant A and LS
  variant 1 of domain.md (the most common ones).

Arithmetic is decimal: 0.2 × 1 × 100 must be exactly 20, on the boundary, not 20.000000000000004.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

RED, ORANGE, YELLOW, BLUE = "red", "orange", "yellow", "blue"
COLOURS = (RED, ORANGE, YELLOW, BLUE)  # highest first
RANK = {colour: len(COLOURS) - i for i, colour in enumerate(COLOURS)}  # red 4 … blue 1

LEC, LS = "lec", "ls"

D = Decimal
# Score tables of domain.md §5.2: value -> description.
L_SCORES = {D("10"): "完全可以预料", D("6"): "相当可能", D("3"): "可能，但不经常",
            D("1"): "可能性小，完全意外", D("0.5"): "很不可能，可以设想", D("0.2"): "极不可能",
            D("0.1"): "实际不可能"}
E_SCORES = {D("10"): "连续暴露", D("6"): "每天工作时间内暴露", D("3"): "每周一次或偶然暴露",
            D("2"): "每月一次暴露", D("1"): "每年几次暴露", D("0.5"): "非常罕见地暴露"}
C_SCORES = {D("100"): "大灾难，许多人死亡", D("40"): "灾难，数人死亡", D("15"): "非常严重，一人死亡",
            D("7"): "严重，重伤", D("3"): "重大，致残", D("1"): "引人注目，需要救护"}
# LS (domain.md §5.3, one public sample's descriptors).
LS_L_SCORES = {5: "极有可能（每年可能发生一次）", 4: "很可能（5年内）", 3: "可能（10年内）",
               2: "较不可能（10年以上）", 1: "基本不可能（50年以上）"}
LS_S_SCORES = {5: "一人死亡/影响特别重大", 4: "多人严重伤害/影响重大", 3: "一人严重伤害/影响较大",
               2: "一人受伤需急救或多人轻微伤害/影响一般", 1: "一人轻微伤害/影响很小"}

# D's danger classes (危险程度): (class, lower bound exclusive, wording).
LEC_CLASSES = (
    (1, D("320"), "极其危险，不能继续作业"),
    (2, D("160"), "高度危险，需立即整改"),
    (3, D("70"), "显著危险，需要整改"),
    (4, D("20"), "一般危险，需要注意"),
    (5, None, "稍有危险，可以接受"),
)


@dataclass(frozen=True)
class Bands:
    """Where the colours begin. LEC: red when D > lec_red, orange when D > lec_orange, yellow when
    D > lec_yellow, else blue. LS: red when R ≥ ls_red, orange when R ≥ ls_orange, yellow when
    R ≥ ls_yellow, else blue."""

    lec_red: Decimal = D("320")
    lec_orange: Decimal = D("160")
    lec_yellow: Decimal = D("70")
    ls_red: int = 20
    ls_orange: int = 9
    ls_yellow: int = 4

    def errors(self) -> dict[str, str]:
        """Bands that do not descend; {field: Chinese message}."""
        found = {}
        if not self.lec_red > self.lec_orange > self.lec_yellow > 0:
            found["lec_yellow"] = "LEC 分界值应满足 红 > 橙 > 黄 > 0"
        if not 25 >= self.ls_red > self.ls_orange > self.ls_yellow > 1:
            found["ls_yellow"] = "LS 分界值应满足 25 ≥ 红 > 橙 > 黄 > 1"
        return found

    def describe(self) -> str:
        return (f"LEC 红 D>{fmt(self.lec_red)} 橙 D>{fmt(self.lec_orange)} "
                f"黄 D>{fmt(self.lec_yellow)}；"
                f"LS 红 R≥{self.ls_red} 橙 R≥{self.ls_orange} 黄 R≥{self.ls_yellow}")


# Published variants (domain.md §5.2 and §5.3); the first of each is the default.
LEC_VARIANTS = {"A": (D("320"), D("160"), D("70")), "B": (D("160"), D("70"), D("20"))}
LS_VARIANTS = {"1": (20, 9, 4), "2": (20, 10, 4), "3": (20, 15, 9)}
DEFAULT_BANDS = Bands()


@dataclass(frozen=True)
class Result:
    method: str
    score: Decimal  # D or R
    colour: str
    lec_class: int | None = None  # 1–5 for LEC
    wording: str = ""


class FactorError(ValueError):
    """A factor outside its score table; `field` names it, the message is Chinese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def fmt(value) -> str:
    """A score as people write it: 270, 0.05, 20 (no exponent, no trailing zeros)."""
    if value is None:
        return "—"
    number = Decimal(str(value)).normalize()
    return format(number, "f")


def _decimal(field: str, value) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, TypeError):
        raise FactorError(field, "请填写数值") from None
    if not number.is_finite():
        raise FactorError(field, "请填写数值")
    return number.normalize()


def _pick(field: str, value, table: dict) -> Decimal:
    number = _decimal(field, value)
    for score in table:
        if score == number:
            return score
    allowed = "、".join(fmt(s) for s in table)
    raise FactorError(field, f"取值应为 {allowed} 之一")


def lec_class(d: Decimal) -> tuple[int, str]:
    for number, above, wording in LEC_CLASSES:
        if above is None or d > above:
            return number, wording
    raise AssertionError("unreachable")


def lec_colour(d: Decimal, bands: Bands = DEFAULT_BANDS) -> str:
    if d > bands.lec_red:
        return RED
    if d > bands.lec_orange:
        return ORANGE
    if d > bands.lec_yellow:
        return YELLOW
    return BLUE


def ls_colour(r: int, bands: Bands = DEFAULT_BANDS) -> str:
    if r >= bands.ls_red:
        return RED
    if r >= bands.ls_orange:
        return ORANGE
    if r >= bands.ls_yellow:
        return YELLOW
    return BLUE


def lec(likelihood, exposure, consequence, bands: Bands = DEFAULT_BANDS) -> Result:
    """D = L × E × C from values of the score tables (strings or numbers); FactorError otherwise."""
    l_ = _pick("factor_l", likelihood, L_SCORES)
    e = _pick("factor_e", exposure, E_SCORES)
    c = _pick("factor_c", consequence, C_SCORES)
    d = (l_ * e * c).normalize()
    number, wording = lec_class(d)
    return Result(LEC, d, lec_colour(d, bands), number, wording)


def ls(likelihood, severity, bands: Bands = DEFAULT_BANDS) -> Result:
    """R = L × S, each an integer 1–5; FactorError otherwise."""
    values = []
    for field, value in (("factor_l", likelihood), ("factor_s", severity)):
        number = _decimal(field, value)
        if number != number.to_integral_value() or not 1 <= number <= 5:
            raise FactorError(field, "取值应为 1 到 5 的整数")
        values.append(int(number))
    r = values[0] * values[1]
    return Result(LS, Decimal(r), ls_colour(r, bands))


def highest(colours) -> str | None:
    """The highest of some colours (red above orange above yellow above blue), or None."""
    present = [c for c in colours if c in RANK]
    return max(present, key=RANK.__getitem__) if present else None
