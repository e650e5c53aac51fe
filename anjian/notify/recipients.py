"""Who receives a notification, by role: the users of a region (and the regions above it), of a
unit, of an organisation, or the accounts of given people."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from anjian.accounts.choices import Role


def _active():
    return get_user_model().objects.filter(is_active=True)


def region_users(region, roles: Iterable[str]) -> list:
    """Users holding one of `roles` on `region` or on a region above it (a town's office hears
    about its villages)."""
    return list(_active().filter(role_grants__role__in=list(roles),
                                 role_grants__region_id__in=region.ancestor_ids).distinct())


def unit_users(unit_id: int) -> list:
    """The unit's own accounts (企业)."""
    return list(_active().filter(unit_access__unit_id=unit_id,
                                 unit_access__role=Role.ENTERPRISE).distinct())


def organisation_users(organisation_id: int) -> list:
    """The agency accounts of an organisation (机关站所)."""
    return list(_active().filter(role_grants__role=Role.AGENCY,
                                 role_grants__organisation_id=organisation_id).distinct())


def sector_agency_users(sector_id: int, region) -> list:
    """Agency accounts whose organisation supervises `sector_id` (三管三必须) above `region`."""
    return list(_active().filter(
        role_grants__role=Role.AGENCY, role_grants__organisation__sectors=sector_id,
        role_grants__organisation__region_id__in=region.ancestor_ids).distinct())


def person_users(person_ids: Iterable[int]) -> list:
    """The accounts of these people (a person may have none)."""
    return list(_active().filter(person_id__in=[p for p in person_ids if p]))
