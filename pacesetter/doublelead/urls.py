"""Pages of doublelead, under /double-lead/ (namespace "doublelead")."""
app_name = "doublelead"
urlpatterns: list = []
