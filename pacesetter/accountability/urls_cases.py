"""Supervision notices, accountability cases and the escalation ladder under /accountability/
(namespace "accountability")."""
urlpatterns = []
