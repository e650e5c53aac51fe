"""The whole closed loop through the services: report → assign → acknowledge → submit → accept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.hazards import services as hs
from anjian.hazards.models import HazardEvent
from anjian.testing.hazards import MAJOR_DOSSIER, assign_data, report, staged

pytestmark = pytest.mark.django_db


def test_an_ordinary_hazard_goes_from_report_to_close_out(world):
    u = world.users
    hazard = report(u["grid_a"], world.units["shop_a"])
    assert hazard.state == "reported" and hazard.number.startswith("YH")
    hazard = hs.hazard_assign(actor=u["office"], hazard=hazard, data=assign_data())
    assert hazard.state == "assigned" and hazard.slip_number
    hazard = hs.hazard_acknowledge(actor=u["enterprise_a"], hazard=hazard)
    hazard = hs.rectification_submit(actor=u["enterprise_a"], hazard=hazard,
                                     data={"rectification_note": "已清理", "funds_spent": "300"},
                                     photos=[staged("after", (10, 200, 10))])
    assert hazard.state == "awaiting_acceptance"
    hazard = hs.rectification_accept(actor=u["office"], hazard=hazard,
                                     data={"acceptance_opinion": "整改到位，同意销号"})
    assert hazard.state == "closed" and hazard.closed_at
    actions = list(HazardEvent.objects.filter(hazard=hazard).values_list("action", flat=True))
    assert actions == ["report", "assign", "acknowledge", "submit", "accept"]


def test_assignment_without_five_assurances_is_refused_and_changes_nothing(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    with pytest.raises(ValidationError) as caught:
        hs.hazard_assign(actor=world.users["office"], hazard=hazard,
                         data=assign_data(funds="", contingency_plan=""))
    assert set(caught.value.message_dict) == {"funds", "contingency_plan"}
    hazard.refresh_from_db()
    assert hazard.state == "reported" and hazard.version == 1


def test_a_major_hazard_needs_its_dossier_and_is_listed(world):
    hazard = report(world.users["office"], world.units["shop_a"], level="major")
    with pytest.raises(ValidationError):
        hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard,
                              data=assign_data(**MAJOR_DOSSIER))
    assert hazard.listed_on and hazard.supervision_authority


def test_a_village_cadre_of_another_village_cannot_assign(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    with pytest.raises(PermissionDenied):
        hs.hazard_assign(actor=world.users["village_b"], hazard=hazard, data=assign_data())


def test_a_stale_version_is_a_conflict(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data(),
                     expected_version=1)
    with pytest.raises(hs.HazardConflict):
        hs.hazard_cancel(actor=world.users["office"], hazard=hazard,
                         data={"cancel_reason": "duplicate"}, expected_version=1)
