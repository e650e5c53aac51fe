from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx


def ranking_xlsx(scheme, rows) -> bytes:
    labels = [line.label for line in rows[0].lines] if rows else []
    columns = [Column(_("排名"), 6), Column(str(scheme.get_target_display()), 16)]
    columns += [Column(str(label), 16) for label in labels] + [Column(_("总分"), 8)]
    data = [[r.rank, r.name, *[line.points for line in r.lines], r.total] for r in rows]
    return table_xlsx(f"{scheme.name} {_('考核排名')}", columns, data)


def actions_xlsx(actions) -> bytes:
    columns = [Column(_("日期"), 12), Column(_("类型"), 8), Column(_("对象"), 16), Column(_("事由"), 40),
               Column(_("文号"), 16), Column(_("原因"), 24), Column(_("跟进与结果"), 30),
               Column(_("对象类别"), 10), Column(_("问责文书"), 20)]
    rows = []
    for a in actions:
        causes = [a.hazard.number if a.hazard else "", str(a.accident) if a.accident else "",
                  str(a.snapshot) if a.snapshot else "", a.cause]
        rows.append([a.date.isoformat(), a.get_kind_display(), a.target_name, a.reason, a.document_number,
                     "；".join(c for c in causes if c), a.outcome, a.target_kind_label,
                     a.original_name if a.sha256 else ""])
    return table_xlsx(_("问责记录"), columns, rows)
