"""Who sees which reports: a village its own, an agency its own organisation's, the office and
leaders all of their town, nobody outside the town or without the role."""

import pytest

from anjian.core.scope import CHANGE, VIEW
from anjian.dailyreports.models import DailyReport
from anjian.testing.dailyreports import file

VISIBLE = {
    "office": {"village_a", "village_b", "police", "school"},
    "leader": {"village_a", "village_b", "police", "school"},
    "village_a": {"village_a"},
    "village_b": {"village_b"},
    "agency": {"police"},
    "school_agency": {"school"},
    "grid_a": set(), "enterprise_a": set(), "expert": set(), "sysadmin": set(),
    "auditor": set(), "nobody": set(), "office_b": set(),
}
CHANGEABLE = {**VISIBLE, "leader": set()}


@pytest.fixture
def reports(world, reps, yesterday):
    return {name: file(world.users["office"], reporter, yesterday) for name, reporter in
            reps.items()}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_scope_of_each_persona(world, reports, persona):
    user = world.users[persona]
    by_pk = {r.pk: name for name, r in reports.items()}
    seen = {by_pk[pk] for pk in DailyReport.objects.for_user(user, VIEW).values_list("pk", flat=True)}
    assert seen == VISIBLE[persona]
    changeable = {by_pk[pk] for pk in DailyReport.objects.for_user(user, CHANGE)
                  .values_list("pk", flat=True)}
    assert changeable == CHANGEABLE[persona]


def test_an_agencys_own_organisation_grant_reaches_only_its_organisations_objects(world):
    """The own-organisation grant carries organisation ids, never unit ids, and only the labels
    registered as reached through the organisation."""
    from anjian.accounts.roles import own_organisation_grants

    [grant] = own_organisation_grants(world.users["agency"])
    assert grant.organisation_ids == {world.police.pk}
    assert grant.unit_ids == frozenset() and grant.region_path is None
    assert "dailyreports.dailyreport" in grant.permissions
    assert not grant.allows("units.unit", VIEW)
    assert own_organisation_grants(world.users["village_a"]) == []
