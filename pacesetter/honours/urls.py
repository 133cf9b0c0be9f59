"""Pages of honours (namespace "honours")."""
app_name = "honours"
urlpatterns: list = []
