"""Role grants (角色授权) on regions and organisations, and unit grants (对象授权)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleGrant, User
from anjian.accounts.roles import ORGANISATION_ROLES, REGION_ROLES, UNIT_ROLES
from anjian.accounts.selectors import admin_region_paths, path_inside
from anjian.accounts.services._common import (
    ADMIN_ROLES,
    REQUIRED,
)
from anjian.accounts.services.users import assert_user_in_scope, lock_managed_user
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.regions.choices import RegionLevel


def _grant_labels(user: User) -> list[str]:
    grants = user.role_grants.select_related("region", "organisation").order_by("pk")
    return [str(g) for g in grants]


def _access_labels(user: User) -> list[str]:
    rows = user.unit_access.select_related("unit").order_by("pk")
    return [f"{Role(a.role).label if a.role in Role.values else a.role} {a.unit}" for a in rows]


def _check_self(actor, user: User) -> None:
    if actor is not None and actor.pk == user.pk and not actor.is_superuser:
        raise ValidationError({"user": _("不能修改自己的角色授权")})


def _check_grant(actor, user, role, region, organisation) -> dict:
    errors: dict[str, str] = {}
    if role not in Role.values:
        return {"role": _("不是有效的选项：%(v)s") % {"v": role}}
    label = Role(role).label
    if role in UNIT_ROLES:
        return {"role": _("“%(r)s”角色按监管对象授权，请在“对象授权”中添加") % {"r": label}}
    if role in ORGANISATION_ROLES:
        if organisation is None:
            errors["organisation"] = _("“%(r)s”角色必须指定所属机构") % {"r": label}
        elif region is not None and not region.path.startswith(organisation.region.path):
            errors["region"] = _("区划应在机构“%(o)s”的辖区内") % {"o": organisation.name}
    else:
        if organisation is not None:
            errors["organisation"] = _("“%(r)s”角色按区划授权，不能指定机构") % {"r": label}
        levels = REGION_ROLES.get(role, ())
        if region is None:
            errors["region"] = _("“%(r)s”角色必须指定区划") % {"r": label}
        elif region.level not in levels:
            places = "、".join(str(RegionLevel(level).label) for level in levels)
            errors["region"] = _("“%(r)s”角色只能授予在%(p)s，“%(n)s”是%(k)s") % {
                "r": label, "p": places, "n": region.name, "k": region.get_level_display()}
    place = region or (organisation.region if organisation is not None else None)
    if place is not None and not errors and not path_inside(place.path, admin_region_paths(actor)):
        errors["region" if region is not None else "organisation"] = _("超出您的管辖范围")
    if role in ADMIN_ROLES:
        held = set(user.role_grants.filter(role__in=ADMIN_ROLES).exclude(role=role)
                   .values_list("role", flat=True))
        if held:
            errors["role"] = _("三员分立：该用户已是%(h)s，不能再担任%(r)s") % {
                "h": "、".join(str(Role(h).label) for h in sorted(held)), "r": label}
    duplicate = RoleGrant.objects.filter(user=user, role=role, region=region,
                                         organisation=organisation)
    if not errors and duplicate.exists():
        errors["role"] = _("该用户已有相同的角色授权")
    return errors


@transaction.atomic
def role_grant_create(*, actor, user: User, role: str, region=None, organisation=None) -> RoleGrant:
    """Give `user` a role on a region (leader, office, village, grid worker, administrators) or
    an organisation (agency). Enterprise and expert roles are unit grants (`unit_access_grant`)."""
    user = lock_managed_user(actor, user)
    _check_self(actor, user)
    if errors := _check_grant(actor, user, role, region, organisation):
        raise ValidationError(errors)
    before = _grant_labels(user)
    grant = RoleGrant.objects.create(user=user, role=role, region=region, organisation=organisation)
    assert_user_in_scope(actor, user)
    journal.record(actor, user, JournalAction.UPDATE, {"roles": [before, _grant_labels(user)]},
                   comment=_("授予角色：%(g)s") % {"g": grant})
    return grant


@transaction.atomic
def role_grant_revoke(*, actor, grant: RoleGrant) -> None:
    user = lock_managed_user(actor, grant.user)
    _check_self(actor, user)
    grant = RoleGrant.objects.select_related("region", "organisation").get(pk=grant.pk)
    before = _grant_labels(user)
    label = str(grant)
    grant.delete()
    journal.record(actor, user, JournalAction.UPDATE, {"roles": [before, _grant_labels(user)]},
                   comment=_("收回角色：%(g)s") % {"g": label})


@transaction.atomic
def unit_access_grant(*, actor, user: User, unit, role: str):
    """Give an enterprise's people their own unit, or an expert agency an assigned unit."""
    from anjian.units.models import Unit, UnitAccess

    user = lock_managed_user(actor, user)
    _check_self(actor, user)
    if role not in UNIT_ROLES:
        raise ValidationError({"role": _("对象授权只适用于企业、专家角色")})
    if unit is None:
        raise ValidationError({"unit": REQUIRED})
    unit = Unit.objects.select_related("region").get(pk=unit.pk)
    if not path_inside(unit.region.path, admin_region_paths(actor)):
        raise ValidationError({"unit": _("超出您的管辖范围")})
    if UnitAccess.objects.filter(user=user, unit=unit, role=role).exists():
        raise ValidationError({"unit": _("该用户已有此对象的授权")})
    before = _access_labels(user)
    access = UnitAccess.objects.create(user=user, unit=unit, role=role)
    assert_user_in_scope(actor, user)
    journal.record(actor, user, JournalAction.UPDATE, {"unit_grants": [before, _access_labels(user)]},
                   comment=_("授权对象：%(u)s") % {"u": unit})
    return access


@transaction.atomic
def unit_access_revoke(*, actor, access) -> None:
    from anjian.units.models import UnitAccess

    user = lock_managed_user(actor, access.user)
    _check_self(actor, user)
    access = UnitAccess.objects.select_related("unit").get(pk=access.pk)
    before = _access_labels(user)
    name = str(access.unit)
    access.delete()
    journal.record(actor, user, JournalAction.UPDATE, {"unit_grants": [before, _access_labels(user)]},
                   comment=_("收回对象授权：%(u)s") % {"u": name})
