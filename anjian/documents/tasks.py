"""Background work of document tracking (huey; `anjian worker`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from anjian.documents import notifications


@db_periodic_task(crontab(minute="10", hour="8"))
def document_deadline_check() -> int:
    """Every morning at 8:10: remind owners of tasks due soon or overdue."""
    return notifications.deadline_check()
