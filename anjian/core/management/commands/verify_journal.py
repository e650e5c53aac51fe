"""`anjian verify-journal`: check the journal's hash chain and name every tampered entry.

Exits with status 1 when any entry fails (so cron or monitoring can alert), 0 when the chain is
intact. Reads the whole journal once, in batches; see docs/journal.md for what a failure means.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from anjian.core.journal import check_chain


class Command(BaseCommand):
    help = "Verify the journal's hash chain (变更日志防篡改校验); exit status 1 if any entry was tampered with."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000,
                            help="rows read per query (default 5000)")
        parser.add_argument("--show", type=int, default=100,
                            help="list at most this many problems in detail (default 100)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, batch_size, show, database, **options):
        report = check_chain(batch_size=batch_size, using=database)
        if report.ok:
            self.stdout.write(self.style.SUCCESS(
                _("日志链校验通过：共 %(n)d 条") % {"n": report.checked}))
            self.write_anchor(report)
            return
        problems = report.problems
        ids = "、".join(f"#{p.entry_id}" for p in problems[:show])
        more = _("等") if len(problems) > show else ""
        self.stderr.write(self.style.ERROR(
            _("发现 %(k)d 条被篡改的日志：%(ids)s%(more)s（共校验 %(n)d 条）")
            % {"k": len(problems), "ids": ids, "more": more, "n": report.checked}))
        for problem in problems[:show]:
            self.stderr.write(f"  {problem}")
        if len(problems) > show:
            self.stderr.write(_("  ……其余 %(n)d 条未列出（用 --show 调整）") % {"n": len(problems) - show})
        self.write_anchor(report)
        raise SystemExit(1)

    def write_anchor(self, report) -> None:
        """The last hash, for the operator to keep elsewhere: cutting entries off the end of the
        journal leaves no trace in the chain itself, only a different last hash."""
        if report.last_id is not None:
            self.stdout.write(_("最后一条：#%(id)d，哈希 %(hash)s") % {"id": report.last_id,
                                                                 "hash": report.last_hash})
