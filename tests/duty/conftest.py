import datetime as dt

import pytest

from anjian.testing.duty import duty_staff


@pytest.fixture
def staff(world):
    duty_staff(world)
    return world


@pytest.fixture
def day():
    """A fixed day in the past: shifts on it are neither current nor future."""
    return dt.date(2026, 3, 10)

