"""The hazard workflow of design §2.4 as a plain table: which action moves a hazard from which
states to which, and which roles may take it. `services.hazard_transition` enforces it; pages and the
API list the allowed next steps from the same table. Pure Python: no database access here."""

from __future__ import annotations

from dataclasses import dataclass

from anjian.accounts.choices import Role
from anjian.hazards.choices import OPEN_STATES, HazardAction, HazardState, ResponsibleParty

S = HazardState
A = HazardAction


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change
    roles: frozenset[str]
    responsible_only: bool = False  # only the party the hazard was assigned to


OFFICE = frozenset({Role.SAFETY_OFFICE})
OFFICE_AGENCY = frozenset({Role.SAFETY_OFFICE, Role.AGENCY})
RESPONSIBLE = frozenset({Role.ENTERPRISE, Role.VILLAGE, Role.AGENCY})
REPORTERS = frozenset({Role.SAFETY_OFFICE, Role.AGENCY, Role.VILLAGE, Role.GRID_WORKER,
                       Role.ENTERPRISE, Role.EXPERT, Role.LEADER})

TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    Transition(A.REPORT, (), S.REPORTED, REPORTERS),
    Transition(A.FIX_ON_SPOT, (S.REPORTED,), S.CLOSED, REPORTERS),
    Transition(A.ASSIGN, (S.REPORTED,), S.ASSIGNED, OFFICE_AGENCY),
    Transition(A.ACKNOWLEDGE, (S.ASSIGNED,), S.RECTIFYING, RESPONSIBLE, responsible_only=True),
    Transition(A.EXTEND_DEADLINE, (S.ASSIGNED, S.RECTIFYING), None, OFFICE),
    Transition(A.INTERIM_MEASURES, (S.RECTIFYING,), None, RESPONSIBLE, responsible_only=True),
    Transition(A.SUBMIT, (S.RECTIFYING,), S.AWAITING_ACCEPTANCE, RESPONSIBLE,
               responsible_only=True),
    Transition(A.ACCEPT, (S.AWAITING_ACCEPTANCE,), S.CLOSED, OFFICE_AGENCY),
    Transition(A.REJECT, (S.AWAITING_ACCEPTANCE,), S.RECTIFYING, OFFICE_AGENCY),
    Transition(A.REGRADE, OPEN_STATES, None, OFFICE),
    Transition(A.CANCEL, (S.REPORTED, S.ASSIGNED), S.CANCELLED, OFFICE),
    Transition(A.ESCALATE, OPEN_STATES, None, frozenset({Role.SAFETY_OFFICE, Role.LEADER})),
)}

# Which role acts for each kind of responsible party.
PARTY_ROLES = {
    ResponsibleParty.UNIT: Role.ENTERPRISE,
    ResponsibleParty.VILLAGE: Role.VILLAGE,
    ResponsibleParty.AGENCY: Role.AGENCY,
}


def transition_for(action: str) -> Transition | None:
    return TRANSITIONS.get(action)


def allowed_from(state: str) -> list[Transition]:
    """Actions whose source states include `state` (before role and guard checks)."""
    return [t for t in TRANSITIONS.values() if state in t.sources]


def roles_for(transition: Transition, responsible_party: str) -> frozenset[str]:
    """The roles that may take `transition` on a hazard assigned to `responsible_party`."""
    if not transition.responsible_only:
        return transition.roles
    role = PARTY_ROLES.get(responsible_party)
    return frozenset({role}) if role else frozenset()
