"""`anjian demo`: load the demo township 西张村镇 and print one demo login per role.

Safe to run again: it adds only what is missing and prints the logins every time.
"""

import time
import unicodedata

from django.core.management.base import BaseCommand

from anjian.accounts.choices import Role
from anjian.demo import DEMO_PASSWORD
from anjian.demo.builder import DemoResult, build_demo
from anjian.demo.summary import ledger_counts

KINDS = [("regions", "区划/网格"), ("organisations", "机关站所"), ("people", "人员"),
         ("units", "监管对象"), ("users", "用户"), ("plans", "检查计划"), ("records", "检查记录"),
         ("hazards", "隐患")]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


class Command(BaseCommand):
    help = "Load the demo township 西张村镇 (idempotent) and print one demo login per role."

    def handle(self, *args, **options):
        started = time.monotonic()
        result = build_demo()
        seconds = time.monotonic() - started
        created = "、".join(f"{result.created[k]}个{label}" for k, label in KINDS if result.created[k])
        if created:
            self.stdout.write(self.style.SUCCESS(
                f"演示乡镇 西张村镇 demo township: 新建 {created}（用时 {seconds:.1f} 秒）"))
        else:
            self.stdout.write(f"演示乡镇 西张村镇 demo township: 已完整存在，未新建任何对象（用时 {seconds:.1f} 秒）")
        others = [(k, n) for k, n in sorted(result.created.items())
                  if n and k not in dict(KINDS)]
        if others:  # the other ledgers' rows, by their builders' names
            self.stdout.write("其他台账 other ledgers: " + ", ".join(f"{k} {n}" for k, n in others))
        counts = ledger_counts()
        if counts is not None and (counts.records or counts.total_hazards):
            self.stdout.write(counts.line())
        self.stdout.write(self.login_table(result))

    def login_table(self, result: DemoResult) -> str:
        lines = ["", f"演示登录 demo logins（密码 password: {DEMO_PASSWORD}）:"]
        header = (_pad("用户名 username", 18), _pad("密码 password", 16), _pad("角色 role", 24), "可见范围 scope")
        lines.append("  " + "".join(header))
        for spec in result.plan.users:
            user = result.users[spec.username]
            role = f"{Role(spec.role).label}（{user.display_name}）"
            lines.append("  " + _pad(spec.username, 18) + _pad(DEMO_PASSWORD, 16) + _pad(role, 24)
                         + spec.sees)
        lines.append("已有账号不会被修改；若改过密码，以修改后的为准。"
                     " Existing accounts are left as they are.")
        return "\n".join(lines)
