"""A hazard that recurs after close-out is a new hazard linked to the old one, never a reopened
record."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.hazards import services as hs
from anjian.testing.hazards import jpeg_bytes, report, report_data, staged

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    return hs.hazard_fix_on_spot(actor=world.users["grid_a"], hazard=hazard,
                                 data={"rectification_note": "当场清理"},
                                 photos=[staged("after", (0, 200, 0))])


def test_a_recurrence_is_reported_from_the_closed_hazards_page(world, client, closed):
    client.force_login(world.users["grid_a"])
    page = client.get(f"/hazards/{closed.pk}/").content.decode()
    assert f"/hazards/report/?previous={closed.pk}" in page
    form = client.get(f"/hazards/report/?previous={closed.pk}").content.decode()
    assert closed.number in form and 'name="previous"' in form
    client.post("/hazards/report/", {
        "previous": closed.pk, "unit": world.units["shop_a"].pk, "description": "安全出口再次被堵",
        "category": "fire", "cause_class": "act", "level": "ordinary", "source": "grid_patrol",
        "photos": [SimpleUploadedFile("p.jpg", jpeg_bytes(), "image/jpeg")]})
    new = closed.recurrences.get()
    assert new.state == "reported" and new.pk != closed.pk
    closed.refresh_from_db()
    assert closed.state == "closed"  # never reopened


def test_only_a_closed_hazard_of_the_same_unit_can_be_the_origin(world, closed):
    with pytest.raises(ValidationError):
        hs.hazard_report(actor=world.users["office"], unit=world.units["school_a"],
                         data=report_data(), photos=[staged()], previous=closed)
    open_one = report(world.users["grid_a"], world.units["shop_a"])
    with pytest.raises(ValidationError):
        hs.hazard_report(actor=world.users["office"], unit=world.units["shop_a"],
                         data=report_data(), photos=[staged()], previous=open_one)

