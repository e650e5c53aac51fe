"""The navigation: groups of pages, each app registering its own (from its AppConfig.ready).

An item shows when the user holds one of its roles, or, without roles, may view its model (any
scope); items without either show to everyone signed in. `also(user)` shows an item to someone
else besides (a forest ranger without a role sees the page where they check in). Groups keep a phone's menu short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    group: str
    label: str
    url_name: str
    model: str | None = None  # "app_label.Model": shown to whoever may view it
    roles: tuple[str, ...] | None = None  # shown only to these roles
    also: Callable[[object], bool] | None = None  # shown besides to users it accepts


# (key, label) in display order; "" is the top level.
GROUPS = [
    ("", ""),
    ("registry", _("基础台账")),
    ("inspections", _("排查治理")),
    ("emergency", _("值班应急")),
    ("accidents", _("事故统计")),
    ("responsibility", _("责任考核")),
    ("system", _("系统")),
]

ITEMS: list[NavItem] = []


def register_nav(group: str, label, url_name: str, model: str | None = None,
                 roles: tuple[str, ...] | None = None,
                 also: Callable[[object], bool] | None = None) -> None:
    """Add a page to a group's menu (idempotent: ready() may run twice in tests)."""
    if group not in dict(GROUPS):
        raise ValueError(f"unknown navigation group {group!r}")
    item = NavItem(group, label, url_name, model, roles, also)
    if item not in ITEMS:
        ITEMS.append(item)


for _args in [
    ("", _("首页"), "home"),
    ("registry", _("监管对象"), "units:list", "units.Unit"),
    ("registry", _("区划网格"), "regions:list", "regions.Region"),
    ("registry", _("机关站所"), "regions:organisation_list", "regions.Organisation"),
    ("registry", _("人员"), "accounts:person_list", "accounts.Person"),
    ("registry", _("三管三必须"), "units:rules", None, ("safety_office",)),
    ("inspections", _("隐患排查"), "inspections:record_list", "inspections.InspectionRecord"),
    ("inspections", _("检查计划"), "inspections:plan_list", "inspections.InspectionPlan"),
    ("inspections", _("检查覆盖"), "inspections:coverage", "inspections.InspectionRecord"),
    ("inspections", _("隐患台账"), "hazards:list", "hazards.Hazard"),
    ("inspections", _("隐患统计"), "hazards:statistics", "hazards.Hazard"),
    ("system", _("工作日历"), "workdays:year_list", None, ("safety_office",)),
    ("system", _("用户管理"), "accounts:user_list", None, ("system_admin",)),
    ("system", _("登录锁定"), "accounts:lockouts", None, ("security_admin",)),
    ("system", _("变更日志"), "core:journal", None, ("audit_admin",)),
    ("system", _("接口文档"), "api-docs"),
]:
    register_nav(*_args)
