"""List pages read a constant number of queries whatever the number of rows (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.patrols import services
from anjian.testing.patrols import make_point, make_ranger, make_record
from anjian.testing.training import make_activity, make_session

pytestmark = pytest.mark.django_db
PAGES = ["patrols:record_list", "patrols:point_list", "patrols:checkin_list",
         "patrols:fire_list", "patrols:forest", "training:session_list",
         "training:activity_list", "training:hours", "training:compliance"]


def _counts(client, world):
    client.force_login(world.users["office"])
    counts = {}
    for name in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        counts[name] = len(ctx)
    return counts


def _add(world, n: int):
    point = make_point(world.village_a, name=f"劝导点{n}")
    ranger = make_ranger(world.village_a, name=f"护林员{n}")
    for _i in range(n):
        make_record(point)
        services.checkin_create(actor=None, ranger=ranger, data={"place": "山口"})
        make_session(world.village_a, attendances=[{"name": f"人{n}", "role": "principal"}])
        make_activity(world.village_a, materials=[{"name": "宣传册", "quantity": 5}])


def test_list_pages_do_not_grow_with_rows(client, world):
    _add(world, 2)
    small = _counts(client, world)
    _add(world, 6)
    large = _counts(client, world)
    assert {k: large[k] - small[k] for k in PAGES if large[k] > small[k]} == {}
