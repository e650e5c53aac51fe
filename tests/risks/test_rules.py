"""LEC and LS grading (domain.md §5): the score tables, the class and colour bounds, monotony."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anjian.risks import rules
from anjian.risks.rules import BLUE, ORANGE, RED, YELLOW, Bands, FactorError


@pytest.mark.parametrize(("l_", "e", "c", "d"), [
    ("10", "2", "1", "20"), ("0.2", "1", "100", "20"), ("10", "1", "7", "70"),
    ("3", "6", "15", "270"), ("0.1", "0.5", "1", "0.05"), ("10", "10", "100", "10000"),
])
def test_d_is_the_exact_product(l_, e, c, d):
    assert rules.lec(l_, e, c).score == Decimal(d)


@pytest.mark.parametrize(("d", "klass"), [
    ("20", 5), ("20.001", 4), ("70", 4), ("70.5", 3), ("160", 3), ("160.5", 2),
    ("320", 2), ("320.5", 1), ("0.05", 5),
])
def test_danger_class_bounds(d, klass):
    assert rules.lec_class(Decimal(d))[0] == klass


@pytest.mark.parametrize(("l_", "e", "c", "klass", "colour"), [
    ("10", "2", "1", 5, BLUE),      # D = 20: still 稍有危险
    ("0.2", "1", "100", 5, BLUE),   # D = 20 by decimals, not 20.000000000000004
    ("3", "1", "7", 4, BLUE),       # D = 21
    ("10", "1", "7", 4, BLUE),      # D = 70: 一般危险; variant A still blue
    ("3", "3", "15", 3, YELLOW),    # D = 135 > 70
    ("6", "6", "3", 3, YELLOW),     # D = 108
    ("10", "6", "3", 2, ORANGE),    # D = 180 > 160
    ("3", "6", "15", 2, ORANGE),    # D = 270
    ("10", "10", "3", 2, ORANGE),   # D = 300 ≤ 320
    ("6", "6", "15", 1, RED),       # D = 540 > 320
])
def test_lec_class_and_default_colour(l_, e, c, klass, colour):
    result = rules.lec(l_, e, c)
    assert (result.lec_class, result.colour) == (klass, colour)


@pytest.mark.parametrize(("d", "colour"), [
    ("20", BLUE), ("21", YELLOW), ("70", YELLOW), ("72", ORANGE), ("160", ORANGE), ("180", RED),
])
def test_lec_variant_b(d, colour):
    red, orange, yellow = rules.LEC_VARIANTS["B"]
    bands = Bands(lec_red=red, lec_orange=orange, lec_yellow=yellow)
    assert rules.lec_colour(Decimal(d), bands) == colour


@pytest.mark.parametrize(("r", "colour", "variant"), [
    (3, BLUE, "1"), (4, YELLOW, "1"), (8, YELLOW, "1"), (9, ORANGE, "1"), (16, ORANGE, "1"),
    (20, RED, "1"), (25, RED, "1"), (9, YELLOW, "2"), (10, ORANGE, "2"), (8, BLUE, "3"),
    (12, YELLOW, "3"), (15, ORANGE, "3"),
])
def test_ls_bands(r, colour, variant):
    red, orange, yellow = rules.LS_VARIANTS[variant]
    bands = Bands(ls_red=red, ls_orange=orange, ls_yellow=yellow)
    assert rules.ls_colour(r, bands) == colour


def test_ls_default_is_variant_1():
    assert rules.ls(3, 3).colour == ORANGE
    assert rules.ls(4, 5).score == 20 and rules.ls(4, 5).colour == RED


@pytest.mark.parametrize(("args", "field"), [
    (("4", "6", "15"), "factor_l"), (("3", "5", "15"), "factor_e"), (("3", "6", "10"), "factor_c"),
    (("x", "6", "15"), "factor_l"), ((None, "6", "15"), "factor_l"),
])
def test_values_off_the_tables_are_refused(args, field):
    with pytest.raises(FactorError) as exc:
        rules.lec(*args)
    assert exc.value.field == field and str(exc.value)


@pytest.mark.parametrize(("l_", "s"), [(0, 3), (6, 3), (2.5, 3), (3, "")])
def test_ls_factors_are_integers_one_to_five(l_, s):
    with pytest.raises(FactorError):
        rules.ls(l_, s)


def test_bands_must_descend():
    assert Bands().errors() == {}
    assert "lec_yellow" in Bands(lec_red=Decimal(100), lec_orange=Decimal(160)).errors()
    assert "ls_yellow" in Bands(ls_orange=25).errors()


def test_highest():
    assert rules.highest([BLUE, ORANGE, YELLOW]) == ORANGE
    assert rules.highest([]) is None


L, E, C = sorted(rules.L_SCORES), sorted(rules.E_SCORES), sorted(rules.C_SCORES)


@given(st.integers(0, len(L) - 2), st.sampled_from(E), st.sampled_from(C))
def test_lec_is_monotone_in_l(i, e, c):
    low, high = rules.lec(L[i], e, c), rules.lec(L[i + 1], e, c)
    assert high.score > low.score
    assert rules.RANK[high.colour] >= rules.RANK[low.colour]
    assert high.lec_class <= low.lec_class


@given(st.sampled_from(L), st.integers(0, len(E) - 2), st.sampled_from(C))
def test_lec_is_monotone_in_e(l_, i, c):
    low, high = rules.lec(l_, E[i], c), rules.lec(l_, E[i + 1], c)
    assert rules.RANK[high.colour] >= rules.RANK[low.colour]


@given(st.sampled_from(L), st.sampled_from(E), st.integers(0, len(C) - 2))
def test_lec_is_monotone_in_c(l_, e, i):
    low, high = rules.lec(l_, e, C[i]), rules.lec(l_, e, C[i + 1])
    assert rules.RANK[high.colour] >= rules.RANK[low.colour]


@given(st.integers(1, 4), st.integers(1, 5))
def test_ls_is_monotone(a, b):
    assert rules.RANK[rules.ls(a + 1, b).colour] >= rules.RANK[rules.ls(a, b).colour]
    assert rules.RANK[rules.ls(b, a + 1).colour] >= rules.RANK[rules.ls(b, a).colour]
