"""Background work of commitments (huey; `anjian worker`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from anjian.risks import notifications


@db_periodic_task(crontab(minute="*/30", hour="7-18"))
def commitment_overdue_check() -> int:
    """Every half hour in the day: remind units that have not committed by their town's cut-off
    (each unit once a day)."""
    return notifications.commitments_overdue()
