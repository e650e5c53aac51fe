"""Trigram indexes for the ledger's free-text search (PostgreSQL only).

`HazardFilterSet.filter_q` matches `UPPER(number) LIKE UPPER('%…%')` and `description LIKE '%…%'`: with
pg_trgm's GIN indexes PostgreSQL answers both from the index for a word of three or more
characters (Chinese ones included: pg_trgm makes trigrams of any multibyte letters, checked with
`show_trgm('灭火器过期')` on a C.UTF-8 server) instead of reading 1,000,000 descriptions. SQLite
has no such index and scans, as before. pg_trgm is a trusted extension (PostgreSQL 13+): the
database's owner may create it.
"""

from django.db import migrations

# Django's icontains on PostgreSQL is `UPPER(number::text) LIKE UPPER(…)`: the number's index is on
# that expression.
INDEXES = {
    "hazard_number_trgm": "(upper(number::text))",
    "hazard_description_trgm": "description",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON hazards_hazard "
                              f"USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("hazards", "0003_ledger_covering_indexes"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
