"""Writes for people on the tree (人员), users (用户) and their roles (角色授权、对象授权).

Every function is keyword-only with `actor` (None = the system: demo, commands), atomic, validated
with Chinese messages raised as ValidationError({field: message}), re-checks scope after the write
and journals the change. People are scoped like any region-scoped row; users are managed by system
administrators (系统管理员) within their region subtrees (accounts.selectors.manageable_users).
"""


from anjian.accounts.services.grants import (
    role_grant_create,
    role_grant_revoke,
    unit_access_grant,
    unit_access_revoke,
)
from anjian.accounts.services.people import person_create, person_deactivate, person_update
from anjian.accounts.services.security import login_lockout_reset
from anjian.accounts.services.users import (
    user_activate,
    user_create,
    user_deactivate,
    user_set_password,
    user_update,
)

__all__ = [
    "login_lockout_reset",
    "person_create",
    "person_deactivate",
    "person_update",
    "role_grant_create",
    "role_grant_revoke",
    "unit_access_grant",
    "unit_access_revoke",
    "user_activate",
    "user_create",
    "user_deactivate",
    "user_set_password",
    "user_update",
]
