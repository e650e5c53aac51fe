"""Background work of daily reports (huey; `anjian worker`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from anjian.dailyreports import notifications


@db_periodic_task(crontab(minute="5,35", hour="8-23"))
def daily_report_missing_check() -> int:
    """Twice an hour: after a town's cut-off, remind who has not reported (once a day each)."""
    return notifications.missing_check()
