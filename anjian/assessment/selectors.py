"""Who sees which scheme, ranking line and accountability action. The ranking itself is computed
in `assessment.ranking` (`compute`, re-exported here)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from anjian.assessment.models import AccountabilityAction, Scheme, TargetKind
from anjian.assessment.ranking import compute  # noqa: F401 (re-exported)
from anjian.core.scope import VIEW
from anjian.regions.models import Organisation, Region


def village_regions(user) -> list[Region]:
    """The villages a village login (村（社区）) speaks for."""
    from anjian.accounts.choices import Role
    from anjian.accounts.roles import role_grants

    return [g.region for g in role_grants(user) if g.role == Role.VILLAGE and g.region_id]


def agency_organisations(user) -> list[Organisation]:
    """The organisations an agency login (机关站所) speaks for."""
    from anjian.accounts.roles import ORGANISATION_ROLES, role_grants

    return [g.organisation for g in role_grants(user)
            if g.role in ORGANISATION_ROLES and g.organisation_id]


def schemes_for(user):
    """Office and leaders: their towns' schemes; a village: its town's village schemes; an agency:
    its town's organisation schemes (active ones)."""
    village_towns = [r.ancestor_ids[-2] for r in village_regions(user) if len(r.ancestor_ids) > 1]
    agency_towns = [o.region.ancestor_ids[1] if o.region.level > 2 else o.region_id
                    for o in agency_organisations(user)]
    mine = Scheme.objects.for_user(user, VIEW).values("pk")
    return (Scheme.objects.filter(
        Q(pk__in=mine)
        | Q(region__in=village_towns, active=True, target=TargetKind.VILLAGE)
        | Q(region__in=agency_towns, active=True, target=TargetKind.ORGANISATION))
        .select_related("region"))


def may_see_breakdown(user, scheme: Scheme, target_pk: int | None) -> bool:
    """The office and leaders see every breakdown of their town's schemes; a village its own, an
    agency its organisation's, a leader with a login their own."""
    if Scheme.objects.for_user(user, VIEW).filter(pk=scheme.pk).exists():
        return True
    if target_pk is None:
        return False
    if scheme.target == TargetKind.VILLAGE:
        return any(r.pk == target_pk for r in village_regions(user))
    if scheme.target == TargetKind.ORGANISATION:
        return any(o.pk == target_pk for o in agency_organisations(user))
    return getattr(user, "person_id", None) == target_pk


def own_targets(user, scheme: Scheme) -> set[int]:
    """The targets of `scheme` whose breakdown the user sees as their own."""
    if scheme.target == TargetKind.VILLAGE:
        return {r.pk for r in village_regions(user)}
    if scheme.target == TargetKind.ORGANISATION:
        return {o.pk for o in agency_organisations(user)}
    return {user.person_id} if getattr(user, "person_id", None) else set()


def actions_for(user) -> QuerySet[AccountabilityAction]:
    """Actions in the user's scope, and those aimed at the user's own person record."""
    scoped = AccountabilityAction.objects.for_user(user, VIEW).values("pk")
    q = Q(pk__in=scoped)
    if getattr(user, "person_id", None):
        q |= Q(person_id=user.person_id)
    return (AccountabilityAction.objects.filter(q)
            .select_related("region", "village", "organisation", "person", "unit", "hazard",
                            "accident", "snapshot", "issued_by"))


def actions_on(user, scheme: Scheme, target_pk: int) -> QuerySet[AccountabilityAction]:
    """The actions aimed at one target of a scheme's kind."""
    name = {TargetKind.VILLAGE: "village", TargetKind.ORGANISATION: "organisation",
            TargetKind.LEADER: "person"}[scheme.target]
    return actions_for(user).filter(**{f"{name}_id": target_pk})
