"""Writing notifications and channels. Every check, hook and page sends through `notification_send`."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.notify.channels import apprise_url, masked
from anjian.notify.choices import NotificationKind
from anjian.notify.models import Channel, Delivery, Notification


def _enqueue(delivery_ids: list[int]) -> None:
    from anjian.notify.tasks import deliver_task

    for pk in delivery_ids:
        deliver_task(pk)


def notification_send(*, recipients: Iterable, kind: str, key: str, title: str, body: str = "",
                      link: str = "") -> list[Notification]:
    """Put a message in each recipient's inbox and queue it on their channels, once per `key`:
    a recipient who already has a notification with this key gets nothing new. Deliveries are
    queued after the surrounding transaction commits. Returns the notifications created."""
    created: list[Notification] = []
    deliveries: list[int] = []
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    with transaction.atomic():
        have = set(Notification.objects.filter(recipient__in=users, key=key)
                   .values_list("recipient_id", flat=True))
        channels: dict[int, list[Channel]] = {}
        for channel in Channel.objects.filter(user__in=users, enabled=True):
            channels.setdefault(channel.user_id, []).append(channel)
        for user_id in sorted(set(users) - have):
            try:
                with transaction.atomic():  # a concurrent check sent it meanwhile: skip
                    note = Notification.objects.create(recipient_id=user_id, kind=kind, key=key,
                                                       title=title[:200], body=body, link=link)
            except IntegrityError:
                continue
            created.append(note)
            for channel in channels.get(user_id, []):
                if channel.wants(kind):
                    deliveries.append(Delivery.objects.create(
                        notification=note, channel=channel, channel_kind=channel.kind).pk)
        if deliveries:
            transaction.on_commit(lambda: _enqueue(deliveries))
    return created


def _check(kind: str, target: str) -> None:
    try:
        apprise_url(kind, target)
    except ValidationError as exc:
        raise ValidationError({"target": exc.messages}) from None


def _journal_data(channel: Channel) -> dict:
    data = journal.snapshot(channel, ["kind", "kinds", "enabled"])
    data["target"] = masked(channel.kind, channel.target)  # the journal never holds the secret
    return data


@transaction.atomic
def channel_create(*, actor, user, kind: str, target: str, kinds: list[str] | None = None,
                   enabled: bool = True) -> Channel:
    _check(kind, target)  # raises ValidationError in Chinese
    channel = Channel.objects.create(user=user, kind=kind, target=target.strip(),
                                     kinds=list(kinds or []), enabled=enabled)
    journal.record(actor, channel, JournalAction.CREATE, journal.diff({}, _journal_data(channel)))
    return channel


@transaction.atomic
def channel_update(*, actor, channel: Channel, **data) -> Channel:
    before = _journal_data(channel)
    for field in ("kind", "target", "kinds", "enabled"):
        if field in data:
            setattr(channel, field, data[field].strip() if field == "target" else data[field])
    _check(channel.kind, channel.target)
    channel.save(update_fields=["kind", "target", "kinds", "enabled"])
    journal.record(actor, channel, JournalAction.UPDATE, journal.diff(before, _journal_data(channel)))
    return channel


@transaction.atomic
def channel_delete(*, actor, channel: Channel) -> None:
    journal.record(actor, channel, JournalAction.DELETE, journal.diff(_journal_data(channel), {}))
    channel.delete()


def channel_test_send(*, channel: Channel, title: str, body: str) -> Delivery:
    """A test message through this one channel (queued like every message)."""
    with transaction.atomic():
        note = Notification.objects.create(
            recipient=channel.user, kind=NotificationKind.BULLETIN, title=title, body=body,
            key=f"test:{channel.pk}:{timezone.now():%Y%m%d%H%M%S%f}")
        delivery = Delivery.objects.create(notification=note, channel=channel,
                                           channel_kind=channel.kind)
        transaction.on_commit(lambda: _enqueue([delivery.pk]))
    return delivery


def notifications_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
