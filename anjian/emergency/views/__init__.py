"""Emergency pages; each module declares its own urlpatterns."""
