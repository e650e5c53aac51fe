"""Notifications reach a channel, failures are retried until they go through, and sending the same
thing twice sends nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from anjian.core.models import JournalEntry
from anjian.notify import delivery, services
from anjian.notify.choices import ChannelKind, DeliveryStatus, NotificationKind
from anjian.notify.models import Delivery, Notification
from anjian.notify.tasks import retry_deliveries

pytestmark = pytest.mark.django_db(transaction=True)  # deliveries are queued on commit


def webhook(world, endpoint, who="office", **extra):
    return services.channel_create(actor=world.users[who], user=world.users[who],
                                   kind=ChannelKind.WEBHOOK, target=endpoint.url, **extra)


def send(world, who="office", key="hazard:1:assigned", **extra):
    return services.notification_send(
        recipients=[world.users[who]], kind=NotificationKind.HAZARD_ASSIGNED, key=key,
        title="隐患交办：灭火器过期", body="请于3个工作日内整改", link="/hazards/1/", **extra)


def test_a_message_arrives_at_the_users_webhook_and_is_recorded_as_sent(world_tx, endpoint):
    webhook(world_tx, endpoint)
    [note] = send(world_tx)
    assert len(endpoint.received) == 1
    arrived = endpoint.received[0]
    assert arrived["title"] == "隐患交办：灭火器过期"
    assert "请于3个工作日内整改" in arrived["message"] and "/hazards/1/" in arrived["message"]
    [row] = Delivery.objects.filter(notification=note)
    assert row.status == DeliveryStatus.SENT and row.attempts == 1 and row.sent_at is not None


def test_the_same_check_twice_sends_nothing_twice(world_tx, endpoint):
    webhook(world_tx, endpoint)
    assert len(send(world_tx)) == 1
    assert send(world_tx) == []
    assert len(endpoint.received) == 1
    assert Notification.objects.filter(recipient=world_tx.users["office"]).count() == 1


def test_a_failed_delivery_is_kept_and_retried_until_it_goes_through(world_tx, endpoint):
    webhook(world_tx, endpoint)
    endpoint.fail_next = 2
    [note] = send(world_tx)
    row = Delivery.objects.get(notification=note)
    assert row.status == DeliveryStatus.FAILED and row.attempts == 1 and row.last_error
    assert endpoint.received == []
    assert retry_deliveries.call_local() == 0  # not due yet: the retry waits a minute
    for _attempt in range(2):
        Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        retry_deliveries.call_local()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT and row.attempts == 3 and row.last_error == ""
    assert len(endpoint.received) == 1
    Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(row.pk) is True and len(endpoint.received) == 1  # never resent


def test_retry_delays_grow_to_at_most_an_hour():
    assert [delivery.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert delivery.retry_delay(30) == dt.timedelta(hours=1)


def test_a_channel_only_gets_the_kinds_it_asked_for(world_tx, endpoint):
    webhook(world_tx, endpoint, kinds=[NotificationKind.OVERDUE])
    [note] = send(world_tx)
    assert not note.deliveries.exists() and endpoint.received == []  # the inbox still has it


def test_an_inactive_user_gets_nothing(world_tx, endpoint):
    user = world_tx.users["office"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert send(world_tx) == []


@pytest.mark.parametrize(("kind", "target"), [
    (ChannelKind.WECOM, "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"),
    (ChannelKind.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcdef"),
    (ChannelKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4"),
    (ChannelKind.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
])
def test_robot_channels_are_understood_by_key_or_full_address(world_tx, kind, target):
    channel = services.channel_create(actor=None, user=world_tx.users["office"], kind=kind,
                                      target=target)
    entry = JournalEntry.objects.filter(object_id=str(channel.pk)).latest("pk")
    assert target not in str(entry.changes)  # the secret is masked in the journal


@pytest.mark.parametrize(("kind", "target", "message"), [
    (ChannelKind.WEBHOOK, "ftp://example.com/x", "Webhook 地址应以"),
    (ChannelKind.EMAIL, "someone@example.com", "尚未配置邮件服务器"),
    (ChannelKind.EMAIL, "not an address", "邮件地址"),
    (ChannelKind.WECOM, "", "请填写地址"),
])
def test_a_bad_channel_is_refused_in_chinese(world_tx, kind, target, message):
    with pytest.raises(ValidationError) as exc:
        services.channel_create(actor=None, user=world_tx.users["office"], kind=kind, target=target)
    assert message in str(exc.value)


def test_email_goes_through_the_configured_mail_server(world_tx, settings):
    settings.ANJIAN_EMAIL_URL = "mailtos://anjian:secret@smtp.example.com"
    channel = services.channel_create(actor=None, user=world_tx.users["office"],
                                      kind=ChannelKind.EMAIL, target="office@example.com")
    assert channel.kind == ChannelKind.EMAIL
