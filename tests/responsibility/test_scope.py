"""Who sees what in each ledger: every persona of the world against every ledger's list, API list
and the objects inside and outside their scope."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from anjian.testing.responsibility import make_list, make_meeting, make_visit, sign

# persona -> ledger -> names visible in the list (None: the role has no such ledger, 403)
EXPECTED = {
    "office": {"lists": {"town", "village_a", "village_b"}, "agreements": {"a", "b", "shop", "police"},
               "visits": {"school", "shop"}, "meetings": {"town", "village_a", "village_b"}},
    "leader": {"lists": {"town", "village_a", "village_b"}, "agreements": {"a", "b", "shop", "police"},
               "visits": {"school", "shop"}, "meetings": {"town", "village_a", "village_b"}},
    "village_a": {"lists": {"village_a"}, "agreements": {"a", "shop"}, "visits": {"school", "shop"},
                  "meetings": {"village_a"}},
    "village_b": {"lists": {"village_b"}, "agreements": {"b"}, "visits": set(),
                  "meetings": {"village_b"}},
    "enterprise_a": {"lists": None, "agreements": {"shop"}, "visits": {"shop"}, "meetings": None},
    # An agency reads its own organisation's agreement only (ScopeSpec.organisation).
    "agency": {"lists": {"town", "village_a", "village_b"}, "agreements": {"police"}, "visits": None,
               "meetings": {"town", "village_a", "village_b"}},
    "school_agency": {"lists": {"town", "village_a", "village_b"}, "agreements": set(),
                      "visits": None, "meetings": {"town", "village_a", "village_b"}},
    "grid_a": {"lists": None, "agreements": None, "visits": None, "meetings": None},
    "office_b": {"lists": set(), "agreements": set(), "visits": set(), "meetings": set()},
    "auditor": {"lists": None, "agreements": None, "visits": None, "meetings": None},
}
API = {"lists": "lists", "agreements": "agreements", "visits": "visits", "meetings": "meetings"}


@pytest.fixture
def objects(world):
    w = world
    return {
        "lists": {"town": make_list(w), "village_a": make_list(w, region=w.village_a, post="书记"),
                  "village_b": make_list(w, region=w.village_b, post="书记")},
        "agreements": {"a": sign(w, village=w.village_a), "b": sign(w, village=w.village_b),
                       "shop": sign(w, unit=w.units["shop_a"]),
                       "police": sign(w, organisation=w.police)},
        "visits": {"school": make_visit(w), "shop": make_visit(w, unit=w.units["shop_a"])},
        "meetings": {"town": make_meeting(w), "village_a": make_meeting(w, region=w.village_a),
                     "village_b": make_meeting(w, region=w.village_b)},
    }


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_sees_exactly_its_scope(world, objects, persona):
    client = APIClient()
    client.force_login(world.users[persona])
    for ledger, expected in EXPECTED[persona].items():
        response = client.get(f"/api/responsibility/{API[ledger]}/?page_size=100")
        page = client.get(reverse(f"responsibility:{ledger}"))
        if expected is None:
            assert (response.status_code, page.status_code) == (403, 403), (persona, ledger)
            continue
        ids = {row["id"] for row in response.json()["results"]}
        assert ids == {objects[ledger][k].pk for k in expected}, (persona, ledger)
        assert page.status_code == 200
        for key, obj in objects[ledger].items():
            detail = client.get(f"/api/responsibility/{API[ledger]}/{obj.pk}/")
            assert detail.status_code == (200 if key in expected else 404), (persona, ledger, key)
