"""Hazard pages; each module declares its own urlpatterns."""
