"""The scope matrix: every persona × every object type × every object of the test world (inside
and outside the persona's scope) × every access path — web list, web detail, web edit (GET and
POST), API list, API detail, API journal, API write (PATCH, DELETE, POST), a filter by an id and a
guessed id.

What each persona should reach is computed here, independently of `core.scope`: from the permission
matrix (`accounts.roles.PERMISSIONS`) and each persona's declared scope (a region subtree, an
organisation's sectors in its region, or explicit units), walking the tree by parent links. Every
mismatch is collected, so a leak anywhere (or an over-restriction) fails with the full list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from anjian.accounts.choices import Role
from anjian.accounts.models import Person
from anjian.accounts.roles import ORGANISATION, PERMISSIONS, PERSON, REGION, UNIT
from anjian.core import journal
from anjian.core.models import JournalEntry
from anjian.core.scope import ADD, CHANGE, DELETE, VIEW
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit, UnitAccess

# Each persona's roles and where they apply: ("region", world attribute), ("org", world attribute)
# or ("units", [unit keys]). Checked against the world's actual grants by the first test.
PERSONAS: dict[str, list[tuple[str, tuple]]] = {
    "leader": [(Role.LEADER, ("region", "town"))],
    "office": [(Role.SAFETY_OFFICE, ("region", "town"))],
    "office_b": [(Role.SAFETY_OFFICE, ("region", "town_b"))],
    "agency": [(Role.AGENCY, ("org", "police"))],
    "school_agency": [(Role.AGENCY, ("org", "school_office"))],
    "village_a": [(Role.VILLAGE, ("region", "village_a"))],
    "village_b": [(Role.VILLAGE, ("region", "village_b"))],
    "grid_a": [(Role.GRID_WORKER, ("region", "grid_a"))],
    "enterprise_a": [(Role.ENTERPRISE, ("units", ["shop_a"]))],
    "expert": [(Role.EXPERT, ("units", ["pit_b"]))],
    "sysadmin": [(Role.SYSTEM_ADMIN, ("region", "town"))],
    "secadmin": [(Role.SECURITY_ADMIN, ("region", "town"))],
    "auditor": [(Role.AUDIT_ADMIN, ("region", "town"))],
    "nobody": [],
}
TYPES = [REGION, ORGANISATION, PERSON, UNIT]


@dataclass(frozen=True)
class Paths:
    api: str
    web_list: str
    web_detail: str
    web_edit: str
    patch: dict  # a harmless change for a write attempt
    soft_delete: str  # the action DELETE needs (a soft delete is a change)


PATHS = {
    REGION: Paths("/api/regions/", "regions:list", "regions:detail", "regions:edit",
                  {"notes": "矩阵测试"}, DELETE),
    ORGANISATION: Paths("/api/organisations/", "regions:organisation_list",
                        "regions:organisation_detail", "regions:organisation_edit",
                        {"address": "矩阵测试路1号"}, CHANGE),
    PERSON: Paths("/api/people/", "accounts:person_list", "accounts:person_detail",
                  "accounts:person_edit", {"position": "矩阵测试"}, CHANGE),
    UNIT: Paths("/api/units/", "units:list", "units:detail", "units:edit",
                {"notes": "矩阵测试"}, CHANGE),
}
LIST_QUERY = {PERSON: "?status=all", UNIT: "?status="}


def objects_of(world, label: str) -> list:
    return {
        REGION: world.regions, ORGANISATION: world.organisations,
        PERSON: lambda: list(world.people.values()), UNIT: lambda: list(world.units.values()),
    }[label]()


def place(obj) -> Region:
    return obj if isinstance(obj, Region) else obj.region


def within(region: Region, root: Region) -> bool:
    while region is not None:
        if region.pk == root.pk:
            return True
        region = region.parent
    return False


def in_reach(world, where: tuple, label: str, obj) -> bool:
    kind, target = where
    if kind == "region":
        return within(place(obj), getattr(world, target))
    if kind == "org":
        org = getattr(world, target)
        if not within(place(obj), org.region):
            return False
        return label != UNIT or obj.sector_id in set(org.sectors.values_list("pk", flat=True))
    return label == UNIT and obj.pk in {world.units[k].pk for k in target}


def allowed_type(persona: str, label: str, action: str) -> bool:
    return any(action in PERMISSIONS[role].get(label, ()) for role, _where in PERSONAS[persona])


def allowed(world, persona: str, label: str, action: str, obj) -> bool:
    return any(action in PERMISSIONS[role].get(label, ()) and in_reach(world, where, label, obj)
               for role, where in PERSONAS[persona])


def state(obj) -> tuple:
    """The row as stored, and how many journal entries there are: a refused write changes neither."""
    fresh = type(obj).objects.get(pk=obj.pk)
    return journal.snapshot(fresh), JournalEntry.objects.count()


def linked_ids(html: str, detail_name: str) -> set[int]:
    pattern = re.escape(reverse(detail_name, args=[987654321])).replace("987654321", r"(\d+)")
    return {int(pk) for pk in re.findall(f'href="{pattern}"', html)}


class Matrix:
    def __init__(self, world, persona: str):
        self.world, self.persona = world, persona
        user = world.users[persona]
        self.web = APIClient()
        self.web.force_login(user)
        self.problems: list[str] = []

    def expect(self, what: str, got, wanted) -> None:
        ok = got in wanted if isinstance(wanted, tuple) else got == wanted  # a tuple: any of
        if not ok:
            self.problems.append(f"{self.persona} · {what}: got {got!r}, expected {wanted!r}")

    def unchanged(self, what: str, obj, before) -> None:
        if state(obj) != before:
            self.problems.append(f"{self.persona} · {what}: a refused write changed the data")


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("label", TYPES)
def test_scope_matrix(world, persona, label):
    m = Matrix(world, persona)
    paths = PATHS[label]
    client = m.web
    objects = objects_of(world, label)
    model = type(objects[0])
    assert model.objects.count() == len(objects), "every object of the world is in the matrix"
    visible = {o.pk for o in objects if allowed(world, persona, label, VIEW, o)}
    may_view = allowed_type(persona, label, VIEW)

    # API list: exactly the visible objects, or 403 when the type is not the persona's at all.
    response = client.get(f"{paths.api}?page_size=500")
    if may_view:
        m.expect("API list status", response.status_code, 200)
        got = {row["id"] for row in response.json().get("results", [])}
        m.expect("API list ids", got, visible)
    else:
        m.expect("API list status", response.status_code, 403)

    # Web list: links to exactly the visible objects' pages; no out-of-scope name on the page.
    page = client.get(reverse(paths.web_list) + LIST_QUERY.get(label, ""))
    m.expect("web list status", page.status_code, 200 if may_view else (200, 403))
    html = page.content.decode()
    m.expect("web list links", linked_ids(html, paths.web_detail), visible if may_view else set())
    shown = [o.name for o in objects if o.pk in visible]
    for o in objects:
        if o.pk not in visible and not any(o.name in name for name in shown) and o.name in html:
            m.problems.append(f"{persona} · web list shows out-of-scope “{o.name}”")

    for obj in objects:
        name = f"{label} “{obj}”"
        sees = obj.pk in visible
        may_change = allowed(world, persona, label, CHANGE, obj)
        hidden = 404 if may_view else 403
        # API detail and the object's journal.
        m.expect(f"API detail {name}", client.get(f"{paths.api}{obj.pk}/").status_code,
                 200 if sees else hidden)
        m.expect(f"API journal {name}", client.get(f"{paths.api}{obj.pk}/journal/").status_code,
                 200 if sees else hidden)
        # Web detail and edit pages.
        m.expect(f"web detail {name}", client.get(reverse(paths.web_detail, args=[obj.pk]))
                 .status_code, 200 if sees else 404)
        edit_url = reverse(paths.web_edit, args=[obj.pk])
        m.expect(f"web edit {name}", client.get(edit_url).status_code,
                 200 if may_change else ((403, 404) if sees else 404))
        # Write attempts: PATCH, DELETE and a web form POST change nothing outside the scope.
        before = state(obj)
        response = client.patch(f"{paths.api}{obj.pk}/", paths.patch, format="json")
        if may_change:
            m.expect(f"API write {name}", response.status_code, 200)
        else:
            m.expect(f"API write {name}", response.status_code,
                     (403, 404) if sees else (404 if allowed_type(persona, label, CHANGE) else 403))
            m.unchanged(f"API write {name}", obj, before)
            posted = client.post(edit_url, {"name": "越权修改", **paths.patch})
            m.expect(f"web write {name}", posted.status_code, (403, 404) if sees else 404)
            m.unchanged(f"web write {name}", obj, before)
        before = state(obj)
        if not allowed(world, persona, label, paths.soft_delete, obj):
            response = client.delete(f"{paths.api}{obj.pk}/?reason=越权")
            # Regions have no DELETE at all (405, whatever the id); elsewhere 404 out of sight.
            m.expect(f"API delete {name}", response.status_code,
                     (403, 404, 405) if sees or label == REGION else (403, 404))
            m.unchanged(f"API delete {name}", obj, before)

    # Guessing an id that does not exist reads exactly like one outside the scope.
    guess = max(o.pk for o in objects) + 1000
    m.expect("API guessed id", client.get(f"{paths.api}{guess}/").status_code,
             404 if may_view else 403)
    m.expect("web guessed id", client.get(reverse(paths.web_detail, args=[guess])).status_code, 404)
    assert not m.problems, "\n".join(m.problems)


def _create_payloads(world, label: str) -> list[tuple[Region, dict]]:
    """One new object in each village (regions: a new grid under it) — inside and outside scopes."""
    villages = [world.village_a, world.village_b, world.village_c]
    if label == REGION:
        return [(v, {"parent": v.pk, "name": f"{v.name}新网格", "code": f"{v.code}-99",
                     "kind": "grid"}) for v in villages]
    if label == ORGANISATION:
        return [(t, {"region": t.pk, "name": f"{t.name}矩阵站", "kind": "other"})
                for t in (world.town, world.town_b)]
    if label == PERSON:
        return [(v, {"name": f"{v.name}新人", "region": v.pk, "duty": "staff"}) for v in villages]
    return [(v, {"name": f"{v.name}矩阵商店", "category": "small_venue",
                 "subcategory": "small_shop", "region": v.pk}) for v in villages]


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("label", TYPES)
def test_create_only_inside_the_scope(world, persona, label):
    m = Matrix(world, persona)
    model = type(objects_of(world, label)[0])
    for region, payload in _create_payloads(world, label):
        may_add = any(ADD in PERMISSIONS[role].get(label, ()) and where[0] != "units"
                      and in_reach(world, where, REGION, region) for role, where in PERSONAS[persona])
        before = model.objects.count(), JournalEntry.objects.count()
        response = m.web.post(PATHS[label].api, payload, format="json")
        what = f"API create {label} in {region.name}"
        if may_add:
            m.expect(what, response.status_code, 201)
        elif not allowed_type(persona, label, ADD):
            m.expect(what, response.status_code, 403)
        else:
            m.expect(what, response.status_code, (400, 403, 404))
        if response.status_code != 201:
            after = model.objects.count(), JournalEntry.objects.count()
            m.expect(f"{what}: nothing written", after == before, True)
    assert not m.problems, "\n".join(m.problems)


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_filtering_units_by_a_region_reveals_nothing_outside_the_scope(world, persona):
    m = Matrix(world, persona)
    visible_units = {u.pk for u in world.units.values() if allowed(world, persona, UNIT, VIEW, u)}
    for region in world.regions():
        if region.level > 3:
            continue
        response = m.web.get(f"/api/units/?region={region.pk}&page_size=500")
        if not allowed_type(persona, UNIT, VIEW):
            m.expect(f"unit filter by {region.name}", response.status_code, 403)
        elif allowed(world, persona, REGION, VIEW, region):
            m.expect(f"unit filter by {region.name}", response.status_code, 200)
            got = {row["id"] for row in response.json()["results"]}
            wanted = {u.pk for u in world.units.values()
                      if u.pk in visible_units and within(u.region, region)}
            m.expect(f"unit filter by {region.name}", got, wanted)
        else:
            m.expect(f"unit filter by {region.name}", response.status_code, 400)
    assert not m.problems, "\n".join(m.problems)


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_only_the_audit_administrator_reads_the_journal(world, persona):
    m = Matrix(world, persona)
    client = m.web
    auditor = any(role == Role.AUDIT_ADMIN for role, _where in PERSONAS[persona])
    entry = JournalEntry.objects.order_by("pk").last()
    m.expect("web journal", client.get(reverse("core:journal")).status_code,
             200 if auditor else 403)
    m.expect("API journal list", client.get("/api/journal/").status_code, 200 if auditor else 403)
    m.expect("API journal entry", client.get(f"/api/journal/{entry.pk}/").status_code,
             200 if auditor else 403)
    m.expect("API journal guessed id", client.get(f"/api/journal/{entry.pk + 1000}/").status_code,
             404 if auditor else 403)
    before = JournalEntry.objects.count()
    m.expect("API journal write", client.post("/api/journal/", {}, format="json").status_code,
             405 if auditor else 403)
    m.expect("API journal delete", client.delete(f"/api/journal/{entry.pk}/").status_code,
             405 if auditor else 403)
    m.expect("journal unchanged", JournalEntry.objects.count(), before)
    assert not m.problems, "\n".join(m.problems)


def test_the_declared_personas_are_the_worlds_users(world):
    """The matrix's expectations are about the world's real grants, not an imagined copy."""
    assert set(PERSONAS) == set(world.users)
    for persona, scopes in PERSONAS.items():
        user = world.users[persona]
        actual = {(g.role, g.region_id, g.organisation_id) for g in user.role_grants.all()}
        actual |= {(a.role, "unit", a.unit_id) for a in UnitAccess.objects.filter(user=user)}
        declared = set()
        for role, (kind, target) in scopes:
            if kind == "region":
                declared.add((role, getattr(world, target).pk, None))
            elif kind == "org":
                declared.add((role, None, getattr(world, target).pk))
            else:
                declared |= {(role, "unit", world.units[k].pk) for k in target}
        assert actual == declared, persona


def test_anonymous_reaches_nothing(world):
    client = APIClient()
    unit = world.units["shop_a"]
    for label in TYPES:
        assert client.get(PATHS[label].api).status_code == 401
        assert client.get(reverse(PATHS[label].web_list)).status_code == 302
    assert client.get(f"/api/units/{unit.pk}/").status_code == 401
    assert client.patch(f"/api/units/{unit.pk}/", {"notes": "x"}, format="json").status_code == 401
    assert client.get(reverse("units:detail", args=[unit.pk])).status_code == 302
    assert client.get("/api/journal/").status_code == 401


# --- The cases the issue names, spelt out -----------------------------------------------------

def test_village_cadre_cannot_see_another_villages_units_by_page_api_or_guessing(world):
    client = APIClient()
    client.force_login(world.users["village_a"])
    other = world.units["shop_b"]
    assert "后关小饭馆" not in client.get("/units/?status=").content.decode()
    assert client.get(f"/units/{other.pk}/").status_code == 404
    assert client.get(f"/units/{other.pk}/edit/").status_code == 404
    assert client.get(f"/api/units/{other.pk}/").status_code == 404
    assert client.get(f"/api/units/{other.pk}/journal/").status_code == 404
    names = {r["name"] for r in client.get("/api/units/").json()["results"]}
    assert names == {"张一便民超市", "张一小学"}


def test_enterprise_sees_only_its_own_unit(world):
    client = APIClient()
    client.force_login(world.users["enterprise_a"])
    assert [r["name"] for r in client.get("/api/units/").json()["results"]] == ["张一便民超市"]
    for label in (REGION, ORGANISATION, PERSON):
        assert client.get(PATHS[label].api).status_code == 403


def test_agency_sees_only_units_of_its_sectors_in_its_town(world):
    client = APIClient()
    client.force_login(world.users["agency"])
    names = {r["name"] for r in client.get("/api/units/").json()["results"]}
    assert names == {"张一便民超市", "后关小饭馆"}  # fire sector; not the school, the pit, 七里村


def test_auditor_sees_the_journal_but_no_units(world):
    client = APIClient()
    client.force_login(world.users["auditor"])
    assert client.get("/api/journal/").json()["count"] == JournalEntry.objects.count() > 0
    assert client.get("/api/units/").status_code == 403
    assert client.get(f"/units/{world.units['shop_a'].pk}/").status_code == 404


def test_nobody_sees_nothing(world):
    client = APIClient()
    client.force_login(world.users["nobody"])
    for label in TYPES:
        assert client.get(PATHS[label].api).status_code == 403
    assert "张一便民超市" not in client.get("/units/?status=").content.decode()
    assert client.get(f"/units/{world.units['shop_a'].pk}/").status_code == 404


def test_world_covers_both_sides_of_every_scope(world):
    """Guards the matrix against a world where everything is visible (or nothing is)."""
    for persona in PERSONAS:
        for label in TYPES:
            objects = objects_of(world, label)
            seen = [o for o in objects if allowed(world, persona, label, VIEW, o)]
            assert len(seen) < len(objects), (persona, label)
    assert Unit.objects.count() and Person.objects.count() and Organisation.objects.count()
