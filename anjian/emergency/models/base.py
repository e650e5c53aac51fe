"""What every emergency record shares: an owner (a region — the town or a village — or a
supervised unit for its own site plans and drills) and the scope that follows from it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Region
from anjian.units.models import Unit

USER = settings.AUTH_USER_MODEL
# The office sees everything in its town, a village its own records, an enterprise its unit's.
OWNED_SCOPE = ScopeSpec(region="region", unit="unit")


class OwnedRecord(models.Model):
    """`region` is the owner region, or the unit's region copied by the services when a unit owns
    the record, so lists filter and scope on one table."""

    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT,
                               related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("所属单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = OWNED_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def owner_name(self) -> str:
        return self.unit.name if self.unit_id else self.region.name
