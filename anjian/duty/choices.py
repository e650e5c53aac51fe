"""Choices of the duty ledger (值班值守)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LogKind(models.TextChoices):
    """What a duty log entry (值班记录) records."""

    CALL = "call", _("来电")
    EVENT = "event", _("突发事件")
    INSTRUCTION = "instruction", _("上级指示")
    OTHER = "other", _("其他")
