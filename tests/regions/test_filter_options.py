"""The region and grid dropdowns of every list: only the user's regions, the current one selected,
kept with the user's grants between requests and read again when a region changes."""

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from anjian.accounts.models import User
from anjian.hazards.filtersets import HazardFilterSet
from anjian.hazards.models import Hazard
from anjian.regions.services import region_update


def options(user: User, **data) -> tuple[str, int]:
    """The region dropdown's HTML for a user as a new request loads it, and its queries."""
    fresh = User.objects.get(pk=user.pk)
    fresh.scope_grants  # noqa: B018 - read before counting, as the request's other parts do
    query = QueryDict(mutable=True)
    query.update(data)
    with CaptureQueriesContext(connection) as queries:
        html = HazardFilterSet(query, queryset=Hazard.objects.all(), user=fresh).options_html(
            "region")
    return html, len(queries)


def test_region_options_are_the_users_and_kept_until_a_region_changes(world):
    office, village = world.users["office"], world.users["village_a"]
    html, _queries = options(office, region=str(world.village_b.pk))
    assert world.village_a.name in html and world.village_b.name in html
    assert f'<option value="{world.village_b.pk}" selected>' in html
    mine, _queries = options(village)
    assert world.village_a.name in mine and world.village_b.name not in mine
    again, queries = options(office)
    assert queries == 0 and world.village_b.name in again and " selected" not in again
    region_update(actor=office, region=world.village_b, data={"name": "后关村<改名>"})
    renamed, queries = options(office)
    assert queries >= 1 and "后关村&lt;改名&gt;" in renamed and ">后关村</option>" not in renamed


def test_no_options_without_a_region_in_scope(world):
    html, queries = options(world.users["enterprise_a"])
    assert html == "" and queries == 0
