"""Emergency preparedness (应急管理) models, one module per ledger."""

from anjian.emergency.models.drills import Drill, DrillProblem, DrillRequirement
from anjian.emergency.models.incidents import Incident, IncidentEvent
from anjian.emergency.models.plans import EmergencyPlan, EmergencyPlanVersion
from anjian.emergency.models.resources import EmergencyTeam, SupplyItem, SupplyMovement, TeamMember

__all__ = ["Drill", "DrillProblem", "DrillRequirement", "EmergencyPlan", "EmergencyPlanVersion",
           "EmergencyTeam", "Incident", "IncidentEvent", "SupplyItem", "SupplyMovement",
           "TeamMember"]
