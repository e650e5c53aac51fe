"""Hazards announce themselves: the responsible party on assignment and as the deadline nears; the
party and the safety office once overdue. Each only once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anjian.hazards.models import Hazard
from anjian.hazards.notifications import deadline_check
from anjian.hazards.services import hazard_assign
from anjian.notify.choices import ChannelKind, NotificationKind
from anjian.notify.models import Notification
from anjian.notify.services import channel_create
from anjian.testing.hazards import assign_data, report

pytestmark = pytest.mark.django_db(transaction=True)


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def assigned(world, party="unit", days=7):
    hazard = report(world.users["office"], world.units["shop_a"])
    deadline = (timezone.localdate() + dt.timedelta(days=days)).isoformat()
    return hazard_assign(actor=world.users["office"], hazard=hazard,
                         data=assign_data(responsible_party=party, deadline=deadline))


def test_assignment_reaches_the_enterprise_inbox_and_its_webhook(world_tx, endpoint):
    channel_create(actor=None, user=world_tx.users["enterprise_a"], kind=ChannelKind.WEBHOOK,
                   target=endpoint.url)
    hazard = assigned(world_tx)
    assert kinds_of(world_tx.users["enterprise_a"]) == [NotificationKind.HAZARD_ASSIGNED]
    assert kinds_of(world_tx.users["village_a"]) == [] and kinds_of(world_tx.users["office"]) == []
    assert len(endpoint.received) == 1 and hazard.number in endpoint.received[0]["title"]


def test_a_village_party_hears_it_and_the_other_village_does_not(world_tx):
    assigned(world_tx, party="village")
    assert kinds_of(world_tx.users["village_a"]) == [NotificationKind.HAZARD_ASSIGNED]
    assert kinds_of(world_tx.users["village_b"]) == []


def test_the_deadline_check_reminds_then_announces_overdue_once(world_tx):
    hazard = assigned(world_tx, days=2)
    today = timezone.localdate()
    assert deadline_check(today) == 1
    assert deadline_check(today) == 0  # the same check again sends nothing
    assert kinds_of(world_tx.users["enterprise_a"]).count(NotificationKind.DEADLINE_NEAR) == 1
    assert deadline_check(today + dt.timedelta(days=3)) == 2  # the enterprise and the office
    assert deadline_check(today + dt.timedelta(days=4)) == 0
    assert NotificationKind.OVERDUE in kinds_of(world_tx.users["office"])
    assert Hazard.objects.get(pk=hazard.pk).is_overdue(today + dt.timedelta(days=3))


def test_a_closed_hazard_is_not_announced(world_tx):
    hazard = assigned(world_tx, days=2)
    Hazard.objects.filter(pk=hazard.pk).update(state="closed")
    assert deadline_check(timezone.localdate() + dt.timedelta(days=5)) == 0


def test_the_inbox_shows_unread_and_opening_marks_read(world_tx, client):
    assigned(world_tx)
    user = world_tx.users["enterprise_a"]
    client.force_login(user)
    page = client.get("/messages/")
    assert "隐患交办" in page.content.decode() and page.context["unread_notifications"] == 1
    note = Notification.objects.get(recipient=user)
    response = client.get(f"/messages/{note.pk}/")
    assert response.status_code == 302 and response.url == f"/hazards/{note.link.split('/')[2]}/"
    assert client.get("/messages/").context["unread_notifications"] == 0
    client.force_login(world_tx.users["village_b"])
    assert client.get(f"/messages/{note.pk}/").status_code == 404  # someone else's message
