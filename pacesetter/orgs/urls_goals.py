"""The county goal framework pages under /goals/ (namespace "goals")."""
app_name = "goals"
urlpatterns = []
