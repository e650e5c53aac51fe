"""What each role may do on each object type, and how a user's role assignments become grants.

The matrix below is the single source of permissions; `ScopedQuerySet.for_user` applies it together
with each grant's region subtree, sectors or units. Apps that add unit-based access (an enterprise's
own unit, an expert's assigned units) register a provider with `register_grant_provider`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from anjian.accounts.choices import Role
from anjian.core.scope import ADD, CHANGE, DELETE, VIEW, Grant

REGION, ORGANISATION, PERSON, UNIT = (
    "regions.region", "regions.organisation", "accounts.person", "units.unit"
)
ALL = frozenset({VIEW, ADD, CHANGE, DELETE})
RO = frozenset({VIEW})
EDIT = frozenset({VIEW, ADD, CHANGE})

PERMISSIONS: dict[str, dict[str, frozenset[str]]] = {
    Role.LEADER: {REGION: RO, ORGANISATION: RO, PERSON: RO, UNIT: RO},
    Role.SAFETY_OFFICE: {REGION: ALL, ORGANISATION: ALL, PERSON: ALL, UNIT: ALL},
    Role.AGENCY: {REGION: RO, ORGANISATION: RO, PERSON: RO, UNIT: frozenset({VIEW, CHANGE})},
    Role.VILLAGE: {REGION: RO, PERSON: EDIT, UNIT: EDIT},
    Role.GRID_WORKER: {REGION: RO, UNIT: EDIT},
    Role.ENTERPRISE: {UNIT: frozenset({VIEW, CHANGE})},
    Role.EXPERT: {UNIT: RO},
    Role.SYSTEM_ADMIN: {REGION: ALL, ORGANISATION: ALL, PERSON: ALL},
    Role.SECURITY_ADMIN: {},
    Role.AUDIT_ADMIN: {},
}

# Roles whose grant is a region subtree, and the region levels each may be given.
REGION_ROLES = {
    Role.LEADER: (1, 2),
    Role.SAFETY_OFFICE: (1, 2),
    Role.VILLAGE: (3,),
    Role.GRID_WORKER: (4,),
    Role.SYSTEM_ADMIN: (1, 2),
    Role.SECURITY_ADMIN: (1, 2),
    Role.AUDIT_ADMIN: (1, 2),
}
ORGANISATION_ROLES = {Role.AGENCY}
UNIT_ROLES = {Role.ENTERPRISE, Role.EXPERT}



def register_permissions(label: str, by_role: dict[str, frozenset[str]]) -> None:
    """Let a later app add its object type to the matrix (called from its AppConfig.ready)."""
    for role, actions in by_role.items():
        PERMISSIONS[role][label] = frozenset(actions)


GrantProvider = Callable[[object], Iterable[Grant]]
_providers: list[GrantProvider] = []


def register_grant_provider(provider: GrantProvider, reads: Iterable[type] = ()) -> None:
    """`reads`: the models whose rows the provider's grants come from (their writes make every
    process read grants again, see accounts.grant_cache)."""
    from anjian.accounts.grant_cache import watch_tables

    watch_tables(*(model._meta.db_table for model in reads))
    if provider not in _providers:
        _providers.append(provider)


def role_grants(user) -> list:
    """The user's role assignments (RoleGrant rows), read once per user object: grant providers
    that need them (an agency's own organisation) add no query."""
    cached = getattr(user, "_role_grants_loaded", None)
    if cached is None:
        cached = list(user.role_grants.select_related("region", "organisation__region").all())
        user._role_grants_loaded = cached
    return cached


def region_grants(user) -> list[Grant]:
    grants = []
    for rg in role_grants(user):
        perms = PERMISSIONS.get(rg.role, {})
        if rg.role in ORGANISATION_ROLES and rg.organisation_id:
            org = rg.organisation
            sectors = frozenset(org.sectors.values_list("pk", flat=True))
            region = rg.region or org.region
            grants.append(Grant(rg.role, perms, region.path, sectors))
        elif rg.region_id:
            grants.append(Grant(rg.role, perms, rg.region.path))
    return grants


# Object types an agency reaches through its own organisation (`ScopeSpec.organisation`): its daily
# reports, its responsibility agreement … — not through its town-and-sectors grant, which would
# show it every village's. Apps add theirs with `register_own_organisation`.
OWN_ORGANISATION: dict[str, frozenset[str]] = {}


def register_own_organisation(label: str, actions: Iterable[str]) -> None:
    OWN_ORGANISATION[label] = frozenset(actions)


def own_organisation_grants(user) -> list[Grant]:
    org_ids = frozenset(rg.organisation_id for rg in role_grants(user)
                        if rg.role in ORGANISATION_ROLES and rg.organisation_id)
    if not org_ids or not OWN_ORGANISATION:
        return []
    return [Grant(Role.AGENCY, dict(OWN_ORGANISATION), organisation_ids=org_ids)]


def grants_for(user) -> list[Grant]:
    """The user's grants; kept by this process while none of the rows they come from changes."""
    from anjian.accounts.grant_cache import grants

    return grants(user, _grants)


def _grants(user) -> list[Grant]:
    grants = region_grants(user) + own_organisation_grants(user)
    for provider in _providers:
        grants.extend(provider(user))
    return grants


def unit_grant(role: str, unit_ids: Iterable[int]) -> Grant:
    return Grant(role, PERMISSIONS[role], unit_ids=frozenset(unit_ids))
