"""Pure functions turning measures into points (得分)."""

from __future__ import annotations


def rate_points(rate: float | None, weight: float, target: float) -> float:
    """Linear: `target` rate or better earns the full weight, 0 earns nothing; no data earns the
    full weight (nothing was due)."""
    if rate is None:
        return float(weight)
    if target <= 0:
        return float(weight)
    return round(weight * min(max(rate, 0.0) / target, 1.0), 2)


def penalty_points(count: int, weight: float, per_item: float) -> float:
    """The weight less `per_item` for each counted item, floored at 0."""
    return round(max(weight - per_item * max(count, 0), 0.0), 2)


def rank(totals: list[float]) -> list[int]:
    """Competition ranks (1, 2, 2, 4) for totals, highest first; ties share a rank."""
    ordered = sorted(totals, reverse=True)
    return [ordered.index(t) + 1 for t in totals]
