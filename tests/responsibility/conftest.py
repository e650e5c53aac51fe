import pytest

from anjian.units.services import unit_create


@pytest.fixture
def factory(world):
    """An enterprise in village A (expected to sign an agreement) on top of the world's units."""
    world.units["factory_a"] = unit_create(actor=None, data={
        "name": "张一机械厂", "category": "enterprise", "subcategory": "machinery",
        "region": world.grid_a, "principal": "刘厂长", "linked_leader": world.people["leader"]})
    return world.units["factory_a"]
