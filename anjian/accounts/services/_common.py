"""Helpers shared by the account services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.accounts.choices import Duty, Role
from anjian.core.scope import in_scope
from anjian.regions.choices import RegionLevel

PERSON_FIELDS = ("name", "phone", "region", "organisation", "duty", "position", "is_active")
USER_FIELDS = ("username", "display_name", "phone", "email", "person")
USER_JOURNAL_FIELDS = (*USER_FIELDS, "is_active")
# 三员分立: one user never holds two of the three administrator roles.
ADMIN_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
# Where each duty sits on the tree (人员落位): grid workers on grids, cadres on villages.
DUTY_LEVELS = {
    Duty.GRID_WORKER: (RegionLevel.GRID,),
    Duty.CADRE: (RegionLevel.VILLAGE,),
    Duty.VILLAGE_SECRETARY: (RegionLevel.VILLAGE,),
    Duty.LEADER: (RegionLevel.COUNTY, RegionLevel.TOWN),
}
REQUIRED = gettext_lazy("必填项不能为空")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _too_long(value: str, limit: int) -> str | None:
    return _("长度不能超过%(n)d个字符") % {"n": limit} if len(value) > limit else None


def _out_of_scope() -> PermissionDenied:
    return PermissionDenied(_("该对象不在您的管辖范围内"))


def _assert_scope(obj, actor, action) -> None:
    if actor is not None and not in_scope(obj, actor, action):
        raise _out_of_scope()
