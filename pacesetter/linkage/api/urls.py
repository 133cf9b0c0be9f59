"""/api/v1/ endpoints of linkage (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns: list = []
