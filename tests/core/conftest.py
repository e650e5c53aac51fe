import pytest

from anjian.core.models import JournalEntry
from anjian.regions.choices import OrganisationKind, RegionKind
from anjian.regions.services import organisation_create, region_create, region_update
from anjian.units.services import unit_create, unit_update


@pytest.fixture
def journal_writes(db):
    """Journal entries from several services (regions, organisations, units): creates and updates,
    with Chinese text, JSON changes and a decimal coordinate. Returns the entries in chain order."""
    county = region_create(actor=None, parent=None, name="陕州区", code="411203", kind=RegionKind.DISTRICT)
    town = region_create(actor=None, parent=county, name="西张村镇", code="411203102", kind=RegionKind.TOWN)
    village = region_create(actor=None, parent=town, name="张一村", code="411203102201",
                            kind=RegionKind.VILLAGE)
    region_update(actor=None, region=village, data={"notes": "沿河“三小”场所较多", "latitude": "34.7123456"})
    organisation_create(actor=None, region=town, name="西张村镇派出所", kind=OrganisationKind.POLICE_STATION)
    shop = unit_create(actor=None, data={"name": "张一便民超市", "category": "small_venue",
                                         "subcategory": "small_shop", "region": village})
    unit_update(actor=None, unit=shop, data={"name": "张一便民超市（新）"})
    entries = list(JournalEntry.objects.order_by("id"))
    assert len(entries) >= 7
    return entries
