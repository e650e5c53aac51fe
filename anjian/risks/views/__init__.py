"""Commitment and risk pages; each module declares its own urlpatterns."""
