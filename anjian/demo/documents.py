"""The demo year of the documents ledger (being written in this change)."""

from anjian.demo.yearkit import YearKit


def build(kit: YearKit) -> None:
    """Nothing yet."""
