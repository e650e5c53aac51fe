import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from anjian.assessment import services
from anjian.assessment.models import Snapshot
from anjian.testing.assessment import close_hazard, overdue_hazard

pytestmark = pytest.mark.django_db


def test_frozen_ranking_does_not_change(world, client):
    scheme = services.scheme_create_default(actor=world.users["office"], town=world.town)
    hazard = overdue_hazard(world)
    today = timezone.localdate()
    client.force_login(world.users["office"])
    response = client.post(reverse("assessment:snapshot_freeze"), {
        "scheme": scheme.pk, "start": (today - dt.timedelta(days=30)).isoformat(), "end": today.isoformat()})
    snapshot = Snapshot.objects.get()
    assert response.url == reverse("assessment:snapshot_detail", args=[snapshot.pk])
    frozen = {r["name"]: r["rank"] for r in snapshot.rows}
    assert frozen == {"后关村": 1, "张一村": 2}
    close_hazard(world, hazard)
    snapshot.refresh_from_db()
    assert {r["name"]: r["rank"] for r in snapshot.rows} == frozen
    with pytest.raises(ValidationError):
        services.snapshot_freeze(actor=world.users["office"], scheme=scheme, start=snapshot.start,
                                 end=snapshot.end)
    page = client.get(reverse("assessment:snapshot_detail", args=[snapshot.pk])).content.decode()
    assert "超期未整改隐患" in page
    action = services.action_create(actor=world.users["office"], kind="notice", region=world.village_a,
                                    reason="排名末位", date=today, snapshot=snapshot)
    assert "排名末位" not in page and action.snapshot == snapshot
    for name, code in (("leader", 200), ("village_a", 404), ("office_b", 404)):
        client.force_login(world.users[name])
        assert client.get(reverse("assessment:snapshot_detail", args=[snapshot.pk])).status_code == code
    client.force_login(world.users["leader"])
    client.post(reverse("assessment:snapshot_freeze"), {"scheme": scheme.pk, "start": "2026-01-01",
                                                        "end": "2026-03-31"})
    assert Snapshot.objects.count() == 1
