"""Writes to the emergency ledgers. Every path (pages, API, demo) calls these services: each is
atomic, checks the owner against the actor's scope, validates, and journals the change."""

from anjian.emergency.services.drills import (
    drill_create,
    drill_problem_add,
    drill_problem_to_hazard,
    drill_requirement_set,
    drill_update,
)
from anjian.emergency.services.incidents import (
    incident_close,
    incident_create,
    incident_event_add,
    incident_update,
)
from anjian.emergency.services.plans import plan_create, plan_update, plan_version_add
from anjian.emergency.services.resources import (
    supply_create,
    supply_stock_change,
    supply_update,
    team_create,
    team_member_add,
    team_member_remove,
    team_update,
)

__all__ = ["drill_create", "drill_problem_add", "drill_problem_to_hazard", "drill_requirement_set",
           "drill_update", "incident_close", "incident_create", "incident_event_add",
           "incident_update", "plan_create", "plan_update", "plan_version_add", "supply_create",
           "supply_stock_change", "supply_update", "team_create", "team_member_add",
           "team_member_remove", "team_update"]
