"""What an import needs from the database, loaded once into dicts so no row costs a query:
villages and grids, linked leaders, existing units (by credit code and by name + address), and the
user's scope (the same grants `ScopedQuerySet.for_user` applies)."""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core.scope import ADD, CHANGE, VIEW
from anjian.regions.models import Region
from anjian.units.ledger.cells import CellError, nfkc, squash, to_text
from anjian.units.models import Unit

_VILLAGE_SUFFIX_RE = re.compile(r"(村民委员会|村委会|居民委员会|社区居委会|居委会|村委)$")
AMBIGUOUS = -1


def _code_text(value) -> str:
    return re.sub(r"\s+", "", nfkc(to_text(value)))


class RegionIndex:
    """Villages (by name or code) and their grids (by name, short name or code)."""

    def __init__(self, user) -> None:
        self.path: dict[int, str] = {}
        self.name: dict[int, str] = {}
        self.parent: dict[int, int | None] = {}
        self.by_code: dict[str, int] = {}
        self.villages: dict[str, list[int]] = defaultdict(list)
        self.grids: dict[int, dict[str, int]] = defaultdict(dict)
        self.grids_by_name: dict[str, list[int]] = defaultdict(list)
        rows = Region.objects.filter(level__gte=3).values_list(
            "pk", "name", "code", "level", "parent_id", "path")
        for pk, name, code, level, parent_id, path in rows.iterator(chunk_size=5000):
            self.path[pk], self.name[pk], self.parent[pk] = path, name, parent_id
            self.by_code[code.upper()] = pk
            key = squash(name)
            if level == 3:
                self.villages[key].append(pk)
            else:
                self.grids[parent_id][key] = pk
                self.grids_by_name[key].append(pk)
        self.visible = set(Region.objects.for_user(user, VIEW).filter(level__gte=3)
                           .values_list("pk", flat=True))

    def _pick(self, pks: list[int], text: str, what: str) -> int:
        if len(pks) == 1:
            return pks[0]
        mine = [pk for pk in pks if pk in self.visible]
        if len(mine) == 1:
            return mine[0]
        raise CellError(_("%(w)s“%(v)s”有重名，请改填区划代码") % {"w": what, "v": text})

    def village(self, value) -> int:
        text = to_text(value)
        pk = self.by_code.get(_code_text(value).upper())
        if pk is not None and pk in self.grids:
            return pk
        key = squash(text)
        pks = self.villages.get(key)
        if not pks:
            stem = _VILLAGE_SUFFIX_RE.sub("", key)
            pks = self.villages.get(stem) or self.villages.get(stem + "村") or \
                self.villages.get(stem + "社区")
        if pks:
            return self._pick(pks, text, _("村（社区）"))
        if pk is not None:
            return pk
        raise CellError(_("未知的村（社区）“%(v)s”") % {"v": text})

    def grid(self, value, village: int | None) -> int:
        text = to_text(value)
        pk = self.by_code.get(_code_text(value).upper())
        if pk is not None and self.parent.get(pk) in self.grids and pk not in self.grids:
            return pk
        key = squash(text)
        if village is None:
            pks = self.grids_by_name.get(key)
            if pks:
                return self._pick(pks, text, _("网格"))
            raise CellError(_("未知的网格“%(v)s”") % {"v": text})
        children = self.grids.get(village, {})
        if key in children:
            return children[key]
        short = [pk for name, pk in children.items()
                 if name.endswith(key) or (key.isdigit() and name.endswith(f"第{key}网格"))]
        if len(short) == 1:
            return short[0]
        raise CellError(_("“%(p)s”下没有网格“%(v)s”") % {"p": self.name[village], "v": text})


class LeaderIndex:
    """Leaders (Person with duty 'leader') the user can see, by name."""

    def __init__(self, user) -> None:
        self.by_name: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for pk, name in Person.objects.for_user(user, VIEW).filter(duty="leader").values_list("pk", "name"):
            key = squash(name)
            self.by_name[key] = AMBIGUOUS if key in self.by_name else pk
            self.names[pk] = name

    def find(self, value) -> int | None:
        text = to_text(value)
        if not text:
            return None
        pk = self.by_name.get(squash(text))
        if pk is None:
            raise CellError(_("未找到挂钩领导“%(v)s”（应为已登记的镇领导）") % {"v": text})
        if pk == AMBIGUOUS:
            raise CellError(_("挂钩领导“%(v)s”有重名，无法确定是哪一位") % {"v": text})
        return pk


def match_key(name: str, address: str) -> tuple[str, str]:
    """Name and address compared without spaces (also full-width) and case."""
    return (name.replace(" ", "").replace("\u3000", "").lower(),
            address.replace(" ", "").replace("\u3000", "").lower())


class UnitIndex:
    """Existing units: every credit code (codes are unique across the installation) and, among the
    units the user can see, name + address."""

    def __init__(self, user) -> None:
        self.by_code: dict[str, int] = dict(
            Unit.objects.exclude(credit_code="").values_list("credit_code", "pk").iterator(chunk_size=10000))
        self.code_of: dict[int, str] = {}
        self.by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.visible: set[int] = set()
        rows = Unit.objects.for_user(user, VIEW).values_list("pk", "name", "address", "credit_code")
        for pk, name, address, code in rows.iterator(chunk_size=10000):
            self.visible.add(pk)
            self.code_of[pk] = code
            self.by_name[match_key(name, address)].append(pk)


class ScopeChecker:
    """Whether the user may add a unit at a region (with its sector), or change a unit there.

    It reads the user's grants, the same ones `ScopedQuerySet.for_user` turns into SQL; the importer
    also re-checks every written row with `for_user` before its transaction commits."""

    def __init__(self, user) -> None:
        label = Unit._meta.label_lower
        self.user = user
        self.all = bool(user.is_superuser)
        grants = [] if self.all else list(user.scope_grants)
        self.add = [g for g in grants if g.allows(label, ADD) and g.region_path is not None]
        self.change = [g for g in grants if g.allows(label, CHANGE)]
        self.changeable: set[int] = set()
        self._added: dict[tuple, bool] = {}

    def load_changeable(self, pks) -> None:
        pks = sorted(set(pks))
        for start in range(0, len(pks), 900):
            chunk = pks[start:start + 900]
            self.changeable.update(Unit.objects.for_user(self.user, CHANGE)
                                   .filter(pk__in=chunk).values_list("pk", flat=True))

    @staticmethod
    def _fits(grant, path: str, sector_id: int | None) -> bool:
        if not path.startswith(grant.region_path):
            return False
        return grant.sector_ids is None or sector_id in grant.sector_ids

    def may_add(self, path: str, sector_id: int | None) -> bool:
        key = (path, sector_id)
        allowed = self._added.get(key)
        if allowed is None:
            allowed = self._added[key] = self.all or any(self._fits(g, path, sector_id) for g in self.add)
        return allowed

    def may_change(self, pk: int, path: str, sector_id: int | None) -> bool:
        """The unit is in the user's CHANGE scope now and stays in it with its new values."""
        if self.all:
            return True
        if pk not in self.changeable:
            return False
        return any((g.region_path is not None and self._fits(g, path, sector_id))
                   or pk in g.unit_ids for g in self.change)
