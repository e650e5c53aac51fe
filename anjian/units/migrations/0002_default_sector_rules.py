"""Default 三管三必须 rules: which sector supervises which kind of unit. Offices edit them."""

from django.db import migrations

# (category, subcategory or "", sector code)
RULES = [
    ("enterprise", "", "industry_trade"),
    ("enterprise", "hazardous_chemicals", "hazardous_chemicals"),
    ("enterprise", "fireworks_production", "fireworks"),
    ("enterprise", "construction", "construction"),
    ("enterprise", "road_transport", "road_traffic"),
    ("enterprise", "food_processing", "food"),
    ("enterprise", "agriculture", "agriculture"),
    ("small_venue", "", "fire"),
    ("street_shop", "", "fire"),
    ("crowded_place", "", "fire"),
    ("crowded_place", "school", "education"),
    ("crowded_place", "kindergarten", "education"),
    ("crowded_place", "health_centre", "health"),
    ("crowded_place", "hospital", "health"),
    ("crowded_place", "nursing_home", "civil_affairs"),
    ("crowded_place", "supermarket", "commerce"),
    ("crowded_place", "market", "commerce"),
    ("crowded_place", "religious_site", "religion"),
    ("crowded_place", "poverty_relief_workshop", "industry_trade"),
    ("mine", "", "mining"),
    ("tailings_pond", "", "mining"),
    ("abandoned_pit", "", "mining"),
    ("gas_station", "", "hazardous_chemicals"),
    ("gas_sales_point", "", "gas"),
    ("fireworks_outlet", "", "fireworks"),
    ("forest_area", "", "forestry"),
    ("reservoir", "", "water"),
    ("road_section", "", "road_traffic"),
    ("geological_hazard", "", "geology"),
    ("accident_prone_spot", "", "road_traffic"),
    ("accident_prone_spot", "dangerous_water", "water"),
]


def add(apps, schema_editor):
    Sector = apps.get_model("regions", "Sector")
    SectorRule = apps.get_model("units", "SectorRule")
    sectors = {s.code: s for s in Sector.objects.all()}
    for category, subcategory, code in RULES:
        SectorRule.objects.get_or_create(
            category=category, subcategory=subcategory, industry_section="",
            defaults={"sector": sectors[code]},
        )


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial"), ("regions", "0002_default_sectors")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
