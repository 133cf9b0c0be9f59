"""Pages of on-site observation meetings, under /observation/ (namespace "sitevisits")."""
app_name = "sitevisits"

urlpatterns = []
