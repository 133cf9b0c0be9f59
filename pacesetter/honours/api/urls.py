"""/api/v1/ endpoints of honours (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns: list = []
