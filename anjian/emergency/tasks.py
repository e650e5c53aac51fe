"""Background work of emergency preparedness (huey; `anjian worker`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from anjian.emergency import notifications


@db_periodic_task(crontab(minute="20", hour="8"))
def emergency_due_check() -> int:
    """Every morning: plan reviews and drills coming due (each announced once per due date)."""
    return notifications.due_check()
