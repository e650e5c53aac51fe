"""One mechanism that restricts every query to what a user may see or change.

Each scoped model declares how it reaches the region tree, a sector and a unit with a `ScopeSpec`,
and inherits `ScopedQuerySet`, so every page, list, export and API call starts from
`Model.objects.for_user(user, action)`. A user's roles become `Grant`s (accounts.roles); a grant gives
an action on an object type either within a region subtree (optionally limited to sectors, for
agencies under 三管三必须) or on explicit units (an enterprise's own unit, an expert's assigned units).
An object outside the scope is a 404 for the user, never a 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.http import Http404

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ACTIONS = (VIEW, ADD, CHANGE, DELETE)


@dataclass(frozen=True)
class ScopeSpec:
    """How a model reaches the scope dimensions; each value is an ORM lookup path or ''."""

    region: str = ""  # FK path to regions.Region, or "self" for Region itself
    sector: str = ""  # FK path to regions.Sector
    unit: str = ""  # FK path to units.Unit, or "self" for Unit itself
    organisation: str = ""  # FK path to regions.Organisation (reached by an agency's own grants)


@dataclass(frozen=True)
class Grant:
    """What one role assignment allows: a region subtree (with optional sectors) or explicit units."""

    role: str
    permissions: dict[str, frozenset[str]]  # object type label -> actions
    region_path: str | None = None
    sector_ids: frozenset[int] | None = None  # None: every sector
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    # The region subtree's ids, read once per grant (a grant lives while its rows are unchanged:
    # accounts.grant_cache).
    subtree_cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def allows(self, label: str, action: str) -> bool:
        return action in self.permissions.get(label, frozenset())


# A subtree up to this many regions (a town's villages and grids) is written as a list of ids.
SUBTREE_LIST_MAX = 500
# Bumped whenever a region is saved: a cached subtree list from before is read again.
_region_version = [0]
_NOT_READ = object()


def regions_changed() -> None:
    _region_version[0] += 1


def _subtree(grant: Grant):
    """The grant's subtree as a list of ids when small, else a subquery; cached on the grant."""
    from anjian.regions.models import Region

    key = (grant.region_path, _region_version[0])
    ids = grant.subtree_cache.get(key, _NOT_READ)  # a grant may serve several threads at once
    if ids is _NOT_READ:
        subtree = Region.objects.filter(path__startswith=grant.region_path).values_list(
            "pk", flat=True)
        found = list(subtree[:SUBTREE_LIST_MAX + 1])
        ids = found if len(found) <= SUBTREE_LIST_MAX else None
        grant.subtree_cache.clear()
        grant.subtree_cache[key] = ids
    if ids is not None:
        return ids
    return Region.objects.filter(path__startswith=grant.region_path).values("pk")


def _region_q(spec: ScopeSpec, grant: Grant) -> Q:
    """A small subtree as a list of region ids (one cheap query on the path index): with a literal
    list the database combines its region index with others (a text-search index, say) instead of
    joining every candidate row to the region table. A large one (a county) stays a subquery,
    which plans faster than thousands of literals."""
    subtree = _subtree(grant)
    if spec.region == "self":
        return Q(pk__in=subtree)
    return Q(**{f"{spec.region}__in": subtree})


def grant_q(grant: Grant, spec: ScopeSpec) -> Q | None:
    """The filter one grant contributes for a model, or None if it reaches nothing there."""
    parts: list[Q] = []
    if grant.region_path is not None and spec.region:
        q = _region_q(spec, grant)
        if grant.sector_ids is not None and spec.sector:
            q &= Q(**{f"{spec.sector}__in": sorted(grant.sector_ids)})
        parts.append(q)
    if grant.unit_ids and spec.unit:
        lookup = "pk__in" if spec.unit == "self" else f"{spec.unit}__in"
        parts.append(Q(**{lookup: sorted(grant.unit_ids)}))
    if grant.organisation_ids and spec.organisation:
        parts.append(Q(**{f"{spec.organisation}__in": sorted(grant.organisation_ids)}))
    if not parts:
        return None
    result = parts[0]
    for q in parts[1:]:
        result |= q
    return result


def holds_subtree(user, region, model) -> bool:
    """Whether the user may view every `model` row of `region`'s subtree: a superuser, or a grant
    on `region` or a region above it that is not limited to some sectors. Then the user's scope
    adds nothing to "in `region`", and figures over a large subtree can skip `for_user` (the same
    rows, fewer joins). Grants only ever add rows, so one whole-subtree grant is enough."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    label = model._meta.label_lower
    return any(g.allows(label, VIEW) and g.region_path is not None and g.sector_ids is None
               and region.path.startswith(g.region_path) for g in user.scope_grants)


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user, action: str = VIEW) -> ScopedQuerySet:
        """Only the rows `user` may perform `action` on."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        spec: ScopeSpec = self.model.scope_spec
        label = self.model._meta.label_lower
        combined: Q | None = None
        for grant in user.scope_grants:
            if not grant.allows(label, action):
                continue
            q = grant_q(grant, spec)
            if q is not None:
                combined = q if combined is None else combined | q
        if combined is None:
            return self.none()
        return self.filter(combined)


def user_can(user, action: str, model: type[models.Model]) -> bool:
    """Whether any of the user's grants allows `action` on `model` anywhere (menus, buttons)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    label = model._meta.label_lower
    return any(g.allows(label, action) for g in user.scope_grants)


def get_for_user(queryset_or_model, user, action: str = VIEW, **lookup):
    """Fetch one object within the user's scope or raise 404 (never reveals it exists)."""
    manager = getattr(queryset_or_model, "objects", queryset_or_model)
    try:
        return manager.for_user(user, action).get(**lookup)
    except (manager.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def in_scope(obj: models.Model, user, action: str) -> bool:
    """Re-check after a write that the object is still inside the user's scope."""
    return type(obj).objects.for_user(user, action).filter(pk=obj.pk).exists()
