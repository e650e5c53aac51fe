# One round trip instead of two for every journal write on PostgreSQL: a function that takes the
# chain's lock and then reads the last hash (core.journal_chain._locked_tail). A VOLATILE function
# takes a new snapshot for each statement in it, so the read sees what the lock's last holder
# committed. SQLite needs no lock (its writers already take turns) and gets nothing here.

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION anjian_journal_tail(lock_key bigint) RETURNS varchar
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    tail varchar;
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    SELECT hash INTO tail FROM core_journalentry WHERE hash <> '' ORDER BY id DESC LIMIT 1;
    RETURN tail;
END $$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS anjian_journal_tail(bigint)")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_journal_references'),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
