"""Reads of the region tree: where a user may place things, and the tree with its counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from anjian.regions.models import Region


def regions_for_placing(user, model, action: str) -> QuerySet[Region]:
    """Regions inside the subtrees where the user's grants allow `action` on `model`.

    A village cadre may add people (accounts.person) in the village although regions themselves
    are read-only to them, so placing follows the placed model's permission, not the region's.
    """
    regions = Region.objects.all()
    if user.is_superuser:
        return regions
    label = model._meta.label_lower
    paths = {g.region_path for g in user.scope_grants
             if g.region_path is not None and g.allows(label, action)}
    if not paths:
        return regions.none()
    q = Q()
    for path in sorted(paths):
        q |= Q(path__startswith=path)
    return regions.filter(q)


@dataclass
class Node:
    region: Region
    units: int = 0  # in the subtree, as the user may see them
    people: int = 0
    children: list[Node] = field(default_factory=list)


def region_tree(user) -> list[Node]:
    """The visible tree as nested nodes (roots first), each with subtree counts of active units
    and people in the user's scope. Three queries whatever the size of the tree."""
    from anjian.accounts.models import Person
    from anjian.units.choices import UnitStatus
    from anjian.units.models import Unit

    regions = list(Region.objects.for_user(user).order_by("path"))
    units = dict(Unit.objects.for_user(user).filter(status=UnitStatus.ACTIVE)
                 .values_list("region").annotate(n=Count("pk")).order_by())
    people = dict(Person.objects.for_user(user).filter(is_active=True)
                  .values_list("region").annotate(n=Count("pk")).order_by())
    nodes = {r.pk: Node(r, units.get(r.pk, 0), people.get(r.pk, 0)) for r in regions}
    roots: list[Node] = []
    for region in regions:
        node = nodes[region.pk]
        parent = nodes.get(region.parent_id)
        (parent.children if parent else roots).append(node)
    for region in reversed(regions):  # deepest first: add each subtree to its parent
        node, parent = nodes[region.pk], nodes.get(region.parent_id)
        if parent:
            parent.units += node.units
            parent.people += node.people
        node.children.sort(key=lambda n: n.region.code)
    roots.sort(key=lambda n: n.region.code)
    return roots
