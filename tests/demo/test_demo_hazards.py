"""The demo year: inspections of every kind and hazards in every state, through the real services,
dated over the 12 months up to today (the package's `demo` fixture builds it once)."""

import datetime as dt
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from PIL import Image

from anjian.core.models import JournalEntry
from anjian.demo.builder import build_demo
from anjian.demo.inspections import BEHIND_RED
from anjian.demo.photos import jpeg
from anjian.hazards.choices import (
    CancelReason,
    CauseClass,
    HazardLevel,
    HazardSource,
    HazardState,
    PhotoStage,
)
from anjian.hazards.models import (
    FIVE_ASSURANCE_FIELDS,
    GOVERNANCE_PLAN_FIELDS,
    Hazard,
    HazardEvent,
    HazardPhoto,
)
from anjian.inspections.choices import PlanKind, PlanStatus, TaskStatus, Verdict
from anjian.inspections.models import (
    InspectionAnswer,
    InspectionPhoto,
    InspectionPlan,
    InspectionRecord,
    InspectionTask,
)
from anjian.inspections.selectors import behind_frequency, coverage, leader_compliance
from anjian.units.models import Unit

S = HazardState
MODELS = [InspectionPlan, InspectionTask, InspectionRecord, InspectionAnswer, InspectionPhoto, Hazard,
          HazardEvent, HazardPhoto, JournalEntry]


@pytest.fixture
def hazards(town):
    return Hazard.objects.all()


def window():
    today = timezone.localdate()
    return today - dt.timedelta(days=364), today


def test_many_hazards_in_every_state(hazards):
    assert hazards.count() >= 45
    states = Counter(hazards.values_list("state", flat=True))
    assert set(states) == set(S.values)
    assert states[S.CLOSED] > hazards.count() / 2  # most are rectified and closed
    assert hazards.filter(state=S.CLOSED, fixed_on_spot=True).exists()
    assert hazards.filter(state=S.CLOSED, fixed_on_spot=False, accepted_by__isnull=False).exists()


def test_every_source_and_cause_class(hazards):
    assert set(hazards.values_list("source", flat=True)) >= set(HazardSource.values)
    assert set(hazards.values_list("cause_class", flat=True)) == set(CauseClass.values)
    higher = hazards.filter(source=HazardSource.HIGHER_ASSIGNMENT)
    assert all(re.search(r"〔\d{4}〕\d+号", h.source_reference) for h in higher)
    for hazard in hazards.exclude(source=HazardSource.HIGHER_ASSIGNMENT):
        assert hazard.photos.filter(stage__in=[PhotoStage.DISCOVERY, PhotoStage.BEFORE]).exists()


def test_hazards_found_by_inspections_point_at_their_record_and_answer(hazards):
    found = hazards.filter(record__isnull=False).select_related("record", "answer")
    assert found.count() >= 40
    for hazard in found:
        assert hazard.answer.verdict == Verdict.NONCONFORMS and hazard.answer.record_id == hazard.record_id
        assert hazard.discovered_at == hazard.record.inspected_at
        assert hazard.record.nonconforming_count == 1
    sources = set(found.values_list("source", flat=True))
    assert {HazardSource.GRID_PATROL, HazardSource.SELF_CHECK, HazardSource.EXPERT_CHECK,
            HazardSource.LEADER_INSPECTION, HazardSource.AGENCY_INSPECTION} <= sources


def test_exactly_two_major_hazards_under_listed_supervision(hazards):
    majors = list(hazards.filter(level=HazardLevel.MAJOR))
    assert len(majors) == 2
    authorities = {h.supervision_authority for h in majors}
    assert authorities == {"西张村镇安全生产委员会", "陕州区应急管理局"}
    for hazard in majors:
        assert hazard.listed_on
        for name in ("current_state_cause", "harm_difficulty", *GOVERNANCE_PLAN_FIELDS):
            assert len(getattr(hazard, name)) >= 10, name
    lifted = [h for h in majors if h.lifted_on]
    assert len(lifted) == 1
    closed = lifted[0]
    assert closed.state == S.CLOSED and closed.lifted_on >= closed.listed_on
    assert len(re.split(r"[、，,]", closed.acceptance_panel)) >= 2
    still = next(h for h in majors if not h.lifted_on)
    assert still.state == S.RECTIFYING and still.interim_measures
    assert still.events.filter(action="regrade").exists()


