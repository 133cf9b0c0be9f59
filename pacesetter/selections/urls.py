"""Pages of selections (namespace "selections")."""
app_name = "selections"
urlpatterns: list = []
