"""Background work of duty (huey; `anjian worker`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from anjian.duty import notifications


@db_periodic_task(crontab(minute="*/15"))
def shift_starting_check() -> int:
    """Every quarter hour: remind whoever's shift starts within the hour (once per shift)."""
    return notifications.shifts_starting_check()
