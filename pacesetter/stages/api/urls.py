"""/api/v1/ endpoints of stages (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

router = SimpleRouter()

urlpatterns = router.urls
