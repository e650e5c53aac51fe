"""The map's data as GeoJSON: the polygons of the region's children (a town's villages, a village's
grids), its units coloured by risk level, and its open hazards at their units' positions.

Tiles are a setting (ANJIAN_MAP_TILES, e.g. 天地图 with its key); without one the map draws the
polygons and points on a plain background, which needs no network at all.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from anjian.hazards.choices import OPEN_STATES
from anjian.hazards.models import Hazard
from anjian.regions.models import Region
from anjian.units.choices import Category, RiskLevel, UnitStatus
from anjian.units.models import Unit

UNITS_MAX = 5000  # points drawn at most (a county's 50,000 units would not help anyone)
HAZARDS_MAX = 2000
RISK_COLOURS = {RiskLevel.RED: "#d9534f", RiskLevel.ORANGE: "#fd7e14",
                RiskLevel.YELLOW: "#ffc107", RiskLevel.BLUE: "#0d6efd"}
UNRATED_COLOUR = "#6c757d"


def tile_settings() -> dict:
    return {"url": getattr(settings, "ANJIAN_MAP_TILES", ""),
            "attribution": getattr(settings, "ANJIAN_MAP_ATTRIBUTION", "")}


def category_choices() -> list[tuple[str, str]]:
    return [(c.value, str(c.label)) for c in Category]


def _polygons(user, region: Region) -> list[dict]:
    areas = [r for r in Region.objects.for_user(user).filter(parent=region) if r.boundary]
    if not areas and region.boundary:
        areas = [region]
    return [{"type": "Feature", "geometry": r.boundary,
             "properties": {"kind": "region", "name": r.name, "code": r.code,
                            "url": f"{reverse('dashboard:map')}?region={r.pk}"}} for r in areas]


def _point(lon, lat, **properties) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": properties}


def features(user, region: Region, *, category: str = "") -> dict:
    units = (Unit.objects.for_user(user).filter(
        region__path__startswith=region.path, status=UnitStatus.ACTIVE,
        longitude__isnull=False, latitude__isnull=False))
    if category:
        units = units.filter(category=category)
    labels = dict(Category.choices)
    unit_features = [
        _point(u["longitude"], u["latitude"], kind="unit", name=u["name"],
               category=str(labels.get(u["category"], "")),
               colour=RISK_COLOURS.get(u["risk_level"], UNRATED_COLOUR),
               url=reverse("units:detail", args=[u["pk"]]))
        for u in units.order_by("pk").values("pk", "name", "category", "risk_level",
                                              "longitude", "latitude")[:UNITS_MAX]]
    hazards = (Hazard.objects.for_user(user).filter(
        region__path__startswith=region.path, state__in=OPEN_STATES,
        unit__longitude__isnull=False, unit__latitude__isnull=False))
    if category:
        hazards = hazards.filter(unit__category=category)
    hazard_features = [
        _point(h["unit__longitude"], h["unit__latitude"], kind="hazard", name=h["number"],
               unit=h["unit__name"], level=h["level"], text=h["description"][:60],
               url=reverse("hazards:detail", args=[h["pk"]]))
        for h in hazards.order_by("-discovered_at").values(
            "pk", "number", "level", "description", "unit__name", "unit__longitude",
            "unit__latitude")[:HAZARDS_MAX]]
    return {"type": "FeatureCollection",
            "features": _polygons(user, region) + unit_features + hazard_features,
            "truncated": len(unit_features) == UNITS_MAX or len(hazard_features) == HAZARDS_MAX}
