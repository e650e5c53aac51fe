"""Property tests of the hazard workflow: random sequences of actions, taken by random personas with
random (sometimes incomplete) data, never reach an invalid state.

After every step: the state is one of the workflow's; a refused action changed nothing (same
version, same state, no new event); an accepted one moved the state exactly as the table says.
Whenever a hazard is closed: if it was assigned, its 五落实 are complete (and a major one has its
dossier and supervising authority); it was either accepted by someone other than the submitter with
an opinion and evidence photos, or fixed on the spot with before and after photos."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anjian.hazards import services as hs
from anjian.hazards.choices import HazardAction, HazardLevel, HazardState, PhotoStage
from anjian.hazards.models import FIVE_ASSURANCE_FIELDS, GOVERNANCE_PLAN_FIELDS, Hazard
from anjian.hazards.workflow import TRANSITIONS, roles_for
from anjian.testing.hazards import MAJOR_DOSSIER, assign_data, report, staged

pytestmark = pytest.mark.django_db

ROLE_OF = {"office": "safety_office", "leader": "leader", "agency": "agency",
           "village_a": "village", "village_b": "village", "grid_a": "grid_worker",
           "enterprise_a": "enterprise", "expert": "expert", "nobody": ""}
PERSONAS = sorted(ROLE_OF)
ACTIONS = [a for a in TRANSITIONS if a != HazardAction.REPORT]


def _data(action: str, complete: bool, draw) -> tuple[dict, list]:
    """Data and photos for an action; `complete=False` drops a required piece at random."""
    today = timezone.localdate()
    data, photos = {}, []
    if action == HazardAction.ASSIGN:
        data = assign_data(responsible_party=draw(st.sampled_from(["unit", "village", "agency"])),
                           **MAJOR_DOSSIER)
    elif action in (HazardAction.SUBMIT, HazardAction.FIX_ON_SPOT):
        data = {"rectification_note": "已整改", "funds_spent": "100"}
        photos = [staged(PhotoStage.AFTER, (0, 180, 0))]
    elif action == HazardAction.ACCEPT:
        data = {"acceptance_opinion": "同意销号", "acceptance_panel": "张三、李四"}
    elif action in (HazardAction.REJECT, HazardAction.EXTEND_DEADLINE):
        data = {"reason": "情况说明", "deadline": (today + dt.timedelta(days=40)).isoformat()}
    elif action == HazardAction.REGRADE:
        data = {"reason": "复核", "level": draw(st.sampled_from(HazardLevel.values)),
                **MAJOR_DOSSIER}
    elif action == HazardAction.CANCEL:
        data = {"cancel_reason": draw(st.sampled_from(["false_report", "duplicate",
                                                       "not_substantiated"]))}
    elif action == HazardAction.ESCALATE:
        data = {"step": "bulletin", "document_number": "西安委办〔2026〕1号"}
    elif action == HazardAction.INTERIM_MEASURES:
        data = {"interim_measures": "设置警戒区"}
    if not complete and data:
        data.pop(draw(st.sampled_from(sorted(data))))
    if not complete and photos and draw(st.booleans()):
        photos = []
    return data, photos


def _check_invariants(hazard: Hazard) -> None:
    assert hazard.state in HazardState.values
    if hazard.state != HazardState.CLOSED:
        return
    if hazard.assigned_at:
        for name in FIVE_ASSURANCE_FIELDS:
            assert getattr(hazard, name) not in (None, ""), name
        if hazard.level == HazardLevel.MAJOR:
            for name in (*GOVERNANCE_PLAN_FIELDS, "supervision_authority"):
                assert getattr(hazard, name), name
    stages = set(hazard.photos.values_list("stage", flat=True))
    if hazard.fixed_on_spot:
        assert stages & {PhotoStage.DISCOVERY, PhotoStage.BEFORE} and PhotoStage.AFTER in stages
    else:
        assert hazard.accepted_by_id and hazard.acceptance_opinion
        assert hazard.accepted_by_id != hazard.submitted_by_id
        assert stages & {PhotoStage.AFTER, PhotoStage.ACCEPTANCE}


def before_state(hazard: Hazard) -> str:
    return Hazard.objects.values_list("state", flat=True).get(pk=hazard.pk)


REACHED: set[str] = set()


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_random_actions_by_random_roles_never_reach_an_invalid_state(world, data):
    u = world.users
    level = data.draw(st.sampled_from(HazardLevel.values))
    hazard = report(u["grid_a"], world.units["shop_a"], level=level)
    for _step in range(data.draw(st.integers(3, 14))):
        # Mostly an action the current state allows, sometimes any: both paths must hold.
        sources = [a for a in ACTIONS if before_state(hazard) in TRANSITIONS[a].sources]
        pool = sources if sources and data.draw(st.integers(0, 3)) else ACTIONS
        action = data.draw(st.sampled_from(pool))
        current = Hazard.objects.get(pk=hazard.pk)
        roles = roles_for(TRANSITIONS[action], current.responsible_party)
        fitting = [p for p in PERSONAS if ROLE_OF[p] in roles]
        persona = data.draw(st.sampled_from(fitting if fitting and data.draw(st.integers(0, 3))
                                            else PERSONAS))
        complete = data.draw(st.booleans()) or data.draw(st.booleans())
        payload, photos = _data(action, complete, data.draw)
        before = Hazard.objects.get(pk=hazard.pk)
        events_before = before.events.count()
        try:
            hazard = hs.hazard_transition(actor=u[persona], hazard=before.pk, action=action,
                                          data=payload, photos=photos,
                                          expected_version=before.version)
        except (ValidationError, PermissionDenied):
            after = Hazard.objects.get(pk=hazard.pk)
            assert (after.state, after.version) == (before.state, before.version)
            assert after.events.count() == events_before
        else:
            target = TRANSITIONS[action].target or before.state
            assert before.state in TRANSITIONS[action].sources
            assert (hazard.state, hazard.version) == (target, before.version + 1)
            assert hazard.events.count() == events_before + 1
        _check_invariants(Hazard.objects.get(pk=hazard.pk))
        REACHED.add(before_state(hazard))


def test_the_random_walks_reached_every_state(world):
    """Guards the property test above against walks that never get far."""
    if not REACHED:  # run on its own: walk first
        test_random_actions_by_random_roles_never_reach_an_invalid_state(world)
    assert REACHED >= {"reported", "assigned", "rectifying", "awaiting_acceptance", "closed",
                       "cancelled"}, REACHED
