"""Excel ledger pages: upload → preview → confirm, the result, the export and the blank template.
The work is done by `anjian.units.imports` and `anjian.units.exports`."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.models import Person
from anjian.core.downloads import attachment
from anjian.core.scope import ADD, CHANGE, user_can
from anjian.regions.models import Region, Sector
from anjian.units import exports, imports
from anjian.units.exports import LABELLED
from anjian.units.ledger import uploads
from anjian.units.ledger.columns import LABELS
from anjian.units.ledger.reader import LedgerFileError
from anjian.units.models import LedgerImport, Unit
from anjian.units.views.registry import filtered_units

SHOWN_ROWS = 500  # rows listed per section of the preview; the counts cover every row


def _may_import(user) -> bool:
    return user_can(user, ADD, Unit) or user_can(user, CHANGE, Unit)


def _names(model, pks) -> dict:
    pks = {pk for pk in pks if isinstance(pk, int)}
    return dict(model.objects.filter(pk__in=pks).values_list("pk", "name")) if pks else {}


def _changes(rows) -> list[tuple]:
    """(row, [(column, old, new)…]) for the preview, with names instead of ids and labels
    instead of codes."""
    ids: dict[str, set] = {"region": set(), "sector": set(), "linked_leader": set()}
    for row in rows:
        for key, pair in row.changes.items():
            if key in ids:
                ids[key].update(pair)
    names = {"region": _names(Region, ids["region"]), "sector": _names(Sector, ids["sector"]),
             "linked_leader": _names(Person, ids["linked_leader"])}
    with translation.override("zh-hans"):
        labels = {k: {v: str(label) for v, label in c.choices} for k, c in LABELLED.items()}
    labels |= names
    shown = []
    for row in rows:
        items = []
        for key, (old, new) in row.changes.items():
            lookup = labels.get(key, {})
            items.append((LABELS.get(key, _("行业领域") if key == "sector" else key),
                          lookup.get(old, old), lookup.get(new, new)))
        shown.append((row, items))
    return shown


def _preview_page(request, preview, token: str = "", status: int = 200,
                  problems: str = "") -> HttpResponse:
    rows = preview.rows
    return render(request, "units/ledger_preview.html", {
        "preview": preview, "token": token, "counts": preview.counts, "problems": problems,
        "error_rows": preview.error_rows[:SHOWN_ROWS],
        "updates": _changes([r for r in rows if r.action == imports.UPDATE][:SHOWN_ROWS]),
        "creates": [r for r in rows if r.action == imports.CREATE][:SHOWN_ROWS],
        "shown_rows": SHOWN_ROWS,
    }, status=status)


@login_required
def ledger_import(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: check the file and show its preview (nothing is written)."""
    if not _may_import(request.user):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        limit = settings.ANJIAN_MAX_LEDGER_BYTES
        if upload is None:
            error = _("请选择要导入的Excel文件（.xlsx或.xls）。")
        elif upload.size > limit:
            error = _("文件过大（%(s).1f MB），最大允许%(m).1f MB。") % {
                "s": upload.size / 2**20, "m": limit / 2**20}
        else:
            data = upload.read()
            try:
                preview = imports.ledger_parse(actor=request.user, data=data, file_name=upload.name)
            except LedgerFileError as exc:
                error = str(exc)
            else:
                if preview.has_errors:
                    problems = uploads.save(request.user, "问题清单.xlsx", exports.ledger_problems(preview))
                    return _preview_page(request, preview, problems=problems)
                return _preview_page(request, preview, uploads.save(request.user, upload.name, data))
    recent = LedgerImport.objects.filter(actor=request.user)[:10]
    return render(request, "units/ledger_import.html", {
        "error": error, "recent": recent, "max_mb": settings.ANJIAN_MAX_LEDGER_BYTES / 2**20,
    }, status=400 if error else 200)


@login_required
@require_POST
def ledger_commit(request: HttpRequest) -> HttpResponse:
    """Import the previewed file: re-checked and written in one transaction, all rows or none."""
    if not _may_import(request.user):
        raise PermissionDenied
    token = request.POST.get("token", "")
    stored = uploads.load(request.user, token)
    if stored is None:
        messages.error(request, _("预览已过期或不存在，请重新上传文件。"))
        return redirect("units:ledger_import")
    name, data = stored
    try:
        preview, record = imports.ledger_import(actor=request.user, data=data, file_name=name)
    except (LedgerFileError, ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("units:ledger_import")
    if record is None:
        messages.error(request, _("数据在预览之后发生了变化，发现问题，未导入任何数据。"))
        return _preview_page(request, preview, status=409)
    uploads.discard(token)
    return redirect("units:ledger_result", pk=record.pk)


@login_required
def ledger_problems(request: HttpRequest, token: str) -> FileResponse:
    """The list of every problem of the user's last preview, as .xlsx."""
    stored = uploads.load(request.user, token)
    if stored is None:
        raise Http404
    return attachment(stored[1], stored[0])


@login_required
def ledger_result(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(LedgerImport, pk=pk, actor=request.user)
    return render(request, "units/ledger_result.html", {"record": record})


@login_required
def ledger_export(request: HttpRequest) -> FileResponse:
    """The unit list as filtered on the list page, as a ledger .xlsx."""
    _filterset, units = filtered_units(request)
    data = exports.ledger_export(units.order_by("pk"))
    return attachment(data, f"监管对象台账_{timezone.localdate():%Y%m%d}.xlsx")


@login_required
def ledger_template(request: HttpRequest) -> FileResponse:
    return attachment(exports.ledger_template(), "监管对象台账_导入模板.xlsx")
