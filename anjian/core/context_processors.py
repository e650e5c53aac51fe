"""Navigation that shows only what is built and what the user may use (see core.navigation)."""

from django.urls import reverse

from anjian.core.navigation import GROUPS, ITEMS
from anjian.core.scope import user_can


def _visible(user, model_path, roles) -> bool:
    if roles:
        return user.has_role(*roles)
    if model_path:
        from django.apps import apps

        return user_can(user, "view", apps.get_model(model_path))
    return True


def navigation(request):
    """`nav_items`: every visible item in order; `nav_groups`: the same, grouped for the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_groups": []}
    order = {key: i for i, (key, _label) in enumerate(GROUPS)}
    items = []
    for item in sorted(ITEMS, key=lambda i: order[i.group]):
        if _visible(user, item.model, item.roles) or (item.also and item.also(user)):
            items.append({"label": item.label, "url": reverse(item.url_name), "active": False,
                          "group": item.group})
    # The item whose address is the longest prefix of this page is the active one.
    matches = [i for i in items if request.path.startswith(i["url"])
               and (i["url"] != "/" or request.path == "/")]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    groups = []
    for key, label in GROUPS:
        members = [i for i in items if i["group"] == key]
        if members:
            groups.append({"key": key, "label": label, "items": members,
                           "active": any(i["active"] for i in members)})
    return {"nav_items": items, "nav_groups": groups}
