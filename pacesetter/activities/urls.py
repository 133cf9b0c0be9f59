"""Pages of activities, under /activities/ (namespace "activities")."""
app_name = "activities"
urlpatterns: list = []
