"""Delivering a notification through a channel, and retrying failures until they go through.

A delivery is claimed by moving its `next_attempt_at` forward in one conditional UPDATE, so two
workers (or a retry sweep racing the first attempt) never send the same message twice at once; a
sent delivery is never sent again. A failure is recorded with its error and retried after 1, 2, 4 …
minutes, at most an hour apart, without limit: the message waits in the table, never lost.
"""

from __future__ import annotations

import datetime as dt
import logging

import apprise
from django.db import transaction
from django.utils import timezone

from anjian.notify.channels import apprise_url
from anjian.notify.choices import DeliveryStatus
from anjian.notify.models import Delivery

CLAIM_SECONDS = 120  # a claimed delivery is retried after this if its worker died mid-send
MAX_DELAY = dt.timedelta(hours=1)


def retry_delay(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_DELAY)


def _claim(delivery_id: int) -> Delivery | None:
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
        next_attempt_at__lte=now,
    ).update(next_attempt_at=now + dt.timedelta(seconds=CLAIM_SECONDS))
    if not claimed:
        return None
    return Delivery.objects.select_related("notification", "channel").get(pk=delivery_id)


def _send(delivery: Delivery) -> str:
    """'' when the channel accepted the message, else the error."""
    channel = delivery.channel
    if channel is None:
        return "渠道已删除"
    try:
        url = apprise_url(channel.kind, channel.target)
    except Exception as exc:  # noqa: BLE001 — a bad address is a delivery error, kept for the user
        return f"地址无效：{exc}"
    sender = apprise.Apprise()
    sender.add(url)
    note = delivery.notification
    body = note.body or note.title
    if note.link:
        body = f"{body}\n{note.link}"
    with apprise.LogCapture(level=logging.WARNING) as log:
        ok = sender.notify(title=note.title, body=body)
        return "" if ok else (log.getvalue().strip()[-1000:] or "发送失败")


def deliver(delivery_id: int) -> bool:
    """Try one delivery now if it is due; True when it went through (now or before)."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENT).exists()
    error = _send(delivery)
    now = timezone.now()
    attempts = delivery.attempts + 1
    with transaction.atomic():
        if error:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.FAILED, attempts=attempts, last_error=error,
                next_attempt_at=now + retry_delay(attempts))
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SENT, attempts=attempts, sent_at=now, last_error="")
    return not error


def due_deliveries(now: dt.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(Delivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], next_attempt_at__lte=now,
    ).order_by("next_attempt_at").values_list("pk", flat=True)[:500])
