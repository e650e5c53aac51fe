"""Install the built-in checklists, inspection frequencies by risk colour and leader rules."""

from django.db import migrations

from anjian.inspections.builtin import add

__all__ = ["add"]


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
