"""`anjian demo` is deterministic and idempotent: the same data every time, nothing twice."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db.models import ProtectedError

from anjian.accounts.models import Person, RoleGrant, User
from anjian.core.models import JournalEntry
from anjian.demo import DEMO_PASSWORD
from anjian.demo.builder import build_demo
from anjian.demo.plan import make_plan
from anjian.demo.selectors import database_fingerprint
from anjian.hazards.models import Hazard
from anjian.inspections.models import InspectionPlan, InspectionRecord, InspectionTask
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit, UnitAccess
from anjian.units.services import unit_create

MODELS = [Region, Organisation, Person, Unit, User, RoleGrant, UnitAccess, JournalEntry]
ROOT = Path(__file__).resolve().parents[2]


def counts():
    """Rows of the registry's tables and of every ledger built after the inspections year."""
    ledgers = [m for label in LEDGER_APPS if label not in ("notify", "reports")
               for m in apps.get_app_config(label).get_models()]
    return {m._meta.label: m.objects.count() for m in [*MODELS, *ledgers]}


def usernames(plan):
    return [u.username for u in plan.users]


def test_running_it_again_creates_nothing_and_still_prints_every_login(town):
    before = counts()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert counts() == before
    text = out.getvalue()
    assert "未新建任何对象" in text
    for user in town.plan.users:
        line = next(line for line in text.splitlines() if line.strip().startswith(user.username + " "))
        assert DEMO_PASSWORD in line and user.sees in line
    for role in ("镇领导", "应急管理办", "机关站所", "村（社区）", "网格员", "企业", "专家",
                 "系统管理员", "安全管理员", "审计管理员"):
        assert role in text


def test_it_leaves_changed_objects_and_accounts_alone(town):
    unit = Unit.objects.get(name="涧里水库")
    Unit.objects.filter(pk=unit.pk).update(risk_level="red")
    User.objects.filter(username="demo_office").update(display_name="改过的名字")
    before = counts()
    result = build_demo()
    assert sum(result.created.values()) == 0 and counts() == before
    assert Unit.objects.get(pk=unit.pk).risk_level == "red"
    assert User.objects.get(username="demo_office").display_name == "改过的名字"


def test_it_only_adds_to_what_is_there(town):
    """A missing demo unit is added again; an office's own unit in the town is not touched."""
    pit = Unit.objects.filter(category="abandoned_pit").order_by("name").first()
    name = pit.name
    for rows in (Hazard, InspectionRecord, InspectionTask):  # the demo year's, on this pit
        rows.objects.filter(unit=pit).delete()
    pit.delete()
    own = unit_create(actor=None, data={
        "name": "办公室自己登记的单位", "category": "street_shop", "subcategory": "street_shop",
        "region": Region.objects.get(code="411203102201-01")})
    result = build_demo()
    assert dict(result.created) == {"units": 1}
    assert Unit.objects.filter(name=name).count() == 1
    assert Unit.objects.filter(pk=own.pk).exists()


def test_the_plan_is_the_same_in_a_process_with_another_hash_seed(town):
    env = dict(os.environ, PYTHONHASHSEED="12345", DJANGO_SETTINGS_MODULE="anjian.settings")
    code = ("import django; django.setup(); from anjian.demo.plan import make_plan; "
            "print(make_plan().fingerprint())")
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True).stdout
    assert output.strip() == make_plan().fingerprint() == town.plan.fingerprint()


def test_the_database_holds_exactly_the_plan(town):
    assert database_fingerprint(usernames(town.plan)) == town.plan.fingerprint()


def test_two_fresh_builds_write_the_same_data(town):
    first = database_fingerprint(usernames(town.plan))
    first_counts = counts()
    _delete_demo()
    assert not Unit.objects.exists() and not Region.objects.exists()
    build_demo(now=town.now)  # as of the first build: today's rows depend on the time of day
    assert database_fingerprint(usernames(town.plan)) == first
    assert counts() == first_counts


# The ledgers built after the inspections year, in the order their rows may be deleted (later
# apps point at earlier ones); the rows their migrations ship (settings, defaults) stay.
LEDGER_APPS = ["assessment", "reports", "notify", "patrols", "training", "enforcement", "documents", "risks",
               "responsibility", "accidents", "emergency", "duty", "dailyreports"]
SHIPPED = {"emergency.drillrequirement", "risks.gradingscheme"}


def _delete(queryset) -> None:
    """Delete, first deleting whatever protects the rows (a re-inspection pointing at its order)."""
    try:
        queryset.delete()
    except ProtectedError as exc:
        for obj in exc.protected_objects:
            _delete(type(obj).objects.filter(pk=obj.pk))
        queryset.delete()


def _delete_ledgers():
    for label in LEDGER_APPS:
        for model in reversed(list(apps.get_app_config(label).get_models())):
            if model._meta.label_lower not in SHIPPED:
                _delete(model.objects.all())


def _delete_demo():
    """Empty the (test) database of the demo, children before what they point to."""
    _delete_ledgers()
    User.objects.filter(username__startswith="demo_").delete()
    Hazard.objects.all().delete()
    InspectionRecord.objects.all().delete()
    InspectionPlan.objects.all().delete()  # and their tasks
    Unit.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    for level in (4, 3, 2, 1):
        Region.objects.filter(level=level).delete()
    JournalEntry.objects.all().delete()
