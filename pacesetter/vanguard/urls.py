"""Pages of vanguard, under /vanguard/ (namespace "vanguard")."""
app_name = "vanguard"
urlpatterns: list = []
