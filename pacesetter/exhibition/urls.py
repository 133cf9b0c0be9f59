"""Pages of photo exhibition, under /exhibition/ (namespace "exhibition")."""
app_name = "exhibition"

urlpatterns = []
