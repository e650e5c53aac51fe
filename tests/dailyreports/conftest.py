import datetime as dt

import pytest
from django.utils import timezone

from anjian.testing.dailyreports import reporters


@pytest.fixture
def reps(world):
    return reporters(world)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def yesterday(today):
    return today - dt.timedelta(days=1)
