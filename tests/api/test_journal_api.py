"""The whole journal (/api/journal/) is for the audit administrator only, and read-only."""

import pytest

from anjian.core.models import JournalEntry
from tests.api.conftest import assert_chinese


def test_auditor_reads_the_whole_journal_with_filters(world, api):
    api("office").patch(f"/api/units/{world.units['shop_b'].pk}/", {"notes": "复查"}, format="json")
    client = api("auditor")
    response = client.get("/api/journal/?page_size=500")
    assert response.status_code == 200
    assert response.json()["count"] == JournalEntry.objects.count()
    mine = client.get(f"/api/journal/?actor={world.users['office'].pk}").json()
    assert [r["object_repr"] for r in mine["results"]] == ["后关小饭馆"]
    assert mine["results"][0]["source"] == "api" and mine["results"][0]["request_id"]
    by_type = client.get("/api/journal/?object_type=units.unit&action=update").json()
    assert by_type["count"] == 1
    entry = JournalEntry.objects.filter(content_type__model="region").first()
    detail = client.get(f"/api/journal/{entry.pk}/")
    assert detail.status_code == 200 and detail.json()["object_type"] == "regions.region"


def test_the_journal_cannot_be_written_even_by_the_auditor(world, api):
    client = api("auditor")
    entry = JournalEntry.objects.first()
    before = JournalEntry.objects.count()
    assert client.post("/api/journal/", {"comment": "x"}, format="json").status_code == 405
    assert client.patch(f"/api/journal/{entry.pk}/", {"comment": "x"},
                        format="json").status_code == 405
    assert client.delete(f"/api/journal/{entry.pk}/").status_code == 405
    assert JournalEntry.objects.count() == before
    entry.refresh_from_db()
    assert entry.comment == ""


@pytest.mark.parametrize("username", ["leader", "office", "agency", "village_a", "grid_a",
                                      "enterprise_a", "expert", "sysadmin", "secadmin", "nobody"])
def test_nobody_else_reads_the_whole_journal(world, api, username):
    client = api(username)
    entry = JournalEntry.objects.first()
    listing = client.get("/api/journal/")
    assert listing.status_code == 403
    assert_chinese(listing.json())
    assert client.get(f"/api/journal/{entry.pk}/").status_code == 403


def test_anonymous_gets_nothing(world, api):
    assert api().get("/api/journal/").status_code == 401
