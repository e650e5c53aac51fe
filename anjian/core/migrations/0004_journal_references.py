# The journal's references without database constraints (an entry never changes: a deleted user
# keeps their id in it, which the hash covers) and its request id under a plain index (db_index
# added an unused LIKE index on PostgreSQL to every journal write).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_journal_type_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='journalentry',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人'),
        ),
        migrations.AlterField(
            model_name='journalentry',
            name='content_type',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AlterField(
            model_name='journalentry',
            name='request_id',
            field=models.CharField(blank=True, max_length=36, verbose_name='请求编号'),
        ),
        migrations.AddIndex(
            model_name='journalentry',
            index=models.Index(fields=['request_id'], name='core_journal_request_id'),
        ),
    ]
