"""The region tree (区划与网格), sectors and organisations (机关站所)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import ScopedQuerySet, ScopeSpec, regions_changed
from anjian.regions.choices import OrganisationKind, RegionKind, RegionLevel


class RegionQuerySet(ScopedQuerySet):
    def subtree(self, region: Region) -> RegionQuerySet:
        return self.filter(path__startswith=region.path)


class Region(models.Model):
    """A node of county → town/street → village/community → grid, stored as a materialized path
    (`/1/4/17/`), so a subtree is `path__startswith`."""

    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(_("区划代码"), max_length=20, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=RegionKind.choices)
    level = models.PositiveSmallIntegerField(_("层级"), choices=RegionLevel.choices)
    path = models.CharField(max_length=255, unique=True, editable=False)
    urban_rural_class = models.CharField(_("城乡分类代码"), max_length=3, blank=True)
    boundary = models.JSONField(_("边界（GeoJSON）"), null=True, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    scope_spec = ScopeSpec(region="self")
    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("区划/网格")
        verbose_name_plural = _("区划/网格")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        regions_changed()  # subtrees cached on the grants of this process are read again

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]

    def ancestors(self) -> models.QuerySet[Region]:
        return Region.objects.filter(pk__in=self.ancestor_ids[:-1]).order_by("level")

    def full_name(self) -> str:
        names = list(self.ancestors().values_list("name", flat=True)) + [self.name]
        return " / ".join(names)


class Sector(models.Model):
    """A sector of supervision (行业领域), e.g. 消防, 道路交通, 矿山 — the unit of 三管三必须."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("行业领域")
        verbose_name_plural = _("行业领域")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """An organisation on the tree: a town agency (机关站所), the safety office, an expert agency."""

    region = models.ForeignKey(
        Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=30, choices=OrganisationKind.choices)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("监管行业领域"), blank=True, related_name="organisations"
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("机关站所")
        verbose_name_plural = _("机关站所")
        ordering = ["region__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class TownSettings(models.Model):
    """Settings a town's safety office keeps for one of its ledgers (one row per town): the town,
    who changed them last and when. Subclasses declare `cutoff` (the time of day reports or
    commitments are due; their defaults differ) and their own fields."""

    town = models.OneToOneField(Region, verbose_name=_("乡镇（街道）"), on_delete=models.PROTECT,
                                related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    scope_spec = ScopeSpec(region="town")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.town} {self.cutoff:%H:%M}"
