from django.db import models
from django.utils.translation import gettext_lazy as _


class ReporterKind(models.TextChoices):
    """Who files: a village/community or an agency (机关站所) — a filter of the list."""

    VILLAGE = "village", _("村（社区）")
    ORGANISATION = "organisation", _("机关站所")
