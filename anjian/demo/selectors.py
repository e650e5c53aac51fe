"""Reads about the demo in the database: the same fingerprint as `Plan.fingerprint`, computed from
what was stored, so a test can tell that two builds wrote the same data."""

from __future__ import annotations

from anjian.accounts.models import Person, User
from anjian.demo.specs import fingerprint, fingerprint_lines
from anjian.demo.township import DISTRICT_CODE
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit


def database_fingerprint(usernames: list[str]) -> str:
    district = Region.objects.get(code=DISTRICT_CODE)
    regions = Region.objects.filter(path__startswith=district.path)
    people = Person.objects.filter(region__in=regions).select_related("region")
    units = Unit.objects.filter(region__in=regions).select_related("region")
    return fingerprint(fingerprint_lines(
        regions=list(regions.values_list("code", "name")),
        organisations=list(Organisation.objects.filter(region__in=regions)
                           .values_list("name", flat=True)),
        people=[(p.name, p.region.code, p.position, p.phone) for p in people],
        units=[(u.name, u.credit_code, u.subcategory, u.region.code, u.longitude, u.latitude)
               for u in units],
        users=list(User.objects.filter(username__in=usernames).values_list("username", flat=True)),
    ))
