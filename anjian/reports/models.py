"""Generated reports kept as files: each weekly bulletin (周通报) of a region, as it was generated."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import ScopedQuerySet, ScopeSpec


class Bulletin(models.Model):
    """The weekly bulletin of one region for one ISO week (Monday to Sunday). Generating it again
    replaces the file (the figures may have changed since); the journal keeps each generation."""

    region = models.ForeignKey("regions.Region", verbose_name=_("范围"), on_delete=models.PROTECT,
                               related_name="+")
    week_start = models.DateField(_("周一"))
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(_("文件"), upload_to="bulletins/%Y/")
    figures = models.JSONField(_("主要数字"), default=dict)
    generated_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("生成人"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_spec = ScopeSpec(region="region")

    class Meta:
        verbose_name = _("周通报")
        verbose_name_plural = _("周通报")
        ordering = ["-week_start", "region__path"]
        constraints = [models.UniqueConstraint(fields=["region", "week_start"],
                                               name="bulletin_once_per_week")]

    def __str__(self) -> str:
        return self.title
