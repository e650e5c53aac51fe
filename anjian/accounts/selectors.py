"""Reads for user administration: which users and places a system administrator manages.

Users are not region-scoped rows themselves; a system administrator (系统管理员) manages the users
whose role grants and unit assignments all lie inside the administrator's region subtrees, plus
users with no grant at all. Superusers are managed only by superusers.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleGrant, User


def admin_region_paths(actor) -> list[str] | None:
    """Region paths the actor administers users in; None means everywhere (superuser or system)."""
    if actor is None or actor.is_superuser:
        return None
    if not actor.is_authenticated or not actor.is_active:
        return []
    grants = actor.role_grants.filter(role=Role.SYSTEM_ADMIN, region__isnull=False)
    return sorted(set(grants.values_list("region__path", flat=True)))


def path_q(lookup: str, paths: list[str]) -> Q:
    """`lookup` starts with any of `paths` (an empty list matches nothing)."""
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(**{f"{lookup}__startswith": p})
    return q


def path_inside(path: str, paths: list[str] | None) -> bool:
    return paths is None or any(path.startswith(p) for p in paths)


def manageable_users(actor) -> QuerySet[User]:
    """Users the actor may list, edit and grant roles to."""
    from anjian.units.models import UnitAccess

    users = User.objects.all()
    paths = admin_region_paths(actor)
    if paths is None:
        return users
    if not paths:
        return users.none()
    inside = (
        Q(region__isnull=True, organisation__isnull=True)
        | path_q("region__path", paths)
        | (Q(region__isnull=True) & path_q("organisation__region__path", paths))
    )
    outside_grants = RoleGrant.objects.exclude(inside).values("user_id")
    outside_units = UnitAccess.objects.exclude(path_q("unit__region__path", paths)).values("user_id")
    return (users.filter(is_superuser=False)
            .exclude(pk__in=outside_grants).exclude(pk__in=outside_units))


def user_list(actor, *, q: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    users = manageable_users(actor).select_related("person").prefetch_related(
        "role_grants__region", "role_grants__organisation")
    if q:
        users = users.filter(Q(username__icontains=q) | Q(display_name__contains=q)
                             | Q(phone__contains=q))
    if role:
        users = users.filter(role_grants__role=role).distinct()
    if active in ("1", "0"):
        users = users.filter(is_active=active == "1")
    return users.order_by("username")


def admin_regions(actor):
    """Regions where the actor may grant roles."""
    from anjian.regions.models import Region

    paths = admin_region_paths(actor)
    regions = Region.objects.order_by("path")
    return regions if paths is None else regions.filter(path_q("path", paths))


def admin_organisations(actor):
    from anjian.regions.models import Organisation

    paths = admin_region_paths(actor)
    orgs = Organisation.objects.filter(is_active=True).select_related("region")
    return orgs if paths is None else orgs.filter(path_q("region__path", paths))


def admin_units_matching(actor, text: str):
    """Units inside the actor's region subtrees whose credit code or exact name is `text`."""
    from anjian.units.models import Unit

    paths = admin_region_paths(actor)
    units = Unit.objects.select_related("region")
    if paths is not None:
        units = units.filter(path_q("region__path", paths))
    text = text.strip()
    by_code = units.filter(credit_code=text.upper()) if text else units.none()
    return by_code if by_code.exists() else units.filter(name=text)[:5]
