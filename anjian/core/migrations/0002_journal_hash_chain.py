"""Hash-chain the journal: add prev_hash and hash, and chain the entries already there, in id
order, so `anjian verify-journal` passes on an upgraded database.

created_at stops being auto_now_add (a default instead): the journal sets it before hashing, and
auto_now_add would overwrite it at insert time with a value the hash does not cover."""

import django.utils.timezone
from django.db import migrations, models


def chain_existing(apps, schema_editor):
    # The chain code works on the historical model; it hashes the same content the app does.
    from anjian.core.journal_chain import seal_pending

    model = apps.get_model("core", "JournalEntry")
    seal_pending(using=schema_editor.connection.alias, model=model)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="journalentry",
            name="created_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now,
                                       editable=False, verbose_name="时间"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="prev_hash",
            field=models.CharField(blank=True, db_default="", default="", editable=False,
                                   max_length=64, verbose_name="前一条哈希"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="hash",
            field=models.CharField(blank=True, db_default="", default="", editable=False,
                                   max_length=64, verbose_name="哈希"),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop, elidable=False),
    ]
