"""/api/v1/ endpoints of selections (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns: list = []
