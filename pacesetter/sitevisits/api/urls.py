"""/api/v1/ endpoints of on-site observation meetings (included by pacesetter/api/urls.py into the `api` namespace)."""
urlpatterns = []
