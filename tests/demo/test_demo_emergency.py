"""The demo's emergency ledgers: seed 000's plans and drill (50+ people from the town, the police
station, the health centre and a village) with a problem turned into a hazard, one plan past its
review date, units behind their drills, the teams, ~30 supplies with some flagged, incidents with
timelines; built again it adds nothing."""


from django.utils import timezone

from anjian.demo import emergency as demo_emergency
from anjian.demo.builder import kit_from_database
from anjian.demo.periods import DemoYear
from anjian.emergency import selectors
from anjian.emergency.models import (
    Drill,
    EmergencyPlan,
    EmergencyTeam,
    Incident,
    SupplyItem,
)
from anjian.regions.models import Region


def _town():
    return Region.objects.get(level=2, name="西张村镇")



def test_the_seed_plans_with_files_and_one_past_review(town):
    plans = EmergencyPlan.objects.filter(region__path__startswith=_town().path)
    titles = set(plans.values_list("title", flat=True))
    assert {"西张村镇处置突发事件应急预案", "西张村镇防灾救灾应急演练方案"} <= titles
    assert plans.filter(kind="site").count() >= 3
    assert all(p.current_version and p.current_version.has_file for p in plans)
    today = timezone.localdate()
    overdue = [p for p in selectors.plans_due_review(_town(), today)
               if p.review_status(today) == "overdue"]
    assert overdue and town.created["emergency plans"] == plans.count()


def test_the_seed_drill_with_police_health_centre_and_a_village(town):
    drill = Drill.objects.get(title="西张村镇处置突发事件应急实战演练")
    assert drill.participants >= 50 and drill.unit is None
    names = set(drill.participating_organisations.values_list("name", flat=True))
    assert {"陕州区公安局西张村派出所", "西张村镇卫生院"} <= names
    assert drill.participating_regions.filter(level=3).exists()
    problems = list(drill.problems.all())
    assert len(problems) == 3
    converted = [p for p in problems if p.hazard_id]
    assert len(converted) == 1 and converted[0].hazard.source == "drill"
    assert DemoYear().inside(drill.held_on)


def test_units_behind_their_drills_are_listed(town):
    rows = selectors.drills_behind(_town(), timezone.localdate())
    assert any(r.unit and r.last_drill is None for r in rows)
    assert any(r.unit and r.last_drill is not None for r in rows)  # the tailings pond's old drill
    assert not any(r.unit is None for r in rows)  # the town drilled this year


def test_teams_supplies_and_incidents(town):
    teams = {t.name: t for t in EmergencyTeam.objects.all()}
    assert {"西张村镇执法小分队", "西张村镇应急救援小分队", "西张村镇专职消防队"} <= set(teams)
    assert all(t.members.count() >= 5 for t in teams.values())
    assert 25 <= SupplyItem.objects.count() <= 40
    flagged = list(selectors.supplies_flagged(_town(), timezone.localdate()))
    assert 3 <= len(flagged) <= 10
    incidents = Incident.objects.all()
    assert incidents.count() >= 3 and all(i.events.count() >= 2 for i in incidents)
    assert incidents.filter(status="open").exists() and incidents.filter(status="closed").exists()


def test_building_again_adds_nothing(town):
    before = (EmergencyPlan.objects.count(), Drill.objects.count(), SupplyItem.objects.count())
    kit = kit_from_database()
    demo_emergency.build(kit)
    assert not kit.created
    assert (EmergencyPlan.objects.count(), Drill.objects.count(),
            SupplyItem.objects.count()) == before
