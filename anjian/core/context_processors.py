"""Navigation that shows only what is built and what the user may use."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import user_can

# (label, url name, model path or None, required roles or None). Later issues append here.
NAV_ITEMS = [
    (_("首页"), "home", None, None),
    (_("监管对象"), "units:list", "units.Unit", None),
    (_("隐患排查"), "inspections:record_list", "inspections.InspectionRecord", None),
    (_("检查计划"), "inspections:plan_list", "inspections.InspectionPlan", None),
    (_("检查覆盖"), "inspections:coverage", "inspections.InspectionRecord", None),
    (_("隐患台账"), "hazards:list", "hazards.Hazard", None),
    (_("隐患统计"), "hazards:statistics", "hazards.Hazard", None),
    (_("区划网格"), "regions:list", "regions.Region", None),
    (_("机关站所"), "regions:organisation_list", "regions.Organisation", None),
    (_("人员"), "accounts:person_list", "accounts.Person", None),
    (_("三管三必须"), "units:rules", None, ("safety_office",)),
    (_("工作日历"), "workdays:year_list", None, ("safety_office",)),
    (_("用户管理"), "accounts:user_list", None, ("system_admin",)),
    (_("登录锁定"), "accounts:lockouts", None, ("security_admin",)),
    (_("变更日志"), "core:journal", None, ("audit_admin",)),
    (_("接口文档"), "api-docs", None, None),
]


def _visible(user, model_path, roles) -> bool:
    if roles:
        return user.has_role(*roles)
    if model_path:
        from django.apps import apps

        return user_can(user, "view", apps.get_model(model_path))
    return True


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label, url_name, model_path, roles in NAV_ITEMS:
        if _visible(user, model_path, roles):
            items.append({"label": label, "url": reverse(url_name), "active": False})
    # The item whose address is the longest prefix of this page is the active one.
    matches = [i for i in items if request.path.startswith(i["url"])
               and (i["url"] != "/" or request.path == "/")]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return {"nav_items": items}
