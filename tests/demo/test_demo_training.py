"""The demo year of training and publicity (seed 001 §五, seed 004): the town's 开工第一课 with
1,000+ attendances, every enterprise's monthly training with a few months missed, publicity on the
national dates with the seed's handbooks, and nothing added on a second run."""

from django.utils import timezone

from anjian.demo import training
from anjian.demo.builder import kit_from_database
from anjian.demo.township import TOWN_CODE
from anjian.regions.models import Region
from anjian.training import selectors
from anjian.training.models import PublicityActivity, TrainingSession


def _town():
    return Region.objects.get(code=TOWN_CODE)


def test_a_year_of_trainings_with_over_a_thousand_attendances(town):
    sessions = TrainingSession.objects.filter(region__path__startswith=_town().path)
    assert sessions.count() > 100
    assert sum(sessions.values_list("attendance_count", flat=True)) > 1000
    assert sessions.filter(kind="three_level").exists()


def test_enterprises_train_monthly_with_a_few_months_missed(town):
    today = timezone.localdate()
    result = selectors.training_compliance(_town(), today.year)
    assert len(result.rows) >= 5
    missed = [r for r in result.rows if r.missed]
    assert missed and len(missed) < len(result.rows)


def test_hours_ledger_has_principals_and_new_workers(town):
    from anjian.training.models import Attendance

    rows = selectors.hours_ledger(Attendance.objects.all(), timezone.localdate().year)
    roles = {r.role for r in rows}
    assert {"principal", "new_worker"} <= roles
    assert any(r.status == "met" for r in rows)


def test_publicity_on_the_national_dates_with_the_seeds_handbooks(town):
    today = timezone.localdate()
    totals = selectors.publicity_totals(_town(), today.replace(year=today.year - 1), today)
    assert totals["materials"]["《政府部门工作手册》"] == 870
    assert totals["materials"]["《生产经营单位工作手册》"] == 1236
    kinds = totals["activities_by_kind"]
    assert kinds["safety_month"] >= 1 and kinds["door_to_door"] >= 10
    assert kinds["group_push"] >= 40 and totals["households"] > 1000


def test_a_second_run_adds_nothing(town):
    before = (TrainingSession.objects.count(), PublicityActivity.objects.count())
    kit = kit_from_database()
    training.build(kit)
    assert (TrainingSession.objects.count(), PublicityActivity.objects.count()) == before
    assert not kit.created
