"""Defaults of the drill-frequency table (《生产安全事故应急条例》 Art. 8, domain.md §10.2): the town at
least every 24 months; units handling dangerous goods, mines, metal smelting, construction and
crowded places at least every 6 months. The office may change them."""

from django.db import migrations

BASIS = "《生产安全事故应急条例》第八条"
# A frozen copy of models.drills.DEFAULT_REQUIREMENTS as it was when this migration was written.
DEFAULTS = [
    ("town", "", "", 24),
    ("unit", "crowded_place", "", 6),
    ("unit", "mine", "", 6),
    ("unit", "tailings_pond", "", 6),
    ("unit", "gas_station", "", 6),
    ("unit", "gas_sales_point", "", 6),
    ("unit", "fireworks_outlet", "", 6),
    ("unit", "enterprise", "hazardous_chemicals", 6),
    ("unit", "enterprise", "fireworks_production", 6),
    ("unit", "enterprise", "metallurgy", 6),
    ("unit", "enterprise", "construction", 6),
]


def load(apps, schema_editor):
    Requirement = apps.get_model("emergency", "DrillRequirement")
    for target, category, subcategory, months in DEFAULTS:
        Requirement.objects.get_or_create(target=target, category=category,
                                          subcategory=subcategory,
                                          defaults={"interval_months": months, "basis": BASIS})


def unload(apps, schema_editor):
    apps.get_model("emergency", "DrillRequirement").objects.filter(basis=BASIS).delete()


class Migration(migrations.Migration):
    dependencies = [("emergency", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
