from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    """Notifications (消息通知): the inbox is linked from every page's header, with its unread count."""

    name = "anjian.notify"
    label = "notify"
    verbose_name = _("消息通知")
