"""Reads of the unit registry."""

from __future__ import annotations

from anjian.accounts.roles import unit_grant
from anjian.core.scope import Grant


def unit_access_grants(user) -> list[Grant]:
    """Grants from UnitAccess rows: an enterprise's own unit, an expert's assigned units."""
    from anjian.units.models import UnitAccess

    by_role: dict[str, set[int]] = {}
    for role, unit_id in UnitAccess.objects.filter(user=user).values_list("role", "unit_id"):
        by_role.setdefault(role, set()).add(unit_id)
    return [unit_grant(role, ids) for role, ids in by_role.items()]


def unit_list(user, *, action: str = "view"):
    """The units a user may see, with what list pages and exports display."""
    from anjian.units.models import Unit

    return Unit.objects.for_user(user, action).select_related("region", "region__parent", "sector")
