"""Reads of the unit registry."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from anjian.accounts.roles import unit_grant
from anjian.core.scope import Grant
from anjian.core.templatetags.core_tags import RISK_CSS
from anjian.units.choices import RiskLevel, Subcategory

# What a row of the unit list shows (units/_unit_table.html); the page loads nothing else.
UNIT_ROW_FIELDS = (
    "name", "subcategory", "risk_level", "status", "principal", "address",
    "region__name", "region__level", "region__parent__name",
)


def unit_access_grants(user) -> list[Grant]:
    """Grants from UnitAccess rows: an enterprise's own unit, an expert's assigned units."""
    from anjian.units.models import UnitAccess

    by_role: dict[str, set[int]] = {}
    for role, unit_id in UnitAccess.objects.filter(user=user).values_list("role", "unit_id"):
        by_role.setdefault(role, set()).add(unit_id)
    return [unit_grant(role, ids) for role, ids in by_role.items()]


def unit_list(user, *, action: str = "view"):
    """The units a user may see, with what list pages and exports display."""
    from anjian.units.models import Unit

    return Unit.objects.for_user(user, action).select_related("region", "region__parent", "sector")


def unit_text_q(text: str) -> Q:
    """Units whose name, address or principal holds `text`, or with that credit code."""
    return (Q(name__contains=text) | Q(address__contains=text) | Q(credit_code=text.upper())
            | Q(principal__contains=text))


def unit_options(user, text: str, limit: int = 30) -> list[dict]:
    """For a unit choice searched as the user types (core.forms.RemoteSelect): active units in
    the user's scope whose name, address or principal holds `text`, or with that credit code;
    shortest names first (the closest match), as {"value": id, "text": "name（village）"}."""
    from django.db.models.functions import Length

    from anjian.units.choices import UnitStatus
    from anjian.units.models import Unit

    text = text.strip()
    if not text:
        return []
    units = (Unit.objects.for_user(user).filter(status=UnitStatus.ACTIVE).filter(unit_text_q(text))
             .order_by(Length("name"), "name", "pk").values_list("pk", "name", "region__name")[:limit])
    return [{"value": pk, "text": f"{name}（{region}）"} for pk, name, region in units]


# A text search matching at most this many units is counted in Python from one list of ids.
FEW = 10_000


def unit_page(units: QuerySet, number, *, per_page: int = 50, few: bool = False) -> Page:
    """One page of a filtered unit list, in steps that stay fast at 100,000 units.

    The count and the page's ids come from the filtered query alone (`SELECT COUNT(*)` and
    `SELECT id … ORDER BY id DESC LIMIT/OFFSET`), which the database answers from its indexes
    without reading the units' rows; then only those rows are read, by primary key, with their
    village or grid. Sorting whole rows of every match to keep fifty is what this avoids.
    `few=True` is for a filter that must read every candidate anyway (a free-text search) and
    usually matches few units: the ids of all matches are fetched in one query and counted here,
    so the text is searched once rather than twice (up to FEW matches; beyond, as above).
    `page.object_list` is a list of units in page order, each with the labels the table shows
    (`subcategory_label`, `risk_label`, `risk_css`) looked up once per page: a model's
    get_FOO_display() rebuilds its whole translated choice list on every call.
    """
    from anjian.units.models import Unit

    ids = units.order_by("-pk").values_list("pk", flat=True)
    if few:
        head = list(ids[:FEW + 1])
        if len(head) <= FEW:
            ids = head
    page = Paginator(ids, per_page).get_page(number)
    wanted = list(page.object_list)
    rows = (Unit.objects.filter(pk__in=wanted)
            .select_related("region", "region__parent").only(*UNIT_ROW_FIELDS))
    by_pk = {unit.pk: unit for unit in rows}
    labels: dict[tuple, str] = {}

    def label(choices, value: str) -> str:
        if (choices, value) not in labels:
            try:
                labels[choices, value] = str(choices(value).label)
            except ValueError:  # blank or a value no longer among the choices
                labels[choices, value] = value
        return labels[choices, value]

    page.object_list = []
    for pk in wanted:
        unit = by_pk.get(pk)
        if unit is None:  # deleted between the two queries
            continue
        unit.subcategory_label = label(Subcategory, unit.subcategory)
        unit.risk_label = label(RiskLevel, unit.risk_level) or _("未评定")
        unit.risk_css = RISK_CSS.get(unit.risk_level, "risk-none")
        page.object_list.append(unit)
    return page
