"""/api/v1/ endpoints of photo exhibition (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns = []
