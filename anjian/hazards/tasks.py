"""Background work of hazards (huey; `anjian worker`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from anjian.hazards import notifications


@db_task()
def hazard_assigned_task(hazard_id: int) -> int:
    return notifications.hazard_assigned(hazard_id)


@db_periodic_task(crontab(minute="0", hour="8"))
def hazard_deadline_check() -> int:
    """Every morning at 8:00: deadlines approaching and hazards overdue."""
    return notifications.deadline_check()
