"""/api/v1/ endpoints of doublelead (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns: list = []
