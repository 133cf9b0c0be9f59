"""Pages of stages, under /stages/ (namespace "stages")."""
app_name = "stages"
urlpatterns: list = []
