import pytest

from anjian.testing.risks import add_chemicals


@pytest.fixture
def rworld(world):
    add_chemicals(world)
    return world
