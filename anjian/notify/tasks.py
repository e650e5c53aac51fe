"""Background work of notifications (huey; `anjian worker`): deliver each queued message, and sweep
every minute for deliveries that are due again after a failure (or were queued while no worker ran)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from anjian.notify.delivery import deliver, due_deliveries


@db_task()
def deliver_task(delivery_id: int) -> bool:
    return deliver(delivery_id)


@db_periodic_task(crontab(minute="*"))
def retry_deliveries() -> int:
    """Deliver whatever is due; returns how many went through."""
    return sum(deliver(pk) for pk in due_deliveries())
