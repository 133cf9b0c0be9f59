"""/api/v1/ endpoints of pairing (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns: list = []
