"""Pages of the four comparisons, under /compare/ (namespace "comparisons")."""
app_name = "comparisons"

urlpatterns = []
