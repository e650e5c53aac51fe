"""API token authentication that also reads the grants' version token (accounts.grant_cache) in the
same query as the API token and its user: every API call then costs one round trip less."""

from __future__ import annotations

from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from anjian.accounts import grant_cache


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's `TokenAuthentication` (header `Authorization: Token <key>`), one query."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            token = (model.objects.select_related("user")
                     .annotate(grants_token=RawSQL(grant_cache.TOKEN_SQL, ())).get(key=key))
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        grant_cache.read_with(token.user, token.grants_token)
        return token.user, token