def test_some_are_overdue_and_escalated(hazards):
    overdue = list(hazards.overdue())
    assert len(overdue) >= 3
    assert all(h.escalation for h in overdue)
    steps = Counter(e.data["step"] for e in HazardEvent.objects.filter(action="escalate"))
    assert steps["reminder"] and steps["bulletin"] and steps["interview"]
    numbers = HazardEvent.objects.filter(action="escalate", data__step="bulletin")
    assert all(re.fullmatch(r"西安委办〔\d{4}〕\d+号", e.document_number) for e in numbers)
    for event in HazardEvent.objects.filter(action="escalate").select_related("hazard"):
        assert timezone.localtime(event.at).date() > event.hazard.deadline
    open_not_overdue = hazards.filter(state__in=[S.ASSIGNED, S.RECTIFYING, S.AWAITING_ACCEPTANCE]) \
        .exclude(pk__in=[h.pk for h in overdue])
    assert open_not_overdue.exists()


def test_closed_hazards_carry_their_evidence(hazards):
    for hazard in hazards.filter(state=S.CLOSED):
        stages = set(hazard.photos.values_list("stage", flat=True))
        if hazard.assigned_at:
            for name in FIVE_ASSURANCE_FIELDS:
                assert getattr(hazard, name) not in (None, ""), (hazard.number, name)
        if hazard.fixed_on_spot:
            assert stages & {PhotoStage.DISCOVERY, PhotoStage.BEFORE} and PhotoStage.AFTER in stages
            assert hazard.rectification_note and hazard.accepted_by is None
        else:
            assert hazard.accepted_by_id and hazard.acceptance_opinion
            assert stages & {PhotoStage.AFTER, PhotoStage.ACCEPTANCE}
            assert hazard.accepted_by_id != hazard.submitted_by_id
        assert hazard.closed_at >= hazard.discovered_at


def test_the_other_paths_of_the_workflow(hazards):
    assert set(hazards.filter(state=S.CANCELLED).values_list("cancel_reason", flat=True)) == \
        set(CancelReason.values)
    resubmitted = [h for h in hazards if _actions(h).count("submit") >= 2 and "reject" in _actions(h)]
    assert any(h.state == S.CLOSED for h in resubmitted)
    extended = HazardEvent.objects.filter(action="extend_deadline")
    assert extended.count() >= 2
    for event in extended:
        assert event.data["new_deadline"] > event.data["old_deadline"]
    assert hazards.exclude(interim_measures="").count() >= 3
    # the right people act: the party acknowledges, someone else accepts
    for event in HazardEvent.objects.filter(action="acknowledge").select_related("hazard", "actor"):
        party = event.hazard.responsible_party
        assert {"unit": "demo_enterprise", "village": "demo_village",
                "agency": "demo_police"}[party] == event.actor.username


def _actions(hazard):
    return list(hazard.events.order_by("at", "pk").values_list("action", flat=True))


def test_hazards_are_spread_over_the_year_and_their_history_in_order(hazards):
    start, today = window()
    months = {timezone.localtime(h.discovered_at).strftime("%Y-%m") for h in hazards}
    assert len(months) >= 10
    now = timezone.now()
    for hazard in hazards.prefetch_related("events"):
        assert start <= timezone.localdate(hazard.discovered_at) < today
        times = [e.at for e in hazard.events.all()]  # ordered by at
        assert [e.action for e in hazard.events.all()][0] == "report"
        assert times[0] >= hazard.discovered_at and times[-1] < now
        assert list(hazard.events.order_by("pk").values_list("at", flat=True)) == times
        if hazard.assigned_at:
            assert hazard.discovered_at < hazard.assigned_at < now
    numbers = [h.number for h in hazards.order_by("discovered_at")]
    assert all(re.fullmatch(r"YH\d{4}-\d{6}", n) for n in numbers)


