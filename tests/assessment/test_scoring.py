import pytest

from anjian.assessment import scoring


@pytest.mark.parametrize(("rate", "weight", "target", "points"), [
    (1.0, 30, 1.0, 30), (0.5, 30, 1.0, 15), (0.0, 30, 1.0, 0), (0.9, 20, 0.9, 20),
    (0.45, 20, 0.9, 10), (1.2, 10, 1.0, 10), (None, 25, 1.0, 25), (-0.1, 10, 1.0, 0),
])
def test_rate_points(rate, weight, target, points):
    assert scoring.rate_points(rate, weight, target) == points


@pytest.mark.parametrize(("count", "weight", "per", "points"), [
    (0, 20, 5, 20), (1, 20, 5, 15), (4, 20, 5, 0), (9, 20, 5, 0), (3, 10, 2.5, 2.5),
])
def test_penalty_points(count, weight, per, points):
    assert scoring.penalty_points(count, weight, per) == points


@pytest.mark.parametrize(("totals", "ranks"), [
    ([90, 80, 70], [1, 2, 3]), ([80, 90, 80, 70], [2, 1, 2, 4]), ([50, 50], [1, 1]), ([], []),
])
def test_rank_ties_share(totals, ranks):
    assert scoring.rank(totals) == ranks


def test_default_weights_sum_to_100():
    from anjian.assessment.services import DEFAULT_INDICATORS

    assert sum(w for _, w, _ in DEFAULT_INDICATORS) == 100
