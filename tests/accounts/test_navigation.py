"""The navigation shows the administration pages only to their roles."""

import pytest

ITEMS = {"用户管理": "system_admin", "登录锁定": "security_admin", "三管三必须": "safety_office"}


@pytest.mark.parametrize("who", ["sysadmin", "secadmin", "office", "auditor", "village_a"])
def test_admin_items_follow_roles(world, client, who):
    client.force_login(world.users[who])
    labels = {str(item["label"]) for item in client.get("/").context["nav_items"]}
    roles = world.users[who].roles
    for label, role in ITEMS.items():
        assert (label in labels) == (role in roles), label
