"""/api/v1/ endpoints of theory seminars (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns = []
