"""Users, the people placed on the tree (人员), and role assignments (角色授权)."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Duty, Role
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Organisation, Region


class Person(models.Model):
    """Someone placed on the tree: a grid worker on a grid, a cadre in a village, staff in an
    organisation, a forest ranger. A person may or may not have a login (User.person)."""

    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("所在区划/网格"), on_delete=models.PROTECT, related_name="people"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("所在机构"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="people",
    )
    duty = models.CharField(_("职责"), max_length=30, choices=Duty.choices, default=Duty.STAFF)
    position = models.CharField(_("职务"), max_length=60, blank=True)
    is_active = models.BooleanField(_("在岗"), default=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["region__path", "name"]
        indexes = [models.Index(fields=["duty"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）" if self.position else self.name


class User(AbstractUser):
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机"), max_length=30, blank=True)
    person = models.OneToOneField(
        Person, verbose_name=_("对应人员"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def scope_grants(self):
        from anjian.accounts.roles import grants_for

        return grants_for(self)

    @cached_property
    def roles(self) -> set[str]:
        """The roles of the user's role assignments; kept with the grants (accounts.grant_cache)."""
        from anjian.accounts.grant_cache import kept_with_grants
        from anjian.accounts.roles import role_grants

        return kept_with_grants(self, "accounts.roles",
                                lambda: frozenset(rg.role for rg in role_grants(self)))

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles & set(roles))


class RoleGrant(models.Model):
    """One role held by a user, with where it applies: a region (leader, office, village, grid
    worker, administrators) or an organisation (agency: its sectors within its region). Unit-based
    roles (enterprise, expert) are granted on units by `units.UnitAccess`."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("区划"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("机构"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region", "organisation"], name="role_grant_unique"
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation or self.region or ""
        return f"{self.get_role_display()} {where}".strip()


class GrantsVersion(models.Model):
    """One row whose `token` changes, in the same transaction, with every write to a table a user's
    grants are read from (database triggers, so bulk writes and raw SQL count too): a process may
    keep a user's grants while the token it read them under is still the current one
    (`accounts.grant_cache`). A random token, not a counter: a rolled-back change restores the old
    token, and a counter would then hand out, for a later change, a number already used."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("授权版本")
        verbose_name_plural = _("授权版本")

    def __str__(self) -> str:
        return self.token