def test_records_and_plans_of_every_kind(town):
    start, today = window()
    records = InspectionRecord.objects.all()
    assert 1500 <= records.count() <= 3500
    assert set(records.values_list("kind", flat=True)) == set(PlanKind.values)
    assert set(InspectionPlan.objects.values_list("kind", flat=True)) >= set(PlanKind.values) - {
        PlanKind.GRID_PATROL}
    assert not records.filter(inspected_at__gte=timezone.now()).exists()
    assert not records.filter(inspected_at__lt=timezone.make_aware(
        dt.datetime.combine(start, dt.time.min))).exists()
    joint = InspectionPlan.objects.filter(kind=PlanKind.JOINT_ENFORCEMENT).annotate(
        n=Count("organisations"))
    assert all(p.n >= 3 for p in joint)
    names = " ".join(InspectionPlan.objects.filter(kind=PlanKind.KEY_PERIOD).values_list("name", flat=True))
    assert "春节" in names and "两会" in names and "国庆" in names
    assert InspectionPlan.objects.filter(status=PlanStatus.CLOSED).exists()
    assert InspectionPlan.objects.filter(status=PlanStatus.ACTIVE).exists()
    tasks = Counter(InspectionTask.objects.values_list("status", flat=True))
    assert tasks[TaskStatus.DONE] > 1000 and tasks[TaskStatus.PENDING]
    assert InspectionRecord.objects.filter(kind=PlanKind.SELF_CHECK, unit__name="三门峡西张村机械厂",
                                           created_by__username="demo_enterprise").count() >= 10
    assert InspectionRecord.objects.filter(kind=PlanKind.EXPERT_MONTHLY,
                                           created_by__username="demo_expert").count() >= 50
    # more often where the risk is higher
    per_unit = dict(Unit.objects.annotate(n=Count("inspection_records")).values_list("name", "n"))
    red = [per_unit[u.name] for u in Unit.objects.filter(risk_level="red")]
    blue = [per_unit[u.name] for u in Unit.objects.filter(risk_level="blue")]
    assert min(red) > 30 and sum(blue) / len(blue) < 3
    assert InspectionPhoto.objects.count() >= 30
    assert all(a.verdict in (Verdict.CONFORMS, Verdict.NOT_APPLICABLE, "")
               for a in InspectionAnswer.objects.filter(record__nonconforming_count=0)[:2000])


def test_coverage_is_high_but_not_complete(town):
    start, today = window()
    units = Unit.objects.all()
    year = coverage(units, start, today + dt.timedelta(days=1))
    assert 0.9 * year.total <= year.inspected < year.total
    behind = behind_frequency(units)
    assert 0 < behind.count() < units.count() / 2
    assert behind.filter(name=BEHIND_RED, risk_level="red").exists()
    assert Unit.objects.filter(risk_level="red").exclude(name=BEHIND_RED).exclude(
        pk__in=behind.values("pk")).exists()


def test_a_leader_is_behind_the_weekly_rule(town):
    rows = {(r.rule.rank, r.person.name): r for r in leader_compliance()}
    assert not rows[("party_secretary", "燕生")].behind
    assert rows[("town_head", "钱熙浩")].behind
    assert rows[("party_secretary", "燕生")].recent >= 10


def test_photos_are_small_real_jpegs(town):
    hazard_photos = list(HazardPhoto.objects.all())
    assert len({p.sha256 for p in hazard_photos}) == len(hazard_photos)  # each a photo of its own
    photos = hazard_photos + list(InspectionPhoto.objects.all())  # a discovery photo is in both
    for p in photos:
        assert 2000 <= p.size <= 8000 and p.content_type == "image/jpeg" and p.taken_at
        assert p.exif_latitude and p.width == 200
    data = jpeg("test", "after", timezone.now())  # what they were made from
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (200, 150) and 2000 <= len(data) <= 8000
    assert jpeg("test", "after") == jpeg("test", "after") != jpeg("test2", "after")


def test_running_the_demo_again_adds_no_year(town):
    before = {m.__name__: m.objects.count() for m in MODELS}
    result = build_demo()
    assert sum(result.created.values()) == 0
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert {m.__name__: m.objects.count() for m in MODELS} == before
    line = next(line for line in out.getvalue().splitlines() if line.startswith("台账"))
    assert f"检查记录 {before['InspectionRecord']} 条" in line
    assert f"隐患 {before['Hazard']} 条" in line and "整改中" in line and "已撤销" in line
