"""Pages of linkage, under /linkage/ (namespace "linkage")."""
app_name = "linkage"
urlpatterns: list = []
