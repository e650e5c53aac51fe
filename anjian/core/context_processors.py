"""Navigation that shows only what is built and what the user may use."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import user_can

# (label, url name, model path or None, required roles or None). Later issues append here.
NAV_ITEMS = [
    (_("首页"), "home", None, None),
    (_("监管对象"), "units:list", "units.Unit", None),
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
            url = reverse(url_name)
            items.append({"label": label, "url": url, "active": request.path.startswith(url)
                          and (url != "/" or request.path == "/")})
    return {"nav_items": items}
