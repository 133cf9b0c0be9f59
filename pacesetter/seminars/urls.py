"""Pages of theory seminars, under /seminars/ (namespace "seminars")."""
app_name = "seminars"

urlpatterns = []
