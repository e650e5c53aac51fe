"""The installation-wide grading scheme (风险分级标准) shipped as data: domain.md §5.2 LEC variant A
(红 D>320, 橙 160<D≤320, 黄 70<D≤160, 蓝 D≤70) and §5.3 LS variant 1 (红 R≥20, 橙 9–16, 黄 4–8,
蓝 1–3). Configurable defaults (no national mapping exists): a town's office sets its own."""

from decimal import Decimal

from django.db import migrations


def add(apps, schema_editor):
    GradingScheme = apps.get_model("risks", "GradingScheme")
    GradingScheme.objects.get_or_create(town=None, defaults={
        "lec_red": Decimal("320"), "lec_orange": Decimal("160"), "lec_yellow": Decimal("70"),
        "ls_red": 20, "ls_orange": 9, "ls_yellow": 4, "version": 1})


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
