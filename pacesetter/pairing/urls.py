"""Pages of pairing, under /pairings/ (namespace "pairing")."""
app_name = "pairing"
urlpatterns: list = []
