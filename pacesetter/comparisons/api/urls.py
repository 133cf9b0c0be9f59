"""/api/v1/ endpoints of the four comparisons (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns = []
