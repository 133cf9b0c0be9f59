"""Key task pages under /tasks/ (namespace "accountability")."""
urlpatterns = []
