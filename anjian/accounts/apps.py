from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "anjian.accounts"
    label = "accounts"
    verbose_name = _("人员与账号")

    def ready(self) -> None:
        from anjian.accounts import grant_cache
        from anjian.accounts.models import RoleGrant
        from anjian.regions.models import Organisation, Region

        grant_cache.watch_tables(RoleGrant._meta.db_table, Region._meta.db_table,
                                 Organisation._meta.db_table, Organisation.sectors.through._meta.db_table)
        post_migrate.connect(_install_grant_triggers, sender=self)


def _install_grant_triggers(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from anjian.accounts import grant_cache

    grant_cache.install(connections[using])
