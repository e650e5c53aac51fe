from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionKind(models.TextChoices):
    """Kinds of enforcement action (执法文书/行动)."""

    ORDER = "order", _("责令限期整改指令书")
    REINSPECTION = "reinspection", _("整改复查意见书")
    PENALTY = "penalty", _("行政处罚")
    CRACKDOWN = "crackdown", _("打非治违")
    JOINT = "joint", _("联合执法")


class OrderState(models.TextChoices):
    """Where a rectification order stands (derived)."""

    PENDING = "pending", _("整改期内")
    OVERDUE = "overdue", _("逾期未复查")
    REINSPECTED = "reinspected", _("已复查")
